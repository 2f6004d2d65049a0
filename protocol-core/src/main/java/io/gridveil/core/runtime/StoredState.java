// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.MalformedMessageException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state of a role's last commit, as loaded (spec/runtime.md §6.1): its sequence number, its
 * sections and the outbox it released. Copies its arrays in and out.
 */
public final class StoredState {
  private final long sequence;
  private final Map<String, byte[]> sections;
  private final byte[] outbox;

  /**
   * Creates a loaded state.
   *
   * @param sequence the last commit's sequence number
   * @param sections every section by name, copied
   * @param outbox the last commit's encoded outbox, copied
   */
  public StoredState(long sequence, Map<String, byte[]> sections, byte[] outbox) {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be non-negative");
    }
    TreeMap<String, byte[]> s = new TreeMap<>();
    sections.forEach((k, v) -> s.put(Commit.checkName(k), v.clone()));
    this.sequence = sequence;
    this.sections = Collections.unmodifiableMap(s);
    this.outbox = outbox.clone();
  }

  /**
   * Returns the sequence number of the last commit.
   *
   * @return the sequence number
   */
  public long sequence() {
    return sequence;
  }

  /**
   * Returns the section names, sorted.
   *
   * @return the names
   */
  public java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(new java.util.TreeSet<String>(sections.keySet()));
  }

  /**
   * Returns a section's content.
   *
   * @param name the section name
   * @return a copy of its content, empty if there is no such section
   */
  public Optional<byte[]> section(String name) {
    byte[] b = sections.get(name);
    return b == null ? Optional.empty() : Optional.of(b.clone());
  }

  /**
   * Opens a section for strict decoding after its u16 schema version (spec/runtime.md §6.2).
   *
   * @param name the section name
   * @param schema the one schema version this release reads
   * @return a reader positioned after the schema version
   * @throws StoreException RT-S-05 if the section is missing or has no schema version, RT-S-02 if
   *     its schema version is another
   */
  public CanonicalReader reader(String name, int schema) throws StoreException {
    byte[] b = sections.get(name);
    if (b == null) {
      throw new StoreException(RuntimeChecks.RT_S_05, "section " + name + " missing");
    }
    CanonicalReader r = CanonicalReader.of(b.clone());
    int stored;
    try {
      stored = r.u16(name + ".schema");
    } catch (MalformedMessageException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "section " + name + ": no schema");
    }
    if (stored != schema) {
      throw new StoreException(
          RuntimeChecks.RT_S_02, "section " + name + " schema " + stored + " is not read here");
    }
    return r;
  }

  /**
   * Returns every section, copied.
   *
   * @return the sections by name, sorted
   */
  public Map<String, byte[]> sections() {
    TreeMap<String, byte[]> copy = new TreeMap<>();
    sections.forEach((k, v) -> copy.put(k, v.clone()));
    return copy;
  }

  /**
   * Returns the last commit's encoded outbox.
   *
   * @return a copy
   */
  public byte[] outbox() {
    return outbox.clone();
  }

  @Override
  public String toString() {
    return "StoredState[sequence=" + sequence + ", sections=" + sections.keySet() + "]";
  }
}
