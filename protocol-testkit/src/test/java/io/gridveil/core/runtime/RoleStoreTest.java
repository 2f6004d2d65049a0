// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.kdf.Label;
import io.gridveil.core.keys.SigningKeyHandle;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec/runtime.md §6.1, §6.3, §6.4 and §5.2: the in-memory and file stores and the vault. */
class RoleStoreTest {
  static final GroupId G = new GroupId("feeder-7");
  static final RoleAddress METER = RoleAddress.meter(G, new MeterId("m-1"));
  static final byte[] MARKER = "plaintext-marker-4217".getBytes(StandardCharsets.US_ASCII);

  static Commit commit(long seq, String name, byte[] content) {
    return new Commit(seq, Map.of(name, content), Set.of(), new byte[] {(byte) seq});
  }

  static StoreException assertStoreCheck(String id, org.junit.jupiter.api.function.Executable call) {
    StoreException e = assertThrows(StoreException.class, call);
    assertEquals(Optional.of(io.gridveil.core.CheckId.of(id)), e.checkId(), e.getMessage());
    return e;
  }

  @Test
  void inMemory_commitsAndLoadsSectionsAndOutbox_refusesAnotherOwner() throws Exception {
    RoleStore s = RoleStore.inMemory();
    assertEquals(Optional.empty(), s.load(METER));
    s.commit(commit(0, "role", new byte[] {1}));
    s.commit(new Commit(1, Map.of("round/3", new byte[] {3}), Set.of("role"), new byte[] {9}));
    StoredState st = s.load(METER).orElseThrow();
    assertEquals(1, st.sequence());
    assertEquals(Set.of("round/3"), st.names());
    assertArrayEquals(new byte[] {9}, st.outbox());
    assertThrows(IllegalArgumentException.class, () -> s.commit(commit(5, "role", new byte[0])));
    assertStoreCheck("RT-S-03", () -> s.load(RoleAddress.meter(G, new MeterId("m-2"))));
  }

  @Test
  void file_reopenRestoresTheLastCommit_andNeverHoldsPlaintext(@TempDir Path dir)
      throws Exception {
    StorageKey key = StorageKey.generate(DeterministicRandomSource.fromSeed(1));
    try (RoleStore s = RoleStore.file(dir, key)) {
      assertEquals(Optional.empty(), s.load(METER));
      s.commit(commit(0, "role", MARKER));
      s.commit(commit(1, "marks", new byte[] {7}));
    }
    byte[] file = Files.readAllBytes(dir.resolve("state.gv"));
    assertFalse(new String(file, StandardCharsets.ISO_8859_1)
        .contains(new String(MARKER, StandardCharsets.ISO_8859_1)), "state is encrypted");
    assertEquals("GVRS", new String(file, 0, 4, StandardCharsets.US_ASCII));
    try (RoleStore s = RoleStore.file(dir, key)) {
      StoredState st = s.load(METER).orElseThrow();
      assertEquals(1, st.sequence());
      assertArrayEquals(MARKER, st.section("role").orElseThrow());
      assertArrayEquals(new byte[] {7}, st.section("marks").orElseThrow());
      assertArrayEquals(new byte[] {1}, st.outbox());
    }
  }

  @Test
  void file_sameStateTwice_isSealedUnderFreshNonces(@TempDir Path dir) throws Exception {
    StorageKey key = StorageKey.generate(DeterministicRandomSource.fromSeed(2));
    try (RoleStore s = RoleStore.file(dir, key)) {
      s.load(METER);
      s.commit(new Commit(0, Map.of("role", MARKER), Set.of(), new byte[0]));
      byte[] first = Files.readAllBytes(dir.resolve("state.gv"));
      s.commit(new Commit(1, Map.of(), Set.of(), new byte[0]));
      byte[] second = Files.readAllBytes(dir.resolve("state.gv"));
      int headerEnd = 4 + 1 + 1 + 1 + G.value().length() + 1 + 3 + 4 + 8;
      assertFalse(java.util.Arrays.equals(
          java.util.Arrays.copyOfRange(first, headerEnd, headerEnd + 12),
          java.util.Arrays.copyOfRange(second, headerEnd, headerEnd + 12)));
    }
  }

  @Test
  void file_tamperedCiphertextOrWrongKey_isRtS01(@TempDir Path dir) throws Exception {
    StorageKey key = StorageKey.generate(DeterministicRandomSource.fromSeed(3));
    try (RoleStore s = RoleStore.file(dir, key)) {
      s.load(METER);
      s.commit(commit(0, "role", MARKER));
    }
    Path state = dir.resolve("state.gv");
    byte[] good = Files.readAllBytes(state);
    byte[] bad = good.clone();
    bad[bad.length - 20] ^= 1;
    Files.write(state, bad);
    try (RoleStore s = RoleStore.file(dir, key)) {
      assertStoreCheck("RT-S-01", () -> s.load(METER));
    }
    Files.write(state, good);
    StorageKey other = StorageKey.generate(DeterministicRandomSource.fromSeed(4));
    try (RoleStore s = RoleStore.file(dir, other)) {
      assertStoreCheck("RT-S-01", () -> s.load(METER));
    }
    Files.write(state, java.util.Arrays.copyOf(good, 30));
    try (RoleStore s = RoleStore.file(dir, key)) {
      assertStoreCheck("RT-S-01", () -> s.load(METER));
    }
  }

  @Test
  void file_newerFormatOrUnknownMagic_isRtS02(@TempDir Path dir) throws Exception {
    StorageKey key = StorageKey.generate(DeterministicRandomSource.fromSeed(5));
    try (RoleStore s = RoleStore.file(dir, key)) {
      s.load(METER);
      s.commit(commit(0, "role", MARKER));
    }
    Path state = dir.resolve("state.gv");
    byte[] good = Files.readAllBytes(state);
    byte[] newer = good.clone();
    newer[4] = 2;
    Files.write(state, newer);
    try (RoleStore s = RoleStore.file(dir, key)) {
      assertStoreCheck("RT-S-02", () -> s.load(METER));
    }
    byte[] magic = good.clone();
    magic[0] = 'X';
    Files.write(state, magic);
    try (RoleStore s = RoleStore.file(dir, key)) {
      assertStoreCheck("RT-S-02", () -> s.load(METER));
    }
  }

  @Test
  void file_otherRoleGroupOrPrincipal_isRtS03(@TempDir Path dir) throws Exception {
    StorageKey key = StorageKey.generate(DeterministicRandomSource.fromSeed(6));
    try (RoleStore s = RoleStore.file(dir, key)) {
      s.load(METER);
      s.commit(commit(0, "role", MARKER));
    }
    for (RoleAddress other : new RoleAddress[] {
        RoleAddress.meter(G, new MeterId("m-2")),
        RoleAddress.meter(new GroupId("feeder-8"), new MeterId("m-1")),
        RoleAddress.of(G, Role.SUPPLIER)}) {
      try (RoleStore s = RoleStore.file(dir, key)) {
        assertStoreCheck("RT-S-03", () -> s.load(other));
      }
    }
  }

  @Test
  void file_leftoverTmpIsIgnoredAndRemoved(@TempDir Path dir) throws Exception {
    StorageKey key = StorageKey.generate(DeterministicRandomSource.fromSeed(7));
    try (RoleStore s = RoleStore.file(dir, key)) {
      s.load(METER);
      s.commit(commit(0, "role", MARKER));
    }
    Files.write(dir.resolve("state.gv.tmp"), new byte[] {1, 2, 3});
    try (RoleStore s = RoleStore.file(dir, key)) {
      assertArrayEquals(MARKER, s.load(METER).orElseThrow().section("role").orElseThrow());
      assertFalse(Files.exists(dir.resolve("state.gv.tmp")));
    }
  }

  @Test
  void file_secondOpenerIsRefusedUntilTheFirstCloses(@TempDir Path dir) throws Exception {
    StorageKey key = StorageKey.generate(DeterministicRandomSource.fromSeed(8));
    RoleStore first = RoleStore.file(dir, key);
    StoreException e = assertThrows(StoreException.class, () -> RoleStore.file(dir, key));
    assertEquals(Optional.empty(), e.checkId());
    first.close();
    RoleStore.file(dir, key).close();
    assertThrows(IllegalStateException.class, () -> first.load(METER));
  }

  @Test
  void file_previousKeyLoads_nextCommitIsSealedUnderTheNewKey(@TempDir Path dir)
      throws Exception {
    StorageKey old = StorageKey.generate(DeterministicRandomSource.fromSeed(9));
    StorageKey fresh = StorageKey.generate(DeterministicRandomSource.fromSeed(10));
    try (RoleStore s = RoleStore.file(dir, old)) {
      s.load(METER);
      s.commit(commit(0, "role", MARKER));
    }
    try (RoleStore s = RoleStore.file(dir, fresh, old)) {
      assertArrayEquals(MARKER, s.load(METER).orElseThrow().section("role").orElseThrow());
      s.commit(commit(1, "marks", new byte[] {1}));
    }
    try (RoleStore s = RoleStore.file(dir, old)) {
      assertStoreCheck("RT-S-01", () -> s.load(METER));
    }
    try (RoleStore s = RoleStore.file(dir, fresh)) {
      assertEquals(1, s.load(METER).orElseThrow().sequence());
    }
  }

  @Test
  void vault_keysSurviveReopen_unknownOrMistypedAliasIsRtS04(@TempDir Path dir)
      throws Exception {
    StorageKey key = StorageKey.generate(DeterministicRandomSource.fromSeed(11));
    KeyAlias device = KeyAlias.of("cmt.meter.device");
    KeyAlias ms = KeyAlias.of("cmt.meter.ms");
    byte[] publicKey;
    byte[] derived;
    byte[] ctx = {1, 2};
    Label label = Label.of("gridveil-v1 cmt k_i1");
    try (RoleStore s = RoleStore.file(dir, key)) {
      s.load(METER);
      s.vault().generate(device, KeyKind.ED25519, DeterministicRandomSource.fromSeed(12));
      s.vault().importKey(ms, KeyKind.SECRET_32, SecretBytes.copyOf(new byte[32]));
      SigningKeyHandle k = s.vault().signingKey(device);
      publicKey = k.publicKey().toBytes();
      derived = s.vault().secretKey(ms, KeyKind.SECRET_32).derive(label, ctx, 16)
          .toByteArray(SecretAccess.grant());
      assertThrows(IllegalArgumentException.class,
          () -> s.vault().generate(device, KeyKind.ED25519, DeterministicRandomSource.fromSeed(1)));
    }
    try (RoleStore s = RoleStore.file(dir, key)) {
      s.load(METER);
      assertArrayEquals(publicKey, s.vault().signingKey(device).publicKey().toBytes());
      assertArrayEquals(derived, s.vault().secretKey(ms, KeyKind.SECRET_32).derive(label, ctx, 16)
          .toByteArray(SecretAccess.grant()));
      assertStoreCheck("RT-S-04", () -> s.vault().signingKey(ms));
      assertStoreCheck("RT-S-04", () -> s.vault().signingKey(KeyAlias.of("absent")));
      s.vault().delete(ms);
      assertEquals(Optional.empty(), s.vault().kindOf(ms));
    }
    try (RoleStore s = RoleStore.file(dir, key)) {
      s.load(METER);
      assertEquals(Optional.empty(), s.vault().kindOf(ms));
      assertEquals(Optional.of(KeyKind.ED25519), s.vault().kindOf(device));
    }
    assertFalse(new String(Files.readAllBytes(dir.resolve("keys.gv")), StandardCharsets.ISO_8859_1)
        .contains("cmt.meter.device"), "the vault file is encrypted");
  }

  @Test
  void vault_exportKey_returnsTheImportedMaterialAfterReopen_mistypedAliasIsRtS04(
      @TempDir Path dir) throws Exception {
    StorageKey key = StorageKey.generate(DeterministicRandomSource.fromSeed(13));
    KeyAlias sk = KeyAlias.of("psa.meter.sk");
    byte[] material = new byte[32];
    for (int i = 0; i < material.length; i++) {
      material[i] = (byte) (3 * i + 1);
    }
    try (RoleStore s = RoleStore.file(dir, key)) {
      s.load(METER);
      s.vault().importKey(sk, KeyKind.P256_SCALAR, SecretBytes.copyOf(material));
    }
    try (RoleStore s = RoleStore.file(dir, key)) {
      s.load(METER);
      assertArrayEquals(material, s.vault().exportKey(sk, KeyKind.P256_SCALAR, SecretAccess.grant())
          .toByteArray(SecretAccess.grant()));
      assertStoreCheck("RT-S-04",
          () -> s.vault().exportKey(sk, KeyKind.SECRET_32, SecretAccess.grant()));
      assertStoreCheck("RT-S-04", () -> s.vault().exportKey(
          KeyAlias.of("absent"), KeyKind.P256_SCALAR, SecretAccess.grant()));
    }
    try (RoleStore s = RoleStore.inMemory()) {
      s.load(METER);
      s.vault().importKey(sk, KeyKind.P256_SCALAR, SecretBytes.copyOf(material));
      assertArrayEquals(material, s.vault().exportKey(sk, KeyKind.P256_SCALAR, SecretAccess.grant())
          .toByteArray(SecretAccess.grant()));
    }
  }

  @Test
  void aliasesAndKeysAreValidatedAndRedacted() {
    assertThrows(IllegalArgumentException.class, () -> KeyAlias.of(""));
    assertThrows(IllegalArgumentException.class, () -> KeyAlias.of("a b"));
    assertThrows(IllegalArgumentException.class, () -> KeyAlias.of("x".repeat(65)));
    assertEquals("seal.m-2:7", KeyAlias.of("seal.m-2:7").value());
    byte[] raw = new byte[32];
    raw[0] = 0x5a;
    StorageKey k = StorageKey.fromBytes(raw, SecretAccess.grant());
    assertEquals("StorageKey[redacted]", k.toString());
    assertArrayEquals(raw, k.toBytes(SecretAccess.grant()));
    assertThrows(IllegalArgumentException.class,
        () -> StorageKey.fromBytes(new byte[31], SecretAccess.grant()));
    assertThrows(IllegalArgumentException.class,
        () -> new Commit(0, Map.of("Role", new byte[0]), Set.of(), new byte[0]));
    assertThrows(IllegalArgumentException.class,
        () -> new Commit(0, Map.of("role", new byte[0]), Set.of("role"), new byte[0]));
  }
}
