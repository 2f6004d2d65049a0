// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.internal.store;

import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.runtime.Commit;
import io.gridveil.core.runtime.RuntimeChecks;
import io.gridveil.core.runtime.StoreException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plaintext of a stored state (spec/runtime.md §6.4 item 1): u16 count, then count ×
 * (ascii8 name, bytes32 content) in ascending name order, then bytes32 outbox.
 */
final class StateBody {
  static final int MAX_SECTION = 1 << 26;
  static final int MAX_SECTIONS = 65_535;

  private StateBody() {}

  /** A decoded body. */
  static final class Decoded {
    private final TreeMap<String, byte[]> sections;
    private final byte[] outbox;

    Decoded(Map<String, byte[]> sections, byte[] outbox) {
      this.sections = new TreeMap<>(sections);
      this.outbox = outbox;
    }

    /** Returns a sorted, mutable copy of the sections. */
    Map<String, byte[]> sections() {
      return new TreeMap<>(sections);
    }

    byte[] outbox() {
      return outbox;
    }
  }

  static byte[] encode(Map<String, byte[]> sections, byte[] outbox) {
    if (sections.size() > MAX_SECTIONS) {
      throw new IllegalArgumentException("at most 65535 sections");
    }
    CanonicalWriter w = new CanonicalWriter();
    w.u16(sections.size());
    new TreeMap<>(sections).forEach((k, v) -> w.ascii8(k).bytes32(v));
    w.bytes32(outbox);
    return w.toByteArray();
  }

  static Decoded decode(byte[] body) throws StoreException {
    try {
      CanonicalReader r = CanonicalReader.of(body);
      int n = r.u16("state.count");
      TreeMap<String, byte[]> sections = new TreeMap<>();
      String last = null;
      for (int i = 0; i < n; i++) {
        String name = r.ascii8("state.section.name", 64);
        if (!Commit.isValidName(name) || (last != null && name.compareTo(last) <= 0)) {
          throw new StoreException(
              RuntimeChecks.RT_S_05, "section names must be valid and strictly ascending");
        }
        sections.put(name, r.bytes32("state.section.content", MAX_SECTION));
        last = name;
      }
      byte[] outbox = r.bytes32("state.outbox", MAX_SECTION);
      r.requireEnd("state");
      return new Decoded(sections, outbox);
    } catch (MalformedMessageException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "stored state: field " + e.field());
    }
  }
}
