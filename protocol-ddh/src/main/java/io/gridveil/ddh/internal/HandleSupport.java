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
   * Opens a stored section after its u16 schema version.
   *
   * @param state the stored state
   * @param name the section's name
   * @return a reader positioned after the schema version
   * @throws StoreException RT-S-05 if the section is missing or has no schema version, RT-S-02
   *     if its schema version is not 1
   */
  public static CanonicalReader section(StoredState state, String name) throws StoreException {
    byte[] b = state.section(name).orElseThrow(
        () -> new StoreException(RuntimeChecks.RT_S_05, "section " + name + " missing"));
    CanonicalReader r = CanonicalReader.of(b);
    int schema;
    try {
      schema = r.u16(name + ".schema");
    } catch (MalformedMessageException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "section " + name + ": no schema");
    }
    if (schema != SCHEMA) {
      throw new StoreException(
          RuntimeChecks.RT_S_02, "section " + name + " schema " + schema + " is not read here");
    }
    return r;
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
