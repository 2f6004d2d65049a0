// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.internal;

import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.keys.SigningKeyHandle;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.runtime.KeyAlias;
import io.gridveil.core.runtime.KeyKind;
import io.gridveil.core.runtime.KeyVault;
import io.gridveil.core.runtime.RuntimeChecks;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.StoredState;
import io.gridveil.core.secret.SecretBytes;

/**
 * What the EDAT and PSA handles share (spec/runtime.md §5.2, §6.2): reading a state section with
 * its schema version, and the keys of a vault in the types the parties and endpoints take.
 */
public final class HandleSupport {
  /** The schema version every section of this module starts with (spec/runtime.md §6.2). */
  public static final int SCHEMA = 1;

  private HandleSupport() {}

  /**
   * Carries a party's refusal at a fresh set-up out of an endpoint factory, which may throw only
   * {@link StoreException}; the handle's {@code open} catches it and throws {@link #refusal()}.
   */
  public static final class SetUpRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialised: caught in the handle's open
    private final io.gridveil.core.ProtocolViolationException refusal;

    /**
     * Wraps a refusal.
     *
     * @param refusal the party's refusal
     */
    public SetUpRefused(io.gridveil.core.ProtocolViolationException refusal) {
      super(refusal);
      this.refusal = refusal;
    }

    /**
     * Returns the party's refusal.
     *
     * @return the refusal
     */
    public io.gridveil.core.ProtocolViolationException refusal() {
      return refusal;
    }
  }

  /**
   * Returns the X25519 key under an alias.
   *
   * @param vault the role's vault
   * @param alias the key's alias
   * @return the private key
   * @throws StoreException RT-S-04 if the alias does not resolve to an X25519 key
   */
  public static io.gridveil.core.ec.X25519PrivateKey agreementKey(KeyVault vault, KeyAlias alias)
      throws StoreException {
    return io.gridveil.core.ec.X25519PrivateKey.fromScalar(
        vault.exportKey(alias, KeyKind.X25519, io.gridveil.core.secret.SecretAccess.grant()));
  }

  /**
   * Reads a u32 count, then that many u8 flags that are 0 or 1.
   *
   * @param r the reader
   * @param field the field's name
   * @param max the largest count
   * @return the flags
   * @throws MalformedMessageException if the count exceeds {@code max} or a flag is not 0 or 1
   */
  public static boolean[] flags(CanonicalReader r, String field, int max)
      throws MalformedMessageException {
    int n = r.u32(field + ".count");
    if (n > max) {
      throw new MalformedMessageException(RuntimeChecks.RT_S_05, field, "too many flags");
    }
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      int b = r.u8(field);
      if (b > 1) {
        throw new MalformedMessageException(RuntimeChecks.RT_S_05, field, "flag not 0 or 1");
      }
      out[i] = b == 1;
    }
    return out;
  }

  /**
   * Writes a u32 count, then one u8 flag per entry.
   *
   * @param w the writer
   * @param flags the flags
   */
  public static void flags(io.gridveil.core.codec.CanonicalWriter w, boolean[] flags) {
    w.u32(flags.length);
    for (boolean b : flags) {
      w.u8(b ? 1 : 0);
    }
  }

  /**
   * Parses the round of a section named {@code round/<j>}.
   *
   * @param name the section's name
   * @return j
   * @throws StoreException RT-S-05 if the name is not {@code round/} and a canonical decimal
   */
  public static long roundOf(String name) throws StoreException {
    String digits = name.substring(name.indexOf('/') + 1);
    if (!name.startsWith("round/") || !digits.matches("0|[1-9][0-9]{0,18}")) {
      throw new StoreException(RuntimeChecks.RT_S_05, "malformed section name");
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "malformed section name");
    }
  }

  /**
   * Opens a stored section after its u16 schema version.
   *
   * @param state the stored state
   * @param name the section's name
   * @return a reader positioned after the schema version
   * @throws StoreException RT-S-05 if the section is missing or has no schema version, RT-S-02
   *     if its schema version is not 1
   */
  public static CanonicalReader section(StoredState state, String name) throws StoreException {
    return state.reader(name, SCHEMA);
  }

  /**
   * Imports a key into the vault unless the alias is already held (a reopened role keeps the
   * key it imported first).
   *
   * @param vault the role's vault
   * @param alias the key's alias
   * @param kind the key's kind
   * @param material the key material
   * @throws StoreException if the vault cannot persist the key
   */
  public static void importOnce(KeyVault vault, KeyAlias alias, KeyKind kind, SecretBytes material)
      throws StoreException {
    if (vault.kindOf(alias).isEmpty()) {
      vault.importKey(alias, kind, material);
    }
  }

  /**
   * Generates a key in the vault unless the alias is already held.
   *
   * @param vault the role's vault
   * @param alias the key's alias
   * @param kind the key's kind
   * @param random the injected random source
   * @throws StoreException if the vault cannot persist the key
   */
  public static void generateOnce(
      KeyVault vault, KeyAlias alias, KeyKind kind, io.gridveil.core.random.RandomSource random)
      throws StoreException {
    if (vault.kindOf(alias).isEmpty()) {
      vault.generate(alias, kind, random);
    }
  }

  /**
   * Returns the Ed25519 key under an alias as the endpoint's key type.
   *
   * @param vault the role's vault
   * @param alias the key's alias
   * @return the signing key
   * @throws StoreException RT-S-04 if the alias does not resolve to a software Ed25519 key (the
   *     endpoint takes {@link Ed25519SigningKey} until it takes {@link SigningKeyHandle})
   */
  public static Ed25519SigningKey signingKey(KeyVault vault, KeyAlias alias)
      throws StoreException {
    SigningKeyHandle h = vault.signingKey(alias);
    if (h instanceof Ed25519SigningKey k) {
      return k;
    }
    throw new StoreException(RuntimeChecks.RT_S_04, "alias " + alias + " is not a software key");
  }
}
