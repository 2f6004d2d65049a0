// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.auth.Ed25519PublicKey;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.kdf.Label;
import java.util.Objects;

/**
 * A roster with the supplier's Ed25519 signature over "gridveil-v1 ddh roster" and RosterBytes
 * (spec/ddh.md §2.3). Meters and the aggregator use a roster only through {@link #verify}.
 */
public final class SignedRoster {
  /** The label the signature is bound to (spec/ddh.md §8). */
  public static final Label SIGNATURE_LABEL = Label.of("gridveil-v1 ddh roster");

  /** The largest encoded roster, in bytes. */
  public static final int MAX_ROSTER_BYTES = 1 << 22;

  private static final int SIGNATURE_LENGTH = 64;

  private final Roster roster;
  private final byte[] signature;

  private SignedRoster(Roster roster, byte[] signature) {
    this.roster = roster;
    this.signature = signature;
  }

  /**
   * Signs a roster (spec/ddh.md §2.3 step 1); deterministic.
   *
   * @param roster the roster
   * @param key the supplier's signing key
   * @return the signed roster
   */
  public static SignedRoster sign(Roster roster, Ed25519SigningKey key) {
    Objects.requireNonNull(roster, "roster");
    return new SignedRoster(roster, key.sign(signedBytes(roster.encode())));
  }

  /**
   * Returns the message an Ed25519 signature covers: u16(len(label)) || label || RosterBytes.
   *
   * @param rosterBytes the canonical roster encoding
   * @return the signed message
   */
  static byte[] signedBytes(byte[] rosterBytes) {
    byte[] label = SIGNATURE_LABEL.bytes();
    return new CanonicalWriter().u16(label.length).fixed(label).fixed(rosterBytes).toByteArray();
  }

  /**
   * Verifies the signature and the structural rules (spec/ddh.md §2.3 step 2 and 3).
   *
   * @param key the supplier's verification key (the trust anchor)
   * @param params the group's parameters
   * @param group the group the verifier belongs to
   * @return the roster, now trusted
   * @throws DdhViolationException DDH-V-03 for a bad signature, DDH-V-04 for another group, a size
   *     outside [3, n_max], or a repeated ID or key
   */
  public Roster verify(Ed25519PublicKey key, DdhParameters params, GroupId group)
      throws DdhViolationException {
    if (!key.verify(signedBytes(roster.encode()), signature)) {
      throw new DdhViolationException(DdhChecks.DDH_V_03, "roster signature does not verify");
    }
    if (!roster.group().equals(group)) {
      throw new DdhViolationException(DdhChecks.DDH_V_04, "roster is for another group");
    }
    if (!roster.wellFormed(params)) {
      throw new DdhViolationException(
          DdhChecks.DDH_V_04, "roster needs 3..n_max members with distinct ids and keys");
    }
    return roster;
  }

  /**
   * Verifies a re-key roster against the one in force (spec/ddh.md §2.4): as {@link #verify} for
   * the current group, and a version above the current one.
   *
   * @throws DdhViolationException DDH-V-03, DDH-V-04, or DDH-S-01 for a stale or replayed roster
   */
  Roster verifyNext(Ed25519PublicKey key, DdhParameters params, Roster current)
      throws DdhViolationException {
    Roster next = verify(key, params, current.group());
    if (next.version() <= current.version()) {
      throw new DdhViolationException(DdhChecks.DDH_S_01, "roster version is not above the current one");
    }
    return next;
  }

  /**
   * Returns the roster as received, not yet verified.
   *
   * @return the unverified roster
   */
  public Roster unverifiedRoster() {
    return roster;
  }

  /**
   * Returns the signature.
   *
   * @return a fresh copy of the 64 bytes
   */
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * Writes nested32(RosterBytes) || signature (spec/ddh.md §4).
   *
   * @param w the writer
   */
  void encodeTo(CanonicalWriter w) {
    w.bytes32(roster.encode()).fixed(signature);
  }

  /**
   * Reads nested32(RosterBytes) || signature (spec/ddh.md §4).
   *
   * @param in the reader
   * @return the signed roster, not yet verified
   * @throws MalformedMessageException for a malformed encoding or a bad key
   */
  static SignedRoster decode(CanonicalReader in) throws MalformedMessageException {
    CanonicalReader r = in.nested32("roster", MAX_ROSTER_BYTES);
    Roster roster = Roster.decode(r);
    r.requireEnd("roster");
    byte[] sig = in.fixed("signature", SIGNATURE_LENGTH);
    return new SignedRoster(roster, sig);
  }

  @Override
  public String toString() {
    return "SignedRoster[" + roster.group().value() + " v" + roster.version() + ", n=" + roster.size() + "]";
  }
}
