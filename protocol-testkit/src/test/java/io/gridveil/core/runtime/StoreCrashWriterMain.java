// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.secret.SecretAccess;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The child of {@link StoreCrashTest}: commits an increasing counter through a file store, the
 * counter's encoding as the outbox, and prints each counter after its commit returned (the
 * release of spec/runtime.md §6.1 item 1), until it is killed.
 */
public final class StoreCrashWriterMain {
  static final RoleAddress OWNER = RoleAddress.meter(new GroupId("crash"), new MeterId("m-1"));

  private StoreCrashWriterMain() {}

  static StorageKey key() {
    byte[] k = new byte[32];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (i * 7 + 3);
    }
    return StorageKey.fromBytes(k, SecretAccess.grant());
  }

  static byte[] encode(long n) {
    return new CanonicalWriter().u64(n).toByteArray();
  }

  static long decode(byte[] b) throws Exception {
    CanonicalReader r = CanonicalReader.of(b);
    long n = r.u64("counter");
    r.requireEnd("counter");
    return n;
  }

  /**
   * Runs the writer.
   *
   * @param args the store directory
   * @throws Exception on any failure (the parent then sees no progress)
   */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.US_ASCII);
    try (RoleStore store = RoleStore.file(Path.of(args[0]), key())) {
      var loaded = store.load(OWNER);
      long seq = loaded.map(StoredState::sequence).orElse(-1L);
      long n = loaded.isPresent() ? decode(loaded.get().section("counter").orElseThrow()) : -1;
      while (true) {
        n++;
        seq++;
        store.commit(new Commit(seq, Map.of("counter", encode(n)), Set.of(), encode(n)));
        out.println(n);
      }
    }
  }
}
