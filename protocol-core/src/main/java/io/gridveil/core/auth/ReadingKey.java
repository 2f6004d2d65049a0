// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.GroupId;
import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.Token;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.kdf.Hkdf;
import io.gridveil.core.kdf.Label;
import io.gridveil.core.secret.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A token's MAC key for the reading plane (spec/auth.md §6.2): the token T_i derived from the
 * token's X25519 public key, and K_mac = Derive(X25519(sk_T, pk_S), "gridveil-v1 auth reading-mac",
 * ctx, 32) with ctx = ascii8(group) || u64(epoch) || pk_T || pk_S.
 */
public final class ReadingKey {
  /** The MAC key label (spec/core.md §5.2). */
  static final Label MAC_LABEL = Label.of("gridveil-v1 auth reading-mac");

  private static final byte[] TOKEN_LABEL =
      "gridveil-v1 auth token".getBytes(StandardCharsets.US_ASCII);

  private final Token token;
  private final SecretBytes macKey;

  ReadingKey(Token token, SecretBytes macKey) {
    this.token = token;
    this.macKey = macKey;
  }

  /**
   * Derives a meter's reading key for its token key pair (the meter's side of §6.2).
   *
   * @param tokenKeys the token's key pair for this group epoch
   * @param supplierKey the supplier's X25519 reading key
   * @param group the group
   * @param epoch the group's key epoch
   * @return the reading key
   * @throws AuthenticationException AUTH-V-14 if the supplier key is of small order
   */
  public static ReadingKey derive(
      X25519KeyPair tokenKeys, X25519PublicKey supplierKey, GroupId group, long epoch)
      throws AuthenticationException {
    SecretBytes shared = tokenKeys.agree(supplierKey);
    return new ReadingKey(
        tokenOf(tokenKeys.publicKey()),
        macKey(shared, group, epoch, tokenKeys.publicKey(), supplierKey));
  }

  /**
   * Returns the token T_i of a token public key: the first 16 bytes of
   * SHA-256("gridveil-v1 auth token" || pk_T) (spec/auth.md §6.1).
   *
   * @param tokenKey pk_T
   * @return T_i
   */
  public static Token tokenOf(X25519PublicKey tokenKey) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(TOKEN_LABEL);
      byte[] h = d.digest(tokenKey.toBytes());
      return Token.fromBytes(java.util.Arrays.copyOf(h, Token.LENGTH));
    } catch (NoSuchAlgorithmException e) {
      throw new ProtocolBugException("SHA-256 is required of every Java platform", e);
    }
  }

  static SecretBytes macKey(
      SecretBytes shared,
      GroupId group,
      long epoch,
      X25519PublicKey tokenKey,
      X25519PublicKey supplierKey) {
    byte[] ctx =
        new CanonicalWriter()
            .ascii8(group.value())
            .u64(epoch)
            .fixed(tokenKey.toBytes())
            .fixed(supplierKey.toBytes())
            .toByteArray();
    return Hkdf.derive(shared, MAC_LABEL, ctx, 32);
  }

  /**
   * Returns the token this key belongs to.
   *
   * @return T_i
   */
  public Token token() {
    return token;
  }

  SecretBytes macKey() {
    return macKey;
  }

  @Override
  public String toString() {
    return "ReadingKey[" + token + ", key redacted]";
  }
}
