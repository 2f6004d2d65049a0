// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.InvalidReadingException;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.Ed25519PublicKey;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.ec.X25519PrivateKey;
import io.gridveil.core.kdf.Prf;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretLong;
import java.util.List;
import java.util.Objects;

/**
 * An EDAT meter SM_i (spec/ddh.md §3.1, §3.4): encrypts each reading once as
 * c_ij = e_ij + r_ij + u_ij mod M and, asked by the supplier, reveals the round's pad shared with
 * one missing neighbour.
 *
 * <p>Security: the meter learns nothing about other readings; it holds k_(i-1,i), k_(i,i+1) and
 * k_(i,S). It never reveals both ring pads of one round (DDH-V-11), so a present meter keeps at least
 * one secret pad term against the aggregator and the supplier (spec/ddh.md §6.2).
 *
 * <p>Authentication (spec/ddh.md §10): it accepts frames addressed to its identity or to the group
 * broadcast, and acts only on rosters and reveal requests whose verified principal is the
 * supplier; its own frames carry its licence (kind 3).
 *
 * <p>Persistence (spec/ddh.md §3.6): {@link #lastEncrypted()} and {@link #lastRevealed()} are
 * persistent state. The embedding writes the next state's marks durably before it sends the
 * step's Contribution or PadReveal, and rebuilds a restarted meter with {@link #restore}, so a
 * re-fed round is never encrypted or revealed twice under the same pads.
 *
 * <p>Immutable: {@link #step} returns a new state and leaves this one unchanged when it throws.
 */
public final class DdhMeter implements AuthenticatedParty<DdhMeter, DdhInput> {
  private final DdhParameters params;
  private final MeterId self;
  private final X25519PrivateKey key;
  private final Ed25519PublicKey anchor;
  private final Roster roster;
  private final int position;
  private final Prf pred;
  private final Prf succ;
  private final Prf supplier;
  private final long lastEncrypted;
  private final long lastRevealed;

  private DdhMeter(
      DdhParameters params, MeterId self, X25519PrivateKey key, Ed25519PublicKey anchor,
      Roster roster, int position, Prf pred, Prf succ, Prf supplier, long lastEncrypted,
      long lastRevealed) {
    this.params = params;
    this.self = self;
    this.key = key;
    this.anchor = anchor;
    this.roster = roster;
    this.position = position;
    this.pred = pred;
    this.succ = succ;
    this.supplier = supplier;
    this.lastEncrypted = lastEncrypted;
    this.lastRevealed = lastRevealed;
  }

  /**
   * Creates a meter from its key and a signed roster (spec/ddh.md §2.3, §2.5): verifies the roster,
   * finds itself, and derives its three keys with three key agreements.
   *
   * @param params the group's parameters
   * @param self the meter's identity
   * @param key x_i
   * @param anchor the supplier's roster verification key
   * @param signed the signed roster
   * @return the meter
   * @throws DdhViolationException DDH-V-03, DDH-V-04 for a bad roster, DDH-V-05 if it does not list
   *     this meter with X_i, AUTH-V-14 for an all-zero shared secret
   */
  public static DdhMeter create(
      DdhParameters params, MeterId self, X25519PrivateKey key, Ed25519PublicKey anchor,
      SignedRoster signed) throws DdhViolationException {
    return restore(params, self, key, anchor, signed, -1, -1);
  }

  /**
   * Restores a meter after a restart from its key, a signed roster and its persisted encrypt-once
   * and reveal-once marks (spec/ddh.md §3.6): it refuses every round at or below the marks.
   *
   * @param params the group's parameters
   * @param self the meter's identity
   * @param key x_i
   * @param anchor the supplier's roster verification key
   * @param signed the signed roster in force
   * @param lastEncrypted the last round it encrypted, as persisted before that contribution was
   *     sent; -1 if none
   * @param lastRevealed the last round it revealed a pad for, as persisted before that reveal was
   *     sent; -1 if none
   * @return the meter
   * @throws DdhViolationException DDH-V-03, DDH-V-04 for a bad roster, DDH-V-05 if it does not list
   *     this meter with X_i, AUTH-V-14 for an all-zero shared secret
   * @throws IllegalArgumentException if a mark is below -1 or lastRevealed is above lastEncrypted
   */
  public static DdhMeter restore(
      DdhParameters params, MeterId self, X25519PrivateKey key, Ed25519PublicKey anchor,
      SignedRoster signed, long lastEncrypted, long lastRevealed) throws DdhViolationException {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(key, "key");
    // §3.6 step 2: a meter reveals only rounds it has encrypted (§3.4 step 4).
    if (lastRevealed < -1 || lastRevealed > lastEncrypted) {
      throw new IllegalArgumentException("marks must satisfy -1 <= lastRevealed <= lastEncrypted");
    }
    Roster roster = signed.verify(anchor, params, signed.unverifiedRoster().group());
    return keyed(params, self, key, anchor, roster, lastEncrypted, lastRevealed);
  }

  /**
   * Rebuilds a meter from its durable state (spec/runtime.md §6.2): the roster it accepted last
   * (verified when it was accepted; the store authenticates it since) and its marks.
   *
   * @throws DdhViolationException DDH-V-05 if the roster does not list this meter with its key
   * @throws IllegalArgumentException if the marks break -1 &lt;= lastRevealed &lt;= lastEncrypted
   */
  static DdhMeter restoreAccepted(
      DdhParameters params, MeterId self, X25519PrivateKey key, Ed25519PublicKey anchor,
      Roster roster, long lastEncrypted, long lastRevealed) throws DdhViolationException {
    if (lastRevealed < -1 || lastRevealed > lastEncrypted) {
      throw new IllegalArgumentException("marks must satisfy -1 <= lastRevealed <= lastEncrypted");
    }
    return keyed(params, self, key, anchor, roster, lastEncrypted, lastRevealed);
  }

  Roster roster() {
    return roster;
  }

  private static DdhMeter keyed(
      DdhParameters params, MeterId self, X25519PrivateKey key, Ed25519PublicKey anchor,
      Roster roster, long lastEncrypted, long lastRevealed) throws DdhViolationException {
    int i = roster.positionOf(self);
    if (i < 0 || !roster.member(i).key().equals(key.publicKey())) {
      throw new DdhViolationException(DdhChecks.DDH_V_05, "roster does not list this meter with its key");
    }
    int n = roster.size();
    RosterEntry me = roster.member(i);
    // §2.5 step 1: three key agreements, with the successor, the predecessor and the supplier.
    Prf succ = PairwiseKeys.ring(key, me, roster.member((i + 1) % n), roster);
    Prf pred = PairwiseKeys.ring(key, me, roster.member((i - 1 + n) % n), roster);
    Prf sup = PairwiseKeys.supplier(key, roster.supplierKey(), me, roster);
    return new DdhMeter(params, self, key, anchor, roster, i, pred, succ, sup, lastEncrypted, lastRevealed);
  }

  /**
   * Computes c_ij = e_ij + F(k_(i,i+1), j) - F(k_(i-1,i), j) + F(k_(i,S), j) mod M (spec/ddh.md
   * §3.1 steps 2 to 4); pure, for benchmarks and tests: the state machine is {@link #step}.
   *
   * @param round j
   * @param reading e_ij
   * @return c_ij in [0, M)
   * @throws InvalidReadingException CORE-R-01 to CORE-R-03 for an inadmissible reading
   */
  public long encrypt(Round round, Reading reading) throws InvalidReadingException {
    params.aggregation().check(reading);
    int b = params.bits();
    long j = round.index();
    return seal(reading.value(), succ.evaluateBits(j, b), pred.evaluateBits(j, b),
        supplier.evaluateBits(j, b), params.mask());
  }

  /**
   * §3.1 steps 2 to 4 on given pad values: the one place the cipher's algebra is written, shared
   * with the exact leakage checks that substitute uniform pads for the PRF outputs.
   */
  static long seal(long reading, long succPad, long predPad, long supplierPad, long mask) {
    return (reading + succPad - predPad + supplierPad) & mask;
  }

  @Override
  public Step<DdhMeter> step(DdhInput input, RandomSource random) throws ProtocolViolationException {
    Objects.requireNonNull(input, "input");
    if (input instanceof DdhInput.LocalReading in) {
      return onReading(in.round(), in.reading());
    } else if (input instanceof DdhInput.Inbound in) {
      VerifiedEnvelope<DdhMessage> v = in.verified();
      Envelope<DdhMessage> e = v.envelope();
      // §10.2: every message a meter accepts comes from the supplier's role key (kind 1).
      if (!v.principal().equals(Address.SUPPLIER)) {
        throw new DdhViolationException(DdhChecks.DDH_V_06, "meters accept messages from the supplier only");
      }
      if (e.body() instanceof DdhMessage.RosterAnnouncement m) {
        return onRoster(m);
      } else if (e.body() instanceof DdhMessage.RevealRequest m) {
        return onRevealRequest(e, m);
      }
      throw new DdhViolationException(DdhChecks.DDH_V_06, "meters accept only rosters and reveal requests");
    } else if (input instanceof DdhInput.Deadline) {
      return Step.of(this);
    }
    throw new IllegalArgumentException("announce and re-key are supplier inputs");
  }

  @Override
  public boolean isAddressedTo(Address recipient) {
    return recipient.equals(Address.identified(self)) || recipient.equals(Address.GROUP_BROADCAST);
  }

  // §3.1 step 1: encrypt once per round, rounds increasing.
  private Step<DdhMeter> onReading(Round round, Reading reading) throws ProtocolViolationException {
    if (round.index() <= lastEncrypted) {
      throw new DdhViolationException(DdhChecks.DDH_S_05, "round already encrypted or passed");
    }
    long c = encrypt(round, reading);
    DdhMeter next = with(round.index(), lastRevealed);
    Envelope<DdhMessage> out = new Envelope<>(
        Address.identified(self), Address.AGGREGATOR, roster.group(), round,
        new DdhMessage.Contribution(roster.version(), c));
    return new Step<>(next, List.of(out), List.of());
  }

  // §2.4: a re-key is a new roster version, verified like the first.
  private Step<DdhMeter> onRoster(DdhMessage.RosterAnnouncement m) throws DdhViolationException {
    Roster next = m.roster().verifyNext(anchor, params, roster);
    DdhMeter rekeyed = keyed(params, self, key, anchor, next, lastEncrypted, lastRevealed);
    List<ProtocolEvent> ev = List.of(new RosterAccepted(next.group(), next.version()));
    return new Step<>(rekeyed, List.of(), ev);
  }

  // §3.4 steps 4 to 6 at the meter.
  private Step<DdhMeter> onRevealRequest(Envelope<DdhMessage> e, DdhMessage.RevealRequest m)
      throws DdhViolationException {
    if (m.version() != roster.version()) {
      throw new DdhViolationException(DdhChecks.DDH_S_02, "reveal request for another roster version");
    }
    long j = e.round().index();
    if (j > lastEncrypted || j <= lastRevealed) {
      throw new DdhViolationException(DdhChecks.DDH_S_08, "reveal request for a round not reached or already revealed");
    }
    int n = roster.size();
    int s = (position + 1) % n;
    int p = (position - 1 + n) % n;
    boolean succMissing = false;
    boolean predMissing = false;
    for (int x : m.missing()) {
      if (x >= n) {
        throw new DdhViolationException(DdhChecks.DDH_V_13, "position beyond the roster");
      }
      if (x == position) {
        throw new DdhViolationException(DdhChecks.DDH_V_10, "reveal request names this meter as missing");
      }
      succMissing |= x == s;
      predMissing |= x == p;
    }
    if (!succMissing && !predMissing) {
      throw new DdhViolationException(DdhChecks.DDH_V_10, "no ring neighbour of this meter is missing");
    }
    if (succMissing && predMissing) {
      throw new DdhViolationException(DdhChecks.DDH_V_11, "revealing both ring pads would expose this meter");
    }
    int b = params.bits();
    long pad = succMissing ? succ.evaluateBits(j, b) : pred.evaluateBits(j, b);
    DdhMessage.PadReveal reveal =
        new DdhMessage.PadReveal(roster.version(), succMissing ? s : p, SecretLong.of(pad));
    Envelope<DdhMessage> out = new Envelope<>(
        Address.identified(self), Address.SUPPLIER, roster.group(), e.round(), reveal);
    return new Step<>(with(lastEncrypted, j), List.of(out), List.of());
  }

  private DdhMeter with(long encrypted, long revealed) {
    return new DdhMeter(params, self, key, anchor, roster, position, pred, succ, supplier, encrypted, revealed);
  }

  /**
   * Returns the meter's identity.
   *
   * @return the identity
   */
  public MeterId id() {
    return self;
  }

  /**
   * Returns the group.
   *
   * @return the group
   */
  public GroupId group() {
    return roster.group();
  }

  /**
   * Returns the last round this meter encrypted: the mark to store durably before the step's
   * Contribution is sent (spec/ddh.md §3.6).
   *
   * @return the round index, or -1 if none
   */
  public long lastEncrypted() {
    return lastEncrypted;
  }

  /**
   * Returns the last round this meter revealed a pad for: the mark to store durably before the
   * step's PadReveal is sent (spec/ddh.md §3.6).
   *
   * @return the round index, or -1 if none
   */
  public long lastRevealed() {
    return lastRevealed;
  }

  /**
   * Returns the roster version in force.
   *
   * @return v
   */
  public long rosterVersion() {
    return roster.version();
  }

  @Override
  public String toString() {
    return "DdhMeter[" + self.value() + " in " + roster.group().value() + " v" + roster.version() + "]";
  }
}
