// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.keys.AgreementKeyHandle;
import io.gridveil.core.keys.SecretKeyHandle;
import io.gridveil.core.keys.SigningKeyHandle;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import java.util.Optional;

/**
 * A role's keys, by alias (spec/runtime.md §5.2 item 3). Parties and stored state hold aliases;
 * the key material stays here (in a software vault, in the encrypted {@code keys.gv} of a file
 * store, or in a hardware token later). Every change is durable on return.
 */
public interface KeyVault {
  /**
   * Generates a key of a kind under an alias, inside the vault.
   *
   * @param alias the alias, not yet in use
   * @param kind the kind
   * @param random the random source to draw it from
   * @throws StoreException if the vault could not be written
   * @throws IllegalArgumentException if the alias is in use or the kind has no software generator
   */
  void generate(KeyAlias alias, KeyKind kind, RandomSource random) throws StoreException;

  /**
   * Imports key material (from a kit) under an alias.
   *
   * @param alias the alias, not yet in use
   * @param kind the kind
   * @param material the key material, of the kind's length
   * @throws StoreException if the vault could not be written
   * @throws IllegalArgumentException if the alias is in use or the material's length is wrong
   */
  void importKey(KeyAlias alias, KeyKind kind, SecretBytes material) throws StoreException;

  /**
   * Deletes a key; deleting an absent alias does nothing.
   *
   * @param alias the alias
   * @throws StoreException if the vault could not be written
   */
  void delete(KeyAlias alias) throws StoreException;

  /**
   * Tells the kind of the key under an alias.
   *
   * @param alias the alias
   * @return its kind, empty if there is no such key
   */
  Optional<KeyKind> kindOf(KeyAlias alias);

  /**
   * Returns the signing key under an alias.
   *
   * @param alias an alias held in stored state or configuration
   * @return the key handle
   * @throws StoreException RT-S-04 if the alias does not resolve to an ED25519 key
   */
  SigningKeyHandle signingKey(KeyAlias alias) throws StoreException;

  /**
   * Returns the agreement key under an alias.
   *
   * @param alias an alias held in stored state or configuration
   * @return the key handle
   * @throws StoreException RT-S-04 if the alias does not resolve to an X25519 key
   */
  AgreementKeyHandle agreementKey(KeyAlias alias) throws StoreException;

  /**
   * Returns the derivation secret under an alias (SECRET_32 or AES_256).
   *
   * @param alias an alias held in stored state or configuration
   * @param kind SECRET_32 or AES_256
   * @return the key handle
   * @throws StoreException RT-S-04 if the alias does not resolve to a key of that kind
   */
  SecretKeyHandle secretKey(KeyAlias alias, KeyKind kind) throws StoreException;

  /**
   * Returns a copy of a software key's material, through the secret door (spec/runtime.md §5.2
   * item 3, §5.3 item 1), for a party whose key kind has no key-use interface yet (P256_SCALAR:
   * the PSA keys, X25519 until core.ec's private key serves {@link AgreementKeyHandle}). A vault
   * that keeps its keys non-exportable (issue 22) keeps the default, which refuses.
   *
   * @param alias an alias held in stored state or configuration
   * @param kind the key's kind
   * @param access the secret door
   * @return the key material
   * @throws StoreException RT-S-04 if the alias does not resolve to a key of that kind
   * @throws UnsupportedOperationException if this vault does not export keys
   */
  default SecretBytes exportKey(KeyAlias alias, KeyKind kind, SecretAccess access)
      throws StoreException {
    throw new UnsupportedOperationException("this vault does not export keys");
  }
}
