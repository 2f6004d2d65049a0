// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.CoreChecks;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.ec.InvalidEncodingException;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.message.Address;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A group's roster (spec/ddh.md §2.3): group, version, the supplier's X25519 key X_S and the
 * members SM_1..SM_n in ring order with their keys.
 *
 * @param group the group
 * @param version the roster version v, at least 1; every change of membership or key raises it
 * @param supplierKey X_S
 * @param members the meters in ring order
 */
public record Roster(GroupId group, long version, X25519PublicKey supplierKey, List<RosterEntry> members) {
  /** The largest number of members a roster encoding may carry. */
  public static final int MAX_MEMBERS = 65535;

  /**
   * Copies the member list.
   *
   * @param group the group
   * @param version the roster version v, at least 1; every change of membership or key raises it
   * @param supplierKey X_S
   * @param members the meters in ring order
   * @throws IllegalArgumentException if the version is below 1 or there are too many members
   */
  public Roster {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(supplierKey, "supplierKey");
    members = List.copyOf(members);
    if (version < 1) {
      throw new IllegalArgumentException("roster version must be at least 1");
    }
    if (members.size() > MAX_MEMBERS) {
      throw new IllegalArgumentException("too many roster members");
    }
  }

  /**
   * Returns n.
   *
   * @return the number of members
   */
  public int size() {
    return members.size();
  }

  /**
   * Returns the ring position of a meter.
   *
   * @param id the meter
   * @return its index in [0, n), or -1 if absent
   */
  public int positionOf(MeterId id) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns the ring position of the licensed meter that sent a verified frame (spec/ddh.md
   * §10.2): the frame must be a licensed frame (kind 3) and its verified identity a member.
   *
   * @param v the verified envelope
   * @return the sender's index in [0, n), or -1 if it is not a licensed frame of a member
   */
  int positionOfLicensed(VerifiedEnvelope<?> v) {
    if (v.licence().isEmpty() || !(v.principal() instanceof Address.Identified id)) {
      return -1;
    }
    return positionOf(id.id());
  }

  /**
   * Returns the meter at a ring position.
   *
   * @param position the index in [0, n)
   * @return the entry
   */
  public RosterEntry member(int position) {
    return members.get(position);
  }

  /**
   * Returns the canonical encoding RosterBytes of spec/ddh.md §2.3.
   *
   * @return the bytes the supplier signs
   */
  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    encodeTo(w);
    return w.toByteArray();
  }

  void encodeTo(CanonicalWriter w) {
    w.ascii8(group.value()).u64(version).fixed(supplierKey.toBytes()).u16(members.size());
    for (RosterEntry e : members) {
      w.ascii8(e.id().value()).fixed(e.key().toBytes());
    }
  }

  /**
   * Decodes RosterBytes (spec/ddh.md §2.3), validating every key (§2.2).
   *
   * @param in the reader
   * @return the roster
   * @throws MalformedMessageException CORE-E-xx for a malformed encoding, DDH-E-01, DDH-V-01 or
   *     DDH-V-02 for a bad key
   */
  static Roster decode(CanonicalReader in) throws MalformedMessageException {
    String g = in.ascii8("roster.group", GroupId.MAX_LENGTH);
    if (!GroupId.isValid(g)) {
      throw new MalformedMessageException(
          CoreChecks.CORE_E_07, "roster.group", "not a group id");
    }
    long version = in.u64("roster.version");
    if (version < 1) {
      throw new MalformedMessageException(
          CoreChecks.CORE_E_07, "roster.version", "version below 1");
    }
    X25519PublicKey s = key(in, "roster.supplierKey");
    int n = in.u16("roster.n");
    List<RosterEntry> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = in.ascii8("roster.id", MeterId.MAX_LENGTH);
      if (!MeterId.isValid(id)) {
        throw new MalformedMessageException(
            CoreChecks.CORE_E_07, "roster.id", "not a meter id");
      }
      X25519PublicKey k = key(in, "roster.key");
      members.add(new RosterEntry(new MeterId(id), k));
    }
    return new Roster(new GroupId(g), version, s, members);
  }

  private static X25519PublicKey key(CanonicalReader in, String field)
      throws MalformedMessageException {
    byte[] u = in.fixed(field, X25519PublicKey.LENGTH);
    try {
      return validatedKey(u);
    } catch (DdhViolationException e) {
      throw new MalformedMessageException(e.checkId(), field, "invalid X25519 public key");
    }
  }

  /**
   * Validates an X25519 public key from outside (spec/ddh.md §2.2): core's
   * {@link X25519PublicKey#fromBytes} runs the checks, this maps its reasons to EDAT's check IDs.
   *
   * @param u the 32-byte little-endian u-coordinate
   * @return the key
   * @throws DdhViolationException DDH-E-01 for a wrong length or u &gt;= 2^255 - 19, DDH-V-01 if u
   *     is on the twist, DDH-V-02 if the point has small order
   */
  static X25519PublicKey validatedKey(byte[] u) throws DdhViolationException {
    try {
      return X25519PublicKey.fromBytes(u);
    } catch (InvalidEncodingException e) {
      throw switch (e.reason()) {
        case NOT_ON_CURVE ->
            new DdhViolationException(DdhChecks.DDH_V_01, "public key is not on curve25519");
        case SMALL_ORDER -> new DdhViolationException(DdhChecks.DDH_V_02, "public key has small order");
        default -> new DdhViolationException(DdhChecks.DDH_E_01, "public key is not a canonical u");
      };
    }
  }

  /**
   * Checks the structural rules of spec/ddh.md §2.3 step 3.
   *
   * @param params the group's parameters
   * @return true if 3 &lt;= n &lt;= n_max and IDs and keys (including X_S) are distinct
   */
  boolean wellFormed(DdhParameters params) {
    int n = members.size();
    if (n < 3 || n > params.nMax()) {
      return false;
    }
    Set<MeterId> ids = new HashSet<>();
    Set<X25519PublicKey> keys = new HashSet<>();
    keys.add(supplierKey);
    for (RosterEntry e : members) {
      if (!ids.add(e.id()) || !keys.add(e.key())) {
        return false;
      }
    }
    return true;
  }
}
