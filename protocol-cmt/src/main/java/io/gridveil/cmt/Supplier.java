// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.cmt.CmtInput.Inbound;
import io.gridveil.cmt.CmtInput.RequestRound;
import io.gridveil.cmt.CmtInput.Timer;
import io.gridveil.cmt.CmtInput.TimerKind;
import io.gridveil.cmt.CmtMessage.EncryptedReading;
import io.gridveil.cmt.CmtMessage.GroupKey;
import io.gridveil.cmt.CmtMessage.LicenceGrant;
import io.gridveil.cmt.CmtMessage.LicenceRequest;
import io.gridveil.cmt.CmtMessage.ReadingRequest;
import io.gridveil.cmt.CmtMessage.TokenRegistration;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.Party;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.VoidReason;
import io.gridveil.core.random.RandomSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The electricity supplier of a CMT group (spec/cmt.md §5.3): licenses meters, holds the group
 * key K and decrypts only the sum of each complete round. Immutable and sans-I/O.
 *
 * <p>Security: the supplier learns the tokens, n, K and every c_ij; by spec/cmt.md §7.1 its view
 * of a round is uniform among the ciphertext vectors with the round's sum, so it learns the sums
 * and nothing else, as long as no ring neighbours of a meter collude with it (§7.3). It never
 * outputs a partial or inadmissible sum: a round is exact over all n members or void.
 */
public final class Supplier implements Party<Supplier, CmtInput> {
  private final CmtParameters params;
  private final GroupId group;
  private final Set<MeterId> registered;
  private final long nextSerial;
  private final Set<Token> tokens;
  private final @Nullable Key key;
  private final long lastRequested;
  private final Map<Round, Open> open;

  /** The group key of an epoch (K is not secret from the supplier, but redact it anyway). */
  private static final class Key {
    final long epoch;
    final long groupKey;
    final Set<Token> members;

    Key(long epoch, long groupKey, Set<Token> members) {
      this.epoch = epoch;
      this.groupKey = groupKey;
      this.members = Set.copyOf(members);
    }

    @Override
    public String toString() {
      return "Key[epoch=" + epoch + ", redacted]";
    }
  }

  /** An open round: its epoch and the ciphertexts so far. */
  private record Open(long epoch, Map<Token, Long> ciphertexts) {
    Open {
      ciphertexts = Map.copyOf(ciphertexts);
    }
  }

  private Supplier(
      CmtParameters params,
      GroupId group,
      Set<MeterId> registered,
      long nextSerial,
      Set<Token> tokens,
      @Nullable Key key,
      long lastRequested,
      Map<Round, Open> open) {
    this.params = params;
    this.group = group;
    this.registered = Set.copyOf(registered);
    this.nextSerial = nextSerial;
    this.tokens = Set.copyOf(tokens);
    this.key = key;
    this.lastRequested = lastRequested;
    this.open = Map.copyOf(open);
  }

  /**
   * Creates the supplier of a group with the identities it has registered (spec/cmt.md §3.1).
   *
   * @param params the group's parameters
   * @param group the group
   * @param registered the meter identities the supplier may license
   * @return the supplier
   */
  public static Supplier create(CmtParameters params, GroupId group, Set<MeterId> registered) {
    return new Supplier(
        Objects.requireNonNull(params, "params"),
        Objects.requireNonNull(group, "group"),
        registered,
        1,
        Set.of(),
        null,
        0,
        Map.of());
  }

  /**
   * Returns a supplier that may also license the given identity (registration of a new meter).
   *
   * @param id the identity
   * @return the next state
   */
  public Supplier register(MeterId id) {
    Set<MeterId> r = new HashSet<>(registered);
    r.add(Objects.requireNonNull(id, "id"));
    return new Supplier(params, group, r, nextSerial, tokens, key, lastRequested, open);
  }

  /**
   * Returns the key epoch of the current group key, or -1 before the first.
   *
   * @return ε or -1
   */
  public long epoch() {
    Key k = key;
    return k == null ? -1 : k.epoch;
  }

  /**
   * Returns the tokens of the current group key.
   *
   * @return the members' tokens (empty before the first key)
   */
  public Set<Token> members() {
    Key k = key;
    return k == null ? Set.of() : k.members;
  }

  /**
   * Returns the last round requested.
   *
   * @return j, 0 before the first
   */
  public long lastRequested() {
    return lastRequested;
  }

  /**
   * Consumes one input (spec/cmt.md §3.1, §3.4 step 5, §3.6, §3.7).
   *
   * @param input the input
   * @param random unused: the supplier draws nothing
   * @return the next state, envelopes and events (round outcomes)
   * @throws ProtocolViolationException with a CMT check ID; the state is unchanged
   */
  @Override
  public Step<Supplier> step(CmtInput input, RandomSource random)
      throws ProtocolViolationException {
    Objects.requireNonNull(input, "input");
    if (input instanceof RequestRound r) {
      return requestRound(r.round());
    } else if (input instanceof Timer t && t.kind() == TimerKind.ROUND_DEADLINE) {
      return deadline(t.round());
    } else if (input instanceof Inbound in) {
      return inbound(in.envelope());
    }
    throw new CmtViolationException(CmtChecks.CMT_S_01, "input not accepted by the supplier");
  }

  private Step<Supplier> inbound(Envelope<CmtMessage> e) throws CmtViolationException {
    if (!e.group().equals(group)) {
      throw new CmtViolationException(CmtChecks.CMT_V_09, "envelope for another group");
    }
    CmtMessage m = e.body();
    if (m instanceof LicenceRequest r) {
      return licence(e.sender(), r);
    } else if (m instanceof TokenRegistration t) {
      if (tokens.contains(t.token())) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "token already registered");
      }
      Set<Token> ts = new HashSet<>(tokens);
      ts.add(t.token());
      return Step.of(with(ts, key, lastRequested, open));
    } else if (m instanceof GroupKey g) {
      return groupKey(g);
    } else if (m instanceof EncryptedReading c) {
      return ciphertext(e.round(), c);
    }
    throw new CmtViolationException(CmtChecks.CMT_S_01, "message not for the supplier");
  }

  private Step<Supplier> licence(Address sender, LicenceRequest r) throws CmtViolationException {
    if (!registered.contains(r.meter())) {
      throw new CmtViolationException(CmtChecks.CMT_V_01, "identity not registered");
    }
    if (!(sender instanceof Address.Identified who) || !who.id().equals(r.meter())) {
      throw new CmtViolationException(CmtChecks.CMT_V_02, "request for another identity");
    }
    Licence l = new Licence(r.meter(), group, nextSerial);
    Envelope<CmtMessage> out = new Envelope<>(Address.SUPPLIER, Address.identified(r.meter()),
        group, Round.FIRST, new LicenceGrant(l));
    Supplier next = new Supplier(params, group, registered, nextSerial + 1, tokens, key,
        lastRequested, open);
    return new Step<>(next, List.of(out), List.of());
  }

  private Step<Supplier> groupKey(GroupKey g) throws CmtViolationException {
    Key k = key;
    if (k != null && g.epoch() <= k.epoch) {
      if (g.epoch() == k.epoch && g.groupKey() == k.groupKey
          && k.members.equals(Set.copyOf(g.tokens()))) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "group key already applied");
      }
      throw new CmtViolationException(CmtChecks.CMT_S_02, "group key of an old epoch");
    }
    if (g.tokens().size() < params.minGroupSize() || g.tokens().size() > params.aggregation().nMax()) {
      throw new CmtViolationException(CmtChecks.CMT_V_07, "group size outside [m_min, n_max]");
    }
    for (Token t : g.tokens()) {
      if (!tokens.contains(t)) {
        throw new CmtViolationException(CmtChecks.CMT_V_03, "group key names an unknown token");
      }
    }
    if ((g.groupKey() & ~params.mask()) != 0) {
      throw new CmtViolationException(CmtChecks.CMT_V_06, "K not below M");
    }
    // §3.4 step 5: every open round of the older epoch is void.
    List<ProtocolEvent> events = new java.util.ArrayList<>();
    for (Round r : open.keySet()) {
      events.add(new RoundOutcome.Voided(group, r, VoidReason.MEMBERSHIP_CHANGED));
    }
    Supplier next = with(tokens, new Key(g.epoch(), g.groupKey(), Set.copyOf(g.tokens())),
        lastRequested, Map.of());
    return new Step<>(next, List.of(), sortedEvents(events));
  }

  private Step<Supplier> requestRound(Round round) throws CmtViolationException {
    Key k = key;
    if (k == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "no group key yet");
    }
    if (round.index() <= lastRequested) {
      throw new IllegalArgumentException("rounds must increase");
    }
    Envelope<CmtMessage> out = new Envelope<>(Address.SUPPLIER, Address.LOCAL_CONCENTRATOR,
        group, round, new ReadingRequest(k.epoch));
    Map<Round, Open> o = new HashMap<>(open);
    o.put(round, new Open(k.epoch, Map.of()));
    return new Step<>(with(tokens, k, round.index(), o), List.of(out), List.of());
  }

  private Step<Supplier> ciphertext(Round round, EncryptedReading c) throws CmtViolationException {
    Open o = open.get(round);
    if (o == null) {
      throw new CmtViolationException(CmtChecks.CMT_S_03, "round not open");
    }
    Key k = key;
    if (k == null) {
      throw new IllegalStateException("unreachable: an open round has a key");
    }
    if (c.epoch() != o.epoch()) {
      throw new CmtViolationException(CmtChecks.CMT_S_02, "ciphertext of another epoch");
    }
    if (!k.members.contains(c.token())) {
      throw new CmtViolationException(CmtChecks.CMT_V_03, "ciphertext of an unknown token");
    }
    if ((c.ciphertext() & ~params.mask()) != 0) {
      throw new CmtViolationException(CmtChecks.CMT_V_06, "ciphertext not below M");
    }
    Long old = o.ciphertexts().get(c.token());
    if (old != null) {
      if (old == c.ciphertext()) {
        throw new CmtViolationException(CmtChecks.CMT_S_04, "ciphertext already received");
      }
      throw new CmtViolationException(CmtChecks.CMT_V_04, "second ciphertext of a token");
    }
    Map<Token, Long> cs = new HashMap<>(o.ciphertexts());
    cs.put(c.token(), c.ciphertext());
    Map<Round, Open> next = new HashMap<>(open);
    if (cs.size() < k.members.size()) {
      next.put(round, new Open(o.epoch(), cs));
      return Step.of(with(tokens, k, lastRequested, next));
    }
    // §2.3: all n ciphertexts are in; decrypt the sum.
    next.remove(round);
    long[] values = new long[cs.size()];
    int i = 0;
    for (long v : cs.values()) {
      values[i++] = v;
    }
    long aggregate = CmtScheme.aggregate(values, 0, values.length, params.mask());
    OptionalLong sum =
        CmtScheme.decryptSum(params.aggregation(), aggregate, k.groupKey, values.length);
    RoundOutcome outcome = sum.isPresent()
        ? new RoundOutcome.Exact(group, round, sum.getAsLong(), values.length, 0)
        : new RoundOutcome.Voided(group, round, VoidReason.INADMISSIBLE_SUM);
    return new Step<>(with(tokens, k, lastRequested, next), List.of(), List.of(outcome));
  }

  private Step<Supplier> deadline(Round round) {
    if (!open.containsKey(round)) {
      return Step.of(this);
    }
    // §3.7: a missing contribution voids the round.
    Map<Round, Open> next = new HashMap<>(open);
    next.remove(round);
    return new Step<>(with(tokens, key, lastRequested, next), List.of(),
        List.of(new RoundOutcome.Voided(group, round, VoidReason.MISSING_CONTRIBUTION)));
  }

  private Supplier with(Set<Token> t, @Nullable Key k, long last, Map<Round, Open> o) {
    return new Supplier(params, group, registered, nextSerial, t, k, last, o);
  }

  private static List<ProtocolEvent> sortedEvents(List<ProtocolEvent> events) {
    events.sort((a, b) -> ((RoundOutcome) a).round().compareTo(((RoundOutcome) b).round()));
    return events;
  }

  @Override
  public String toString() {
    return "Supplier[" + group.value() + ", epoch=" + epoch() + "]";
  }
}
