// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.GroupId;
import io.gridveil.core.Token;
import io.gridveil.core.secret.SecretBytes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The supplier's registered tokens and their MAC keys (spec/auth.md §6.2): the supplier learns a
 * token's public key from the registration, never the meter's identity. Immutable.
 */
public final class ReadingKeyring {
  private final X25519KeyPair supplierKeys;
  private final Map<Token, SecretBytes> keys;

  private ReadingKeyring(X25519KeyPair supplierKeys, Map<Token, SecretBytes> keys) {
    this.supplierKeys = supplierKeys;
    this.keys = keys;
  }

  /**
   * Returns an empty keyring for the supplier's reading key pair.
   *
   * @param supplierKeys the supplier's X25519 key pair
   * @return the keyring
   */
  public static ReadingKeyring empty(X25519KeyPair supplierKeys) {
    return new ReadingKeyring(supplierKeys, Map.of());
  }

  /**
   * Registers a token's public key for a group epoch (the supplier's side of §6.2).
   *
   * @param tokenKey pk_T, from a verified token registration
   * @param group the group
   * @param epoch the group's key epoch
   * @return the keyring with the token added
   * @throws AuthenticationException AUTH-V-14 if pk_T is of small order
   */
  public ReadingKeyring register(X25519PublicKey tokenKey, GroupId group, long epoch)
      throws AuthenticationException {
    SecretBytes shared = supplierKeys.agree(tokenKey);
    SecretBytes mac =
        ReadingKey.macKey(shared, group, epoch, tokenKey, supplierKeys.publicKey());
    Map<Token, SecretBytes> m = new HashMap<>(keys);
    m.put(ReadingKey.tokenOf(tokenKey), mac);
    return new ReadingKeyring(supplierKeys, Map.copyOf(m));
  }

  /**
   * Returns the supplier's reading public key, which meters use to derive their MAC keys.
   *
   * @return pk_S
   */
  public X25519PublicKey supplierKey() {
    return supplierKeys.publicKey();
  }

  Optional<SecretBytes> find(Token token) {
    return Optional.ofNullable(keys.get(token));
  }

  /**
   * Returns the number of registered tokens.
   *
   * @return the size
   */
  public int size() {
    return keys.size();
  }

  @Override
  public String toString() {
    return "ReadingKeyring[" + keys.size() + " tokens, keys redacted]";
  }
}
