// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.blinding.BlindingCodec;
import io.gridveil.blinding.BlindingInput;
import io.gridveil.blinding.BlindingMessage;
import io.gridveil.blinding.KeySize;
import io.gridveil.cmt.CmtCodec;
import io.gridveil.cmt.CmtInput;
import io.gridveil.cmt.CmtMessage;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.ReceiverPolicy;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.message.MessageCodec;
import io.gridveil.core.network.Delivery;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.SecretLong;
import io.gridveil.ddh.DdhCodec;
import io.gridveil.ddh.DdhInput;
import io.gridveil.ddh.DdhMessage;
import io.gridveil.ddh.Roster;
import io.gridveil.ddh.RosterEntry;
import io.gridveil.ddh.SignedRoster;
import io.gridveil.ddh.psa.PsaCiphertext;
import io.gridveil.ddh.psa.PsaCodec;
import io.gridveil.ddh.psa.PsaInput;
import io.gridveil.ddh.psa.PsaMessage;
import io.gridveil.distortion.DistortingMeter;
import io.gridveil.distortion.DistortionCodec;
import io.gridveil.distortion.DistortionMessage;
import io.gridveil.distortion.billing.TariffDigest;
import io.gridveil.distortion.reconstruction.BinGrid;
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import io.gridveil.testkit.TestPki;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * No secret and no reading reaches a toString (spec/core.md §4.3, DESIGN principle 4): every
 * message type of every scheme, found by reflection over the permitted subclasses of each sealed
 * message interface, is built with recognisable secret and reading values, alone, in an envelope,
 * verified, in a party input, in a step, in an endpoint output and in a network delivery; none of
 * their strings may show one of those values in decimal or hex.
 *
 * <p>Every recognisable value starts with the hex digits {@code 5ec2e7}, which no hex rendering of
 * these fixed test keys, tokens and signatures contains, so any hex leak of any of them is caught
 * by that prefix; decimal renderings are caught value by value.
 */
class RedactionTest {
  private static final String HEX_MARK = "5ec2e7";

  private static final long SHARE = 0x5EC2E7A11CE00001L;
  private static final long PARTIAL = 0x5EC2E7A11CE00002L;
  private static final long GROUP_KEY = 0x5EC2E7A11CE00003L;
  private static final long DELTA = 0x5EC2E7A11CE00004L;
  private static final long PAD = 0x5EC2E7A11CE00005L;
  private static final long READING = 0x5EC2E7D0D0L;
  private static final long DISTORTED = 0x5EC2E7D15701L;
  private static final long BILL = 0x5EC2E7B111L;
  private static final BigInteger CORRECTION = new BigInteger("5ec2e7c0ffee5ec2e7c0ffee", 16);
  private static final byte[] SEED = pattern(32);
  private static final byte[] PRIME = pattern(KeySize.BITS_2048.primeLength());

  private static final List<Long> LONGS =
      List.of(SHARE, PARTIAL, GROUP_KEY, DELTA, PAD, READING, DISTORTED, BILL);

  private static final GroupId GROUP = new GroupId("g-redaction");
  private static final Round ROUND = new Round(7);
  private static final Token A = Token.fromBytes(bytes(16, 0x11));
  private static final Token B = Token.fromBytes(bytes(16, 0x22));
  private static final X25519PublicKey PK = X25519PublicKey.of(bytes(32, 0x33));
  private static final MeterId METER = new MeterId("sm-redaction");
  /** The P-256 base point, compressed: a valid PSA ciphertext (not a secret). */
  private static final String P256_G =
      "036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296";

  private final TestPki pki = new TestPki(DeterministicRandomSource.fromSeed(14));

  private static byte[] pattern(int length) {
    byte[] mark = HexFormat.of().parseHex(HEX_MARK);
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = mark[i % mark.length];
    }
    return b;
  }

  private static byte[] bytes(int length, int fill) {
    byte[] b = new byte[length];
    Arrays.fill(b, (byte) fill);
    return b;
  }

  /** One sample of every CMT message, keyed by its class. */
  private Map<Class<?>, CmtMessage> cmt() {
    SignedLicence licence = SignedLicence.issue(new Licence(1, METER,
        pki.meterKey(METER).publicKey(), GROUP, Round.FIRST, new Round(99)),
        pki.key(Address.SUPPLIER));
    return byClass(List.of(
        new CmtMessage.LicenceRequest(METER),
        new CmtMessage.LicenceGrant(licence),
        new CmtMessage.LcDiscovery(),
        new CmtMessage.LcAnnouncement(A, 3),
        new CmtMessage.TokenAssignment(METER, A, B, 3),
        new CmtMessage.ReRegister(3, A),
        new CmtMessage.KeyShare(A, 3, SecretLong.of(SHARE), PK),
        new CmtMessage.SuccessorAssignment(3, A, METER, B, 4, true),
        new CmtMessage.RingSum(3, SecretLong.of(PARTIAL)),
        CmtMessage.GroupKey.sorted(3, SecretLong.of(GROUP_KEY), List.of(PK)),
        new CmtMessage.ReadingRequest(3),
        new CmtMessage.Delta(A, 3, SecretLong.of(DELTA)),
        new CmtMessage.EncryptedReading(B, 3, 12),
        new CmtMessage.RoundAck(A, 3),
        new CmtMessage.Leave(A, 3),
        new CmtMessage.LcHandover(3, List.of(new CmtMessage.Member(A, METER)))));
  }

  private Map<Class<?>, DdhMessage> ddh() throws Exception {
    X25519PublicKey key = X25519PublicKey.fromBytes(PK.toBytes());
    Roster roster = new Roster(GROUP, 1, key, List.of(new RosterEntry(METER, key)));
    return byClass(List.of(
        new DdhMessage.RosterAnnouncement(
            SignedRoster.sign(roster, pki.key(Address.SUPPLIER))),
        new DdhMessage.Contribution(1, 12),
        new DdhMessage.AggregateSum(1, 12, List.of(0, 1)),
        new DdhMessage.RevealRequest(1, List.of(1)),
        new DdhMessage.PadReveal(1, 1, SecretLong.of(PAD))));
  }

  private static Map<Class<?>, PsaMessage> psa() throws Exception {
    return byClass(List.of(
        new PsaMessage.Contribution(PsaCiphertext.fromBytes(HexFormat.of().parseHex(P256_G)))));
  }

  private static Map<Class<?>, BlindingMessage> blinding() {
    KeySize k = KeySize.BITS_2048;
    BigInteger n = BigInteger.valueOf(0x7fffffffL);
    return byClass(List.of(
        new BlindingMessage.SeedDeal(k, 1, 3, n, BigInteger.TWO, SecretBytes.copyOf(SEED),
            SecretBytes.copyOf(SEED)),
        new BlindingMessage.GroupSetup(k, n, BigInteger.TWO, List.of(METER)),
        new BlindingMessage.KeyDelivery(k, 3, SecretBytes.copyOf(PRIME),
            SecretBytes.copyOf(PRIME)),
        new BlindingMessage.Contribution(k, BigInteger.TEN),
        new BlindingMessage.Aggregate(k, BigInteger.TEN, 2, 1),
        new BlindingMessage.RecoveryRequest(List.of(2)),
        new BlindingMessage.RecoveryRelease(List.of(2), k, CORRECTION)));
  }

  private static Map<Class<?>, DistortionMessage> distortion() {
    BinGrid grid = new BinGrid(0, 1, 2);
    return byClass(List.of(
        new DistortionMessage.DistortedReading(DISTORTED),
        new DistortionMessage.BillingQuery(4, TariffDigest.of(bytes(32, 0x44))),
        new DistortionMessage.BillingResponse(4, BILL, 96),
        new DistortionMessage.LocalDistribution(
            new BinnedDistribution(grid, new double[] {0.5, 0.5}, 10))));
  }

  private static <M> Map<Class<?>, M> byClass(List<M> samples) {
    Map<Class<?>, M> out = new LinkedHashMap<>();
    for (M m : samples) {
      out.put(m.getClass(), m);
    }
    return out;
  }

  /** Fails unless the samples cover every permitted subclass of the sealed interface. */
  private static void assertCoversEveryType(Class<?> sealed, Map<Class<?>, ?> samples) {
    assertTrue(sealed.isSealed(), sealed + " is sealed");
    Set<String> permitted = new TreeSet<>();
    for (Class<?> c : sealed.getPermittedSubclasses()) {
      permitted.add(c.getName());
    }
    Set<String> sampled = new TreeSet<>();
    for (Class<?> c : samples.keySet()) {
      sampled.add(c.getName());
    }
    assertEquals(permitted, sampled, "a sample for every message type of " + sealed.getName());
  }

  /** Every rendering of a recognisable value that must not appear. */
  private static List<String> needles() {
    List<String> out = new ArrayList<>();
    out.add(HEX_MARK);
    for (long v : LONGS) {
      out.add(Long.toString(v));
      out.add(Long.toUnsignedString(v));
      out.add(Long.toHexString(v));
    }
    out.add(CORRECTION.toString());
    out.add(CORRECTION.toString(16));
    return out;
  }

  private static void assertRedacted(Object o, List<String> failures) {
    String s = o.toString().toLowerCase(Locale.ROOT);
    for (String needle : needles()) {
      if (s.contains(needle)) {
        failures.add(o.getClass().getName() + " shows " + needle + ": " + o);
        return;
      }
    }
  }

  /** A party state whose own toString would leak: a step must not print its next state. */
  private record LeakyState(long secret) {}

  private <M> void checkScheme(Class<M> sealed, Map<Class<?>, M> samples, MessageCodec<M> body,
      List<String> failures) throws Exception {
    assertCoversEveryType(sealed, samples);
    EnvelopeCodec<M> codec = EnvelopeCodec.of(body);
    for (M m : samples.values()) {
      assertRedacted(m, failures);
      Envelope<M> e = new Envelope<>(Address.SUPPLIER, Address.AGGREGATOR, GROUP, ROUND, m);
      assertRedacted(e, failures);
      assertRedacted(new Step<>(new LeakyState(SHARE), List.of(e), List.of()), failures);
      assertRedacted(new Endpoint.Output(List.of(), List.of(), Optional.of(e)), failures);
      assertRedacted(new Delivery<>(Address.AGGREGATOR, e), failures);
      assertRedacted(new Delivery<>(Address.AGGREGATOR, new LeakyState(SHARE)), failures);
      // the frame sealed and verified as a receiver gets it
      assertRedacted(pki.verified(e, codec, ReceiverPolicy.of(Address.AGGREGATOR)), failures);
    }
  }

  @Test
  void everyMessageAndCarrier_ofEveryScheme_showsNoSecretOrReading() throws Exception {
    List<String> failures = new ArrayList<>();
    checkScheme(CmtMessage.class, cmt(), CmtCodec.INSTANCE, failures);
    checkScheme(DdhMessage.class, ddh(), DdhCodec.INSTANCE, failures);
    checkScheme(PsaMessage.class, psa(), PsaCodec.INSTANCE, failures);
    checkScheme(BlindingMessage.class, blinding(), new BlindingCodec(), failures);
    checkScheme(DistortionMessage.class, distortion(), DistortionCodec.INSTANCE, failures);
    assertEquals(List.of(), failures);
  }

  @Test
  void partyInputs_carryingAReadingOrAMessage_showNeither() throws Exception {
    List<String> failures = new ArrayList<>();
    Reading reading = Reading.ofWattHours(READING);
    assertRedacted(reading, failures);
    assertRedacted(new CmtInput.LocalReading(ROUND, reading), failures);
    assertRedacted(new DdhInput.LocalReading(ROUND, reading), failures);
    assertRedacted(new PsaInput.LocalReading(ROUND, reading), failures);
    assertRedacted(new BlindingInput.LocalReading(ROUND, reading), failures);
    assertRedacted(new DistortingMeter.Input.LocalReading(ROUND, reading), failures);
    EnvelopeCodec<CmtMessage> cmt = EnvelopeCodec.of(CmtCodec.INSTANCE);
    VerifiedEnvelope<CmtMessage> share = pki.verified(new Envelope<CmtMessage>(Address.SUPPLIER,
        Address.AGGREGATOR, GROUP, ROUND, new CmtMessage.KeyShare(A, 3, SecretLong.of(SHARE), PK)),
        cmt, ReceiverPolicy.of(Address.AGGREGATOR));
    assertRedacted(new CmtInput.Inbound(share), failures);
    EnvelopeCodec<DdhMessage> ddh = EnvelopeCodec.of(DdhCodec.INSTANCE);
    VerifiedEnvelope<DdhMessage> pad = pki.verified(new Envelope<DdhMessage>(Address.SUPPLIER,
        Address.AGGREGATOR, GROUP, ROUND, new DdhMessage.PadReveal(1, 1, SecretLong.of(PAD))),
        ddh, ReceiverPolicy.of(Address.AGGREGATOR));
    assertRedacted(new DdhInput.Inbound(pad), failures);
    EnvelopeCodec<DistortionMessage> dist = EnvelopeCodec.of(DistortionCodec.INSTANCE);
    VerifiedEnvelope<DistortionMessage> bill = pki.verified(new Envelope<DistortionMessage>(
        Address.SUPPLIER, Address.AGGREGATOR, GROUP, ROUND,
        new DistortionMessage.BillingResponse(4, BILL, 96)), dist,
        ReceiverPolicy.of(Address.AGGREGATOR));
    assertRedacted(new DistortingMeter.Input.Inbound(bill), failures);
    assertEquals(List.of(), failures);
  }

  @Test
  void theNeedles_findAnUnredactedRendering() {
    // the check itself: a plain record over the same values is caught in decimal and in hex
    List<String> failures = new ArrayList<>();
    assertRedacted(new LeakyState(SHARE), failures);
    assertRedacted(List.of(Long.toHexString(DELTA)), failures);
    assertRedacted(List.of(CORRECTION), failures);
    assertEquals(3, failures.size(), failures.toString());
    assertFalse(needles().isEmpty());
  }
}
