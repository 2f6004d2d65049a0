// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.internal.store;

import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.keys.AgreementKeyHandle;
import io.gridveil.core.keys.SecretKeyHandle;
import io.gridveil.core.keys.SigningKeyHandle;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.KeyAlias;
import io.gridveil.core.runtime.KeyKind;
import io.gridveil.core.runtime.KeyVault;
import io.gridveil.core.runtime.RuntimeChecks;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The software vault (spec/runtime.md §5.2): key material by alias, in memory, written through a
 * {@link Persister} after every change (the file store's {@code keys.gv}; nothing for the
 * in-memory store). Redacted toString.
 */
final class SoftwareKeyVault implements KeyVault {
  static final int SCHEMA = 1;
  static final int MAX_MATERIAL = 4096;

  /** Writes the vault's encoding durably. */
  interface Persister {
    void persist(byte[] encoding) throws StoreException;
  }

  private record Entry(KeyKind kind, SecretBytes material) {}

  private static final Comparator<KeyAlias> ORDER = Comparator.comparing(KeyAlias::value);

  private final TreeMap<KeyAlias, Entry> entries;
  private final Persister persister;

  private SoftwareKeyVault(Map<KeyAlias, Entry> entries, Persister persister) {
    this.entries = new TreeMap<>(ORDER);
    this.entries.putAll(entries);
    this.persister = persister;
  }

  static SoftwareKeyVault empty(Persister persister) {
    return new SoftwareKeyVault(new TreeMap<>(ORDER), persister);
  }

  /** Decodes a vault body: u16 schema, u32 count, count × (ascii8 alias, u8 kind, bytes16 key). */
  static SoftwareKeyVault decode(byte[] body, Persister persister) throws StoreException {
    try {
      CanonicalReader r = CanonicalReader.of(body);
      int schema = r.u16("vault.schema");
      if (schema != SCHEMA) {
        throw new StoreException(RuntimeChecks.RT_S_02, "vault schema " + schema + " is not read here");
      }
      int n = r.u32("vault.count");
      TreeMap<KeyAlias, Entry> entries = new TreeMap<>(ORDER);
      for (int i = 0; i < n; i++) {
        String alias = r.ascii8("vault.alias", 64);
        KeyKind kind = KeyKind.ofCode(r.u8("vault.kind"));
        byte[] material = r.bytes16("vault.key", MAX_MATERIAL);
        try {
          if (!KeyAlias.isValid(alias) || kind == null
              || (kind.length() >= 0 && material.length != kind.length())
              || entries.containsKey(KeyAlias.of(alias))) {
            throw new StoreException(RuntimeChecks.RT_S_05, "malformed vault entry");
          }
          entries.put(KeyAlias.of(alias), new Entry(kind, SecretBytes.copyOf(material)));
        } finally {
          Wipe.bytes(material);
        }
      }
      r.requireEnd("vault");
      return new SoftwareKeyVault(entries, persister);
    } catch (MalformedMessageException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "stored vault: field " + e.field());
    }
  }

  byte[] encode() {
    CanonicalWriter w = new CanonicalWriter().u16(SCHEMA).u32(entries.size());
    for (Map.Entry<KeyAlias, Entry> e : entries.entrySet()) {
      byte[] raw = e.getValue().material().toByteArray(SecretAccess.grant());
      try {
        w.ascii8(e.getKey().value()).u8(e.getValue().kind().code()).bytes16(raw);
      } finally {
        Wipe.bytes(raw);
      }
    }
    return w.toByteArray();
  }

  @Override
  public synchronized void generate(KeyAlias alias, KeyKind kind, RandomSource random)
      throws StoreException {
    if (kind.length() < 0) {
      throw new IllegalArgumentException(kind + " has no software generator");
    }
    put(alias, kind, SecretBytes.random(kind.length(), random));
  }

  @Override
  public synchronized void importKey(KeyAlias alias, KeyKind kind, SecretBytes material)
      throws StoreException {
    if (kind.length() >= 0 && material.length() != kind.length()) {
      throw new IllegalArgumentException(kind + " material must be " + kind.length() + " bytes");
    }
    put(alias, kind, material);
  }

  private void put(KeyAlias alias, KeyKind kind, SecretBytes material) throws StoreException {
    Objects.requireNonNull(alias, "alias");
    if (entries.containsKey(alias)) {
      throw new IllegalArgumentException("alias in use: " + alias);
    }
    entries.put(alias, new Entry(kind, material));
    try {
      persister.persist(encode());
    } catch (StoreException | RuntimeException e) {
      entries.remove(alias);
      throw e;
    }
  }

  @Override
  public synchronized void delete(KeyAlias alias) throws StoreException {
    Entry old = entries.remove(alias);
    if (old == null) {
      return;
    }
    try {
      persister.persist(encode());
    } catch (StoreException | RuntimeException e) {
      entries.put(alias, old);
      throw e;
    }
  }

  @Override
  public synchronized Optional<KeyKind> kindOf(KeyAlias alias) {
    return Optional.ofNullable(entries.get(alias)).map(Entry::kind);
  }

  private Entry resolve(KeyAlias alias, KeyKind kind) throws StoreException {
    Entry e = entries.get(alias);
    if (e == null || e.kind() != kind) {
      throw new StoreException(
          RuntimeChecks.RT_S_04, "alias " + alias + " does not resolve to a " + kind + " key");
    }
    return e;
  }

  @Override
  public synchronized SigningKeyHandle signingKey(KeyAlias alias) throws StoreException {
    return Ed25519SigningKey.fromSeed(resolve(alias, KeyKind.ED25519).material());
  }

  @Override
  public synchronized AgreementKeyHandle agreementKey(KeyAlias alias) throws StoreException {
    resolve(alias, KeyKind.X25519);
    // TODO(issue 18, runtime.md §9): X25519 handles arrive with the core.ec move.
    throw new UnsupportedOperationException("software X25519 handles arrive with runtime.md §9");
  }

  @Override
  public synchronized SecretKeyHandle secretKey(KeyAlias alias, KeyKind kind)
      throws StoreException {
    if (kind != KeyKind.SECRET_32 && kind != KeyKind.AES_256) {
      throw new IllegalArgumentException("a derivation secret is SECRET_32 or AES_256");
    }
    return new SoftwareSecretKey(resolve(alias, kind).material());
  }

  @Override
  public synchronized SecretBytes exportKey(KeyAlias alias, KeyKind kind, SecretAccess access)
      throws StoreException {
    Objects.requireNonNull(access, "access");
    return resolve(alias, kind).material();
  }

  @Override
  public synchronized String toString() {
    return "SoftwareKeyVault[" + entries.size() + " keys, redacted]";
  }
}
