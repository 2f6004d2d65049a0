// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.GroupId;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import java.util.Optional;

/**
 * Verification of licences and revocation lists against the supplier's trust anchors
 * (spec/auth.md §5). A party checks a meter's licence at join time and at every re-key.
 */
public final class Licences {
  private Licences() {}

  /**
   * Verifies a licence for a group at the current round (spec/auth.md §5.2).
   *
   * @param signed the signed licence
   * @param anchors the verifier's trust anchors (the supplier's keys)
   * @param revocations the newest verified revocation list
   * @param group the group the meter wants to join
   * @param now the verifier's current round
   * @return the licence, now trusted
   * @throws AuthenticationException AUTH-V-02 unknown signer, AUTH-V-06 signer is not the supplier,
   *     AUTH-V-03 signer key not accepted now, AUTH-V-01 bad signature, AUTH-V-07 another group,
   *     AUTH-V-10 outside the validity period, AUTH-V-11 revoked
   */
  public static Licence verify(
      SignedLicence signed, TrustAnchors anchors, RevocationList revocations, GroupId group,
      Round now) throws AuthenticationException {
    return checkValidity(checkSignature(signed, anchors, now), revocations, group, now);
  }

  /** The signature half of §5.2: AUTH-V-02, AUTH-V-06, AUTH-V-03, AUTH-V-01. */
  static Licence checkSignature(SignedLicence signed, TrustAnchors anchors, Round now)
      throws AuthenticationException {
    Anchor a = supplierAnchor(anchors, signed.signer(), now);
    if (!signed.verifiedBy(a.key())) {
      throw new AuthenticationException(AuthChecks.AUTH_V_01, "licence signature does not verify");
    }
    return signed.licence();
  }

  /** The validity half of §5.2: AUTH-V-07, AUTH-V-10, AUTH-V-11. */
  static Licence checkValidity(Licence l, RevocationList revocations, GroupId group, Round now)
      throws AuthenticationException {
    if (!l.group().equals(group)) {
      throw new AuthenticationException(AuthChecks.AUTH_V_07, "licence for another group");
    }
    if (now.isBefore(l.validFrom()) || l.validUntil().isBefore(now)) {
      throw new AuthenticationException(AuthChecks.AUTH_V_10, "licence not valid now");
    }
    if (revocations.isRevoked(l.serial())) {
      throw new AuthenticationException(AuthChecks.AUTH_V_11, "licence revoked");
    }
    return l;
  }

  /**
   * Replaces the current revocation list by a newer signed one (spec/auth.md §5.3).
   *
   * @param current the list held now
   * @param next the signed list received
   * @param anchors the verifier's trust anchors
   * @param now the verifier's current round
   * @return the new list
   * @throws AuthenticationException AUTH-V-02, AUTH-V-06, AUTH-V-03, AUTH-V-01 as for licences,
   *     AUTH-V-12 if the version is not newer than the current one
   */
  public static RevocationList update(
      RevocationList current, SignedRevocationList next, TrustAnchors anchors, Round now)
      throws AuthenticationException {
    Anchor a = supplierAnchor(anchors, next.signer(), now);
    if (!next.verifiedBy(a.key())) {
      throw new AuthenticationException(AuthChecks.AUTH_V_01, "revocation signature does not verify");
    }
    if (next.list().version() <= current.version()) {
      throw new AuthenticationException(AuthChecks.AUTH_V_12, "revocation list not newer");
    }
    return next.list();
  }

  private static Anchor supplierAnchor(TrustAnchors anchors, KeyId id, Round now)
      throws AuthenticationException {
    Optional<Anchor> found = anchors.find(id);
    if (found.isEmpty()) {
      throw new AuthenticationException(AuthChecks.AUTH_V_02, "unknown signing key");
    }
    Anchor a = found.get();
    if (!a.principal().equals(Address.SUPPLIER)) {
      throw new AuthenticationException(AuthChecks.AUTH_V_06, "signer is not the supplier");
    }
    if (!a.acceptsAt(now)) {
      throw new AuthenticationException(AuthChecks.AUTH_V_03, "signing key not accepted now");
    }
    return a;
  }
}
