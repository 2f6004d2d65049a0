// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.ec.X25519KeyPair;
import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gridveil.core.CheckId;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.message.MessageCodec;
import io.gridveil.core.message.ProtocolId;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;

/** The authenticated endpoint of spec/auth.md §10 around a minimal test party. */
class EndpointTest {
  private static final GroupId GROUP = new GroupId("north-7");
  private static final MeterId SM1 = new MeterId("SM-01");
  private static final CheckId REFUSED = CheckId.of("TEST-V-01");

  /** A message carrying one number; negative numbers are refused by the party. */
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

  record Send(Address from, Address to, long n) implements In {}

  /** Counts what it accepts; sends on request; optionally holds a licence or a reading key. */
  static final class Counter implements AuthenticatedParty<Counter, In> {
    final Address self;
    final long accepted;
    final @Nullable ReadingKeyring keyring;
    final @Nullable ReadingKey readingKey;
    final @Nullable SignedLicence granted;

    Counter(
        Address self,
        long accepted,
        @Nullable ReadingKeyring keyring,
        @Nullable ReadingKey readingKey,
        @Nullable SignedLicence granted) {
      this.self = self;
      this.accepted = accepted;
      this.keyring = keyring;
      this.readingKey = readingKey;
      this.granted = granted;
    }

    static Counter at(Address self) {
      return new Counter(self, 0, null, null, null);
    }

    @Override
    public Step<Counter> step(In input, RandomSource random) throws ProtocolViolationException {
      if (input instanceof Received r) {
        if (r.v().envelope().body().n() < 0) {
          throw new ProtocolViolationException(REFUSED, "negative");
        }
        return Step.of(new Counter(self, accepted + 1, keyring, readingKey, granted));
      }
      Send s = (Send) input;
      return new Step<>(
          this,
          List.of(new Envelope<>(s.from(), s.to(), GROUP, new Round(3), new Ping(s.n()))),
          List.of());
    }

    @Override
    public boolean isAddressedTo(Address recipient) {
      return recipient.equals(self) || recipient.equals(Address.GROUP_BROADCAST);
    }

    @Override
    public Optional<ReadingKeyring> readingKeyring() {
      return Optional.ofNullable(keyring);
    }

    @Override
    public Optional<ReadingKey> readingKey(Token token) {
      return readingKey != null && readingKey.token().equals(token)
          ? Optional.of(readingKey)
          : Optional.empty();
    }

    @Override
    public Optional<SignedLicence> licence() {
      return Optional.ofNullable(granted);
    }
  }

  private final RandomSource random = DeterministicRandomSource.fromSeed(7);
  private final Ed25519SigningKey supplierKey = Ed25519SigningKey.generate(random);
  private final Ed25519SigningKey meterKey = Ed25519SigningKey.generate(random);
  private final TrustAnchors anchors =
      TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER, supplierKey.publicKey()));
  private final SignedLicence licence =
      SignedLicence.issue(
          new Licence(1001, SM1, meterKey.publicKey(), GROUP, Round.FIRST, new Round(1000)),
          supplierKey);

  private Endpoint<Counter, In, Ping> supplier(Counter party) {
    return Endpoint.signing(
        party,
        CODEC,
        Received::new,
        EnvelopeVerifier.of(CODEC, party, GROUP, anchors),
        supplierKey,
        0);
  }

  private Endpoint<Counter, In, Ping> meter(long sequenceBase) {
    Counter party = Counter.at(Address.identified(SM1));
    return Endpoint.licensed(
        party,
        CODEC,
        Received::new,
        EnvelopeVerifier.of(CODEC, party, GROUP, anchors),
        licence,
        meterKey,
        sequenceBase);
  }

  private static byte[] only(Endpoint.Output out) {
    assertEquals(1, out.outbound().size());
    return out.outbound().get(0).bytes();
  }

  private byte[] ping(Endpoint<Counter, In, Ping> from, Address sender, long n)
      throws ProtocolViolationException {
    return only(from.input(new Send(sender, Address.SUPPLIER, n), random));
  }

  @Test
  void licensedFrame_isAcceptedOnce_andAReplayLeavesTheEndpointUnchanged() throws Exception {
    Endpoint<Counter, In, Ping> m = meter(0);
    Endpoint<Counter, In, Ping> s = supplier(Counter.at(Address.SUPPLIER));
    byte[] first = ping(m, Address.identified(SM1), 1);
    assertEquals(AuthCodec.LICENSED, first[0]);
    s.receive(first, new Round(3), random);
    Counter before = s.party();
    assertEquals(1, before.accepted);
    assertViolation("AUTH-V-08", () -> s.receive(first, new Round(3), random));
    assertSame(before, s.party());
    s.receive(ping(m, Address.identified(SM1), 2), new Round(3), random);
    assertEquals(2, s.party().accepted);
  }

  @Test
  void aFrameTheWindowHasLeftBehind_isRefused() throws Exception {
    Endpoint<Counter, In, Ping> m = meter(0);
    Endpoint<Counter, In, Ping> s = supplier(Counter.at(Address.SUPPLIER));
    byte[] old = ping(m, Address.identified(SM1), 1);
    byte[] last = old;
    for (int k = 0; k < ReplayWindow.SIZE; k++) {
      last = ping(m, Address.identified(SM1), 1);
    }
    s.receive(last, new Round(3), random);
    assertViolation("AUTH-V-09", () -> s.receive(old, new Round(3), random));
    assertEquals(1, s.party().accepted);
  }

  @Test
  void aRefusalOfTheParty_doesNotAdvanceTheWindow() throws Exception {
    Endpoint<Counter, In, Ping> m = meter(0);
    Endpoint<Counter, In, Ping> s = supplier(Counter.at(Address.SUPPLIER));
    byte[] negative = ping(m, Address.identified(SM1), -1);
    assertViolation("TEST-V-01", () -> s.receive(negative, new Round(3), random));
    assertViolation("TEST-V-01", () -> s.receive(negative, new Round(3), random));
    assertEquals(0, s.party().accepted);
  }

  @Test
  void sequenceNumbers_countPerStream_fromTheBase() throws Exception {
    Endpoint<Counter, In, Ping> m = meter(500);
    m.input(new Send(Address.identified(SM1), Address.SUPPLIER, 1), random);
    m.input(new Send(Address.identified(SM1), Address.SUPPLIER, 1), random);
    m.input(new Send(Address.identified(SM1), Address.AGGREGATOR, 1), random);
    assertEquals(502, m.nextSequence(Address.identified(SM1), Address.SUPPLIER));
    assertEquals(501, m.nextSequence(Address.identified(SM1), Address.AGGREGATOR));
    assertEquals(500, m.nextSequence(Address.identified(SM1), Address.GROUP_BROADCAST));
  }

  @Test
  void aRestartedSender_mustContinueAboveItsOldNumbers() throws Exception {
    Endpoint<Counter, In, Ping> s = supplier(Counter.at(Address.SUPPLIER));
    s.receive(ping(meter(0), Address.identified(SM1), 1), new Round(3), random);
    byte[] afterNaiveRestart = ping(meter(0), Address.identified(SM1), 2);
    assertViolation("AUTH-V-08", () -> s.receive(afterNaiveRestart, new Round(3), random));
    s.receive(ping(meter(1L << 32), Address.identified(SM1), 2), new Round(3), random);
    assertEquals(2, s.party().accepted);
  }

  @Test
  void framesFromAHeldToken_toTheSupplier_areMaced() throws Exception {
    X25519KeyPair supplierReading = X25519KeyPair.generate(random);
    X25519KeyPair token = X25519KeyPair.generate(random);
    ReadingKey key = ReadingKey.derive(token, supplierReading.publicKey(), GROUP, 4);
    Counter meterParty = new Counter(Address.identified(SM1), 0, null, key, null);
    Endpoint<Counter, In, Ping> m =
        Endpoint.licensed(
            meterParty,
            CODEC,
            Received::new,
            EnvelopeVerifier.of(CODEC, meterParty, GROUP, anchors),
            licence,
            meterKey,
            0);
    ReadingKeyring ring =
        ReadingKeyring.empty(supplierReading).register(token.publicKey(), GROUP, 4);
    Endpoint<Counter, In, Ping> s =
        supplier(new Counter(Address.SUPPLIER, 0, ring, null, null));
    byte[] maced = ping(m, Address.meter(key.token()), 5);
    assertEquals(AuthCodec.MACED, maced[0]);
    s.receive(maced, new Round(3), random);
    assertViolation("AUTH-V-08", () -> s.receive(maced, new Round(3), random));
    byte[] other = ping(m, Address.meter(Token.random(random)), 5);
    assertEquals(AuthCodec.LICENSED, other[0]);
    assertViolation("AUTH-V-06", () -> s.receive(other, new Round(3), random));
    assertEquals(1, s.party().accepted);
  }

  /** A licensed meter endpoint at a sequence base that holds the reading key of a fresh token. */
  private Endpoint<Counter, In, Ping> tokenHolder(
      SignedLicence held, Ed25519SigningKey key, ReadingKey reading, long sequenceBase) {
    Counter party = new Counter(Address.identified(held.licence().meter()), 0, null, reading, null);
    return Endpoint.licensed(
        party,
        CODEC,
        Received::new,
        EnvelopeVerifier.of(CODEC, party, GROUP, anchors),
        held,
        key,
        sequenceBase);
  }

  @Test
  void macedStreams_startAtZero_whateverTheMetersIdentityAndRestartCount() throws Exception {
    X25519KeyPair supplierReading = X25519KeyPair.generate(random);
    Ed25519SigningKey otherKey = Ed25519SigningKey.generate(random);
    SignedLicence other =
        SignedLicence.issue(
            new Licence(1002, new MeterId("SM-02"), otherKey.publicKey(), GROUP, Round.FIRST,
                new Round(1000)),
            supplierKey);
    ReadingKeyring ring = ReadingKeyring.empty(supplierReading);
    List<Endpoint<Counter, In, Ping>> meters = new ArrayList<>();
    List<Token> tokens = new ArrayList<>();
    // SM-01 at base 500, SM-02 at base 7 * 2^32, and SM-01 again after two restarts, each with a
    // fresh token of epoch 4.
    long[] bases = {500, 7L << 32, 2L << 32};
    SignedLicence[] licences = {licence, other, licence};
    Ed25519SigningKey[] keys = {meterKey, otherKey, meterKey};
    for (int k = 0; k < bases.length; k++) {
      X25519KeyPair token = X25519KeyPair.generate(random);
      ring = ring.register(token.publicKey(), GROUP, 4);
      ReadingKey reading = ReadingKey.derive(token, supplierReading.publicKey(), GROUP, 4);
      tokens.add(reading.token());
      meters.add(tokenHolder(licences[k], keys[k], reading, bases[k]));
    }
    Counter supplierParty = new Counter(Address.SUPPLIER, 0, ring, null, null);
    EnvelopeVerifier<Ping> view = EnvelopeVerifier.of(CODEC, supplierParty, GROUP, anchors)
        .withKeyring(ring);
    Endpoint<Counter, In, Ping> s = supplier(supplierParty);
    for (int k = 0; k < bases.length; k++) {
      Endpoint<Counter, In, Ping> m = meters.get(k);
      Address self = Address.identified(licences[k].licence().meter());
      byte[] request = ping(m, self, 1);
      // The identified stream carries the device-wide base, as auth.md §7 requires ...
      assertEquals(bases[k], view.verify(request, new Round(3)).sequence());
      Address token = Address.meter(tokens.get(k));
      List<Long> seen = new ArrayList<>();
      for (int f = 0; f < 3; f++) {
        byte[] maced = ping(m, token, 5);
        assertEquals(AuthCodec.MACED, maced[0]);
        seen.add(view.verify(maced, new Round(3)).sequence());
        s.receive(maced, new Round(3), random);
      }
      // ... and the pseudonymous stream does not: the same numbers for every meter and boot.
      assertEquals(List.of(0L, 1L, 2L), seen);
    }
    assertEquals(9, s.party().accepted);
  }

  @Test
  void aTokensStream_fromZero_isAcceptedOnce_andReplaysWithinItAreRefused() throws Exception {
    X25519KeyPair supplierReading = X25519KeyPair.generate(random);
    X25519KeyPair token = X25519KeyPair.generate(random);
    ReadingKey key = ReadingKey.derive(token, supplierReading.publicKey(), GROUP, 4);
    Endpoint<Counter, In, Ping> m = tokenHolder(licence, meterKey, key, 3L << 32);
    ReadingKeyring ring =
        ReadingKeyring.empty(supplierReading).register(token.publicKey(), GROUP, 4);
    Endpoint<Counter, In, Ping> s = supplier(new Counter(Address.SUPPLIER, 0, ring, null, null));
    Address from = Address.meter(key.token());
    byte[] first = ping(m, from, 1);
    byte[] second = ping(m, from, 2);
    s.receive(second, new Round(3), random);
    s.receive(first, new Round(3), random);
    assertViolation("AUTH-V-08", () -> s.receive(first, new Round(3), random));
    assertViolation("AUTH-V-08", () -> s.receive(second, new Round(3), random));
    byte[] last = second;
    for (int k = 0; k < ReplayWindow.SIZE; k++) {
      last = ping(m, from, 1);
    }
    s.receive(last, new Round(3), random);
    assertViolation("AUTH-V-09", () -> s.receive(first, new Round(3), random));
    assertEquals(3, s.party().accepted);
  }

  @Test
  void aLicenceGrantedByTheProtocol_switchesTheEndpointToLicensedFrames() throws Exception {
    Counter unlicensed = Counter.at(Address.identified(SM1));
    Endpoint<Counter, In, Ping> m =
        Endpoint.signing(
            unlicensed,
            CODEC,
            Received::new,
            EnvelopeVerifier.of(CODEC, unlicensed, GROUP, anchors),
            meterKey,
            0);
    assertEquals(AuthCodec.SIGNED, ping(m, Address.identified(SM1), 1)[0]);
    Counter granted = new Counter(Address.identified(SM1), 0, null, null, licence);
    Endpoint<Counter, In, Ping> g =
        Endpoint.signing(
            granted,
            CODEC,
            Received::new,
            EnvelopeVerifier.of(CODEC, granted, GROUP, anchors),
            meterKey,
            0);
    assertEquals(AuthCodec.LICENSED, ping(g, Address.identified(SM1), 1)[0]);
  }

  @Test
  void aRevocationInstalledLater_refusesTheCachedLicence() throws Exception {
    Endpoint<Counter, In, Ping> m = meter(0);
    Endpoint<Counter, In, Ping> s = supplier(Counter.at(Address.SUPPLIER));
    s.receive(ping(m, Address.identified(SM1), 1), new Round(3), random);
    SignedRevocationList v2 =
        SignedRevocationList.issue(new RevocationList(2, Set.of(1001L)), supplierKey);
    s.updateRevocations(v2, new Round(3));
    byte[] next = ping(m, Address.identified(SM1), 1);
    assertViolation("AUTH-V-11", () -> s.receive(next, new Round(3), random));
    SignedRevocationList v1 =
        SignedRevocationList.issue(new RevocationList(1, Set.of()), supplierKey);
    assertViolation("AUTH-V-12", () -> s.updateRevocations(v1, new Round(3)));
    assertEquals(2, s.verifier().revocations().version());
    assertEquals(1, s.party().accepted);
  }

  /**
   * spec/auth.md §5.4: a receiver binds a licensed frame to the identity, so a second licence of
   * SM-01 under a new key (a replaced device) counts beside the first until the issuer lists the
   * earlier serial; from then on only the new key counts.
   */
  @Test
  void twoLicencesOfOneIdentity_bothCount_untilTheEarlierSerialIsListed() throws Exception {
    Ed25519SigningKey replacement = Ed25519SigningKey.generate(random);
    SignedLicence relicensed = SignedLicence.issue(
        new Licence(1002, SM1, replacement.publicKey(), GROUP, Round.FIRST, new Round(1000)),
        supplierKey);
    Counter party = Counter.at(Address.identified(SM1));
    Endpoint<Counter, In, Ping> replaced = Endpoint.licensed(party, CODEC, Received::new,
        EnvelopeVerifier.of(CODEC, party, GROUP, anchors), relicensed, replacement, 0);
    Endpoint<Counter, In, Ping> old = meter(0);
    Endpoint<Counter, In, Ping> s = supplier(Counter.at(Address.SUPPLIER));
    s.receive(ping(old, Address.identified(SM1), 1), new Round(3), random);
    s.receive(ping(replaced, Address.identified(SM1), 1), new Round(3), random);
    assertEquals(2, s.party().accepted, "both licences of the identity count");

    s.updateRevocations(
        SignedRevocationList.issue(new RevocationList(2, Set.of(1001L)), supplierKey),
        new Round(3));
    byte[] fromOldKey = ping(old, Address.identified(SM1), 2);
    assertViolation("AUTH-V-11", () -> s.receive(fromOldKey, new Round(3), random));
    s.receive(ping(replaced, Address.identified(SM1), 2), new Round(3), random);
    assertEquals(3, s.party().accepted, "only the new key counts once 1001 is listed");
  }

  @Test
  void anExpiredLicence_isRefusedEvenAfterItWasCached() throws Exception {
    Endpoint<Counter, In, Ping> m = meter(0);
    Endpoint<Counter, In, Ping> s = supplier(Counter.at(Address.SUPPLIER));
    s.receive(ping(m, Address.identified(SM1), 1), new Round(1000), random);
    byte[] late = ping(m, Address.identified(SM1), 1);
    assertViolation("AUTH-V-10", () -> s.receive(late, new Round(1001), random));
  }

  @Test
  void aRotatedSupplierKey_isRefusedAfterItsLastRound_forLicencesItSigned() throws Exception {
    Endpoint<Counter, In, Ping> m = meter(0);
    Endpoint<Counter, In, Ping> s = supplier(Counter.at(Address.SUPPLIER));
    s.receive(ping(m, Address.identified(SM1), 1), new Round(3), random);
    Ed25519SigningKey successor = Ed25519SigningKey.generate(random);
    s.trust(anchors.rotate(supplierKey.publicKey().keyId(), new Round(5), successor.publicKey()));
    s.receive(ping(m, Address.identified(SM1), 1), new Round(5), random);
    byte[] after = ping(m, Address.identified(SM1), 1);
    assertViolation("AUTH-V-03", () -> s.receive(after, new Round(6), random));
    assertEquals(2, s.party().accepted);
  }

  @Test
  void aFrameForAnotherParty_isRefused() throws Exception {
    Endpoint<Counter, In, Ping> m = meter(0);
    Endpoint<Counter, In, Ping> aggregator = supplier(Counter.at(Address.AGGREGATOR));
    byte[] toSupplier = ping(m, Address.identified(SM1), 1);
    assertViolation("AUTH-V-13", () -> aggregator.receive(toSupplier, new Round(3), random));
  }

  @Test
  void twoAnchorsOfOnePrincipal_haveTheirOwnStreams() throws Exception {
    Ed25519SigningKey first = Ed25519SigningKey.generate(random);
    Ed25519SigningKey second = Ed25519SigningKey.generate(random);
    TrustAnchors both =
        anchors
            .with(Anchor.of(Address.LOCAL_CONCENTRATOR, first.publicKey()))
            .with(Anchor.of(Address.LOCAL_CONCENTRATOR, second.publicKey()));
    Counter party = Counter.at(Address.SUPPLIER);
    Endpoint<Counter, In, Ping> s =
        Endpoint.signing(
            party, CODEC, Received::new, EnvelopeVerifier.of(CODEC, party, GROUP, both),
            supplierKey, 0);
    for (Ed25519SigningKey k : List.of(first, second)) {
      Counter c = Counter.at(Address.LOCAL_CONCENTRATOR);
      Endpoint<Counter, In, Ping> collector =
          Endpoint.signing(c, CODEC, Received::new, EnvelopeVerifier.of(CODEC, c, GROUP, both), k, 0);
      byte[] frame = ping(collector, Address.LOCAL_CONCENTRATOR, 1);
      VerifiedEnvelope<Ping> v = EnvelopeVerifier.of(CODEC, party, GROUP, both).verify(frame, new Round(3));
      assertEquals(k.publicKey().keyId(), v.signer().orElseThrow());
      s.receive(frame, new Round(3), random);
    }
    assertEquals(2, s.party().accepted);
  }
}
