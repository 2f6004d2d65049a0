// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.Licences;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import java.util.Objects;

/**
 * What the party that admits meters to a group (the EDAT supplier at set-up and at every re-key,
 * the PSA aggregator at set-up) checks their licences against (spec/ddh.md §10.3): the supplier's
 * trust anchors, the newest verified revocation list and the current round.
 *
 * @param anchors the trust anchors holding the supplier's licence-signing key
 * @param revocations the newest verified revocation list ({@link RevocationList#NONE} if none)
 * @param now the current round, for the licence's validity and the anchor's acceptance
 */
public record Admission(TrustAnchors anchors, RevocationList revocations, Round now) {
  /**
   * Validates that no component is null.
   *
   * @param anchors the trust anchors holding the supplier's licence-signing key
   * @param revocations the newest verified revocation list ({@link RevocationList#NONE} if none)
   * @param now the current round, for the licence's validity and the anchor's acceptance
   * @throws NullPointerException if a component is null
   */
  public Admission {
    Objects.requireNonNull(anchors, "anchors");
    Objects.requireNonNull(revocations, "revocations");
    Objects.requireNonNull(now, "now");
  }

  /**
   * Verifies a meter's licence for a group (spec/auth.md §5.2, spec/ddh.md §10.3).
   *
   * @param licence the meter's signed licence
   * @param group the group it joins
   * @return the licence, now trusted
   * @throws AuthenticationException AUTH-V-02, AUTH-V-06, AUTH-V-03, AUTH-V-01 for the supplier's
   *     signature, AUTH-V-07 another group, AUTH-V-10 outside its validity, AUTH-V-11 revoked
   */
  public Licence admit(SignedLicence licence, GroupId group) throws AuthenticationException {
    Objects.requireNonNull(licence, "licence");
    try {
      return Licences.verify(licence, anchors, revocations, group, now);
    } catch (AuthenticationException e) {
      // Name the meter (an identity, not a secret) so the operator knows whom to leave out.
      throw new AuthenticationException(
          e.checkId(), "licence of meter " + licence.licence().meter().value() + " refused");
    }
  }
}
