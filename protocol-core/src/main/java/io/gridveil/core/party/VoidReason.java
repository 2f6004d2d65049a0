// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.party;

/**
 * Why a round produced no aggregate (spec/core.md §9).
 */
public enum VoidReason {
  /** A member's contribution did not arrive by the deadline and no recovery applies. */
  MISSING_CONTRIBUTION,
  /** The ring's key material is inconsistent (a lost delta, a failed member). */
  RING_BROKEN,
  /** The group changed during the round; it will be re-keyed. */
  MEMBERSHIP_CHANGED,
  /** Fewer members than the minimum group size contributed. */
  BELOW_MINIMUM_GROUP,
  /** Recovery material for a missing member did not arrive by the deadline. */
  RECOVERY_INCOMPLETE,
  /** The decoded value is not a possible sum of admissible readings (spec/core.md §2.3). */
  INADMISSIBLE_SUM,
  /**
   * The licence of the party that keyed the round's epoch was revoked before the round completed
   * (spec/cmt.md §3.13): nothing its key made counts.
   */
  LICENCE_REVOKED
}
