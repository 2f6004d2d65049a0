// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.CheckId;
import io.gridveil.core.GroupId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.message.MessageCodec;
import io.gridveil.core.message.ProtocolId;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.TimerRequest;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A toy role over core's own types that proves the handle machinery (spec/runtime.md §3, §4,
 * §6): a tally that adds the numbers it receives, sends numbers to its peer, arms a
 * ROUND_DEADLINE(j) timer for every round it sends or receives in and reports the tally as an
 * outcome when the deadline fires.
 */
final class ToyRole {
  static final GroupId GROUP = new GroupId("toy-1");
  static final CheckId NEGATIVE = CheckId.of("TEST-V-01");
  static final Duration DEADLINE = Duration.ofSeconds(10);
  static final Timing TIMING = Timing.builder().roundDeadline(DEADLINE).build();
  static final RoundSchedule SCHEDULE = new RoundSchedule(0, 60_000);

  static final Ed25519SigningKey SUPPLIER_KEY =
      Ed25519SigningKey.generate(DeterministicRandomSource.fromSeed(101));
  static final Ed25519SigningKey AGGREGATOR_KEY =
      Ed25519SigningKey.generate(DeterministicRandomSource.fromSeed(102));
  static final TrustAnchors ANCHORS = TrustAnchors.empty()
      .with(Anchor.of(Address.SUPPLIER, SUPPLIER_KEY.publicKey()))
      .with(Anchor.of(Address.AGGREGATOR, AGGREGATOR_KEY.publicKey()));

  private ToyRole() {}

  /** A message carrying one number. */
  record Ping(long n) {}

  static final class PingCodec implements MessageCodec<Ping> {
    @Override
    public ProtocolId protocol() {
      return ProtocolId.CORE;
    }

    @Override
    public int typeOf(Ping body) {
      return 1;
    }

    @Override
    public void encode(Ping body, CanonicalWriter out) {
      out.u64(body.n());
    }

    @Override
    public Ping decode(int type, CanonicalReader in) throws MalformedMessageException {
      return new Ping(in.u64("n"));
    }
  }

  static final EnvelopeCodec<Ping> CODEC = EnvelopeCodec.of(new PingCodec());

  sealed interface In {}

  record Received(VerifiedEnvelope<Ping> v) implements In {}

  record Send(long n, Round round) implements In {}

  record Add(long n) implements In {}

  record Cancel(Round round) implements In {}

  record Deadline(Round round) implements In {}

  /** The tally party: immutable. */
  record Tally(Address self, Address peer, long total, int count)
      implements AuthenticatedParty<Tally, In> {
    @Override
    public Step<Tally> step(In input, RandomSource random) throws ProtocolViolationException {
      if (input instanceof Received r) {
        long n = r.v().envelope().body().n();
        if (n < 0) {
          throw new ProtocolViolationException(NEGATIVE, "negative number");
        }
        return Step.of(new Tally(self, peer, total + n, count + 1)).withTimers(
            List.of(new TimerRequest.Arm(TimerId.roundDeadline(r.v().envelope().round()))));
      } else if (input instanceof Send s) {
        return new Step<Tally>(this,
            List.of(new Envelope<>(self, peer, GROUP, s.round(), new Ping(s.n()))),
            List.of(),
            List.of(new TimerRequest.Arm(TimerId.roundDeadline(s.round()))));
      } else if (input instanceof Add a) {
        if (a.n() < 0) {
          throw new ProtocolViolationException(NEGATIVE, "negative number");
        }
        return Step.of(new Tally(self, peer, total + a.n(), count + 1));
      } else if (input instanceof Cancel c) {
        return Step.of(this).withTimers(
            List.of(new TimerRequest.Disarm(TimerId.roundDeadline(c.round()))));
      }
      Deadline d = (Deadline) input;
      if (d.round().equals(Round.FIRST)) {
        throw new ProtocolViolationException(NEGATIVE, "round 0 has no deadline");
      }
      return new Step<>(new Tally(self, peer, 0, 0), List.of(),
          List.of(new RoundOutcome.Exact(GROUP, d.round(), total, count, 0)));
    }

    @Override
    public boolean isAddressedTo(Address recipient) {
      return recipient.equals(self);
    }
  }

  static final RoleBinding<Tally, In> BINDING =
      new RoleBinding<>() {
        @Override
        public Map<String, byte[]> sections(Tally party) {
          return Map.of("role",
              new CanonicalWriter().u16(1).u64(party.total()).u32(party.count()).toByteArray());
        }

        @Override
        public In timerInput(TimerId timer) {
          return new Deadline(new Round(timer.argument()));
        }
      };

  /** The toy handle: the role operations of a tally. */
  static final class Handle extends AbstractRoleHandle<Tally, In, Ping> {
    private Handle(RoleRuntime<Tally, In, Ping> runtime) {
      super(runtime);
    }

    static Handle supplier(RoleStore store) throws StoreException {
      return open(store, Address.SUPPLIER, Address.AGGREGATOR, Role.SUPPLIER, SUPPLIER_KEY);
    }

    static Handle aggregator(RoleStore store) throws StoreException {
      return open(store, Address.AGGREGATOR, Address.SUPPLIER, Role.AGGREGATOR, AGGREGATOR_KEY);
    }

    static Handle open(
        RoleStore store, Address self, Address peer, Role role, Ed25519SigningKey key)
        throws StoreException {
      RoleRuntime<Tally, In, Ping> rt = RoleRuntime.open(
          store, RoleAddress.of(GROUP, role), TIMING, SCHEDULE,
          DeterministicRandomSource.fromSeed(7), BINDING,
          resumed -> {
            Tally party = new Tally(self, peer, 0, 0);
            if (resumed.state().isPresent()) {
              byte[] b = resumed.state().get().section("role").orElseThrow(
                  () -> new StoreException(RuntimeChecks.RT_S_05, "role missing"));
              try {
                CanonicalReader r = CanonicalReader.of(b);
                if (r.u16("schema") != 1) {
                  throw new StoreException(RuntimeChecks.RT_S_02, "role schema");
                }
                party = new Tally(self, peer, r.u64("total"), r.u32("count"));
                r.requireEnd("role");
              } catch (MalformedMessageException e) {
                throw new StoreException(RuntimeChecks.RT_S_05, "role: " + e.field());
              }
            }
            return Endpoint.signing(party, CODEC, Received::new,
                EnvelopeVerifier.of(CODEC, party, GROUP, ANCHORS), key, resumed.sequenceBase());
          });
      return new Handle(rt);
    }

    Outbox send(long n, Round round, LogicalTime now) throws StoreException {
      return runtime().input(new Send(n, round), now);
    }

    Outbox add(long n, LogicalTime now) throws StoreException {
      return runtime().input(new Add(n), now);
    }

    Outbox cancel(Round round, LogicalTime now) throws StoreException {
      return runtime().input(new Cancel(round), now);
    }

    long total() {
      return runtime().party().total();
    }

    int count() {
      return runtime().party().count();
    }
  }
}
