// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretLong;
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 finding 7 (spec/cmt.md §3.1, §3.4 step 5, §3.13): at extreme licence terms, rounds and
 * epochs, every inbound frame and operator input either steps the supplier or is refused with a
 * checked exception and its check ID; nothing throws unchecked, and a refusal changes nothing.
 */
class CmtSupplierInboundProperties {
  private static final long FOREVER = Anchor.FOREVER.index();
  private static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(8, 100, 16))
          .withMinGroupSize(2);
  private static final GroupId G = CmtGroupDriver.GROUP;
  private static final MeterId A = new MeterId("a");
  private static final MeterId B = new MeterId("b");

  /** One input at the edges: what it is, and the numbers it carries. */
  record Input(int kind, long epoch, long value, int tokens) {}

  /** A run: licence terms, the round the supplier has reached, and the inputs. */
  record Run(long terms, long round, List<Input> inputs) {}

  private static Gen<Long> extremeLongs() {
    return Gens.withEdges(Gens.longs(0, Long.MAX_VALUE), 0L, 1L, 2L, Supplier.MAX_EPOCH_STEP,
        Supplier.MAX_EPOCH_STEP + 1, FOREVER - 1, FOREVER, Long.MAX_VALUE);
  }

  private static Gen<Run> runs() {
    Gen<Input> input = Gens.zip(Gens.integers(0, 5), extremeLongs(), extremeLongs(),
        Gens.integers(0, 9), Input::new);
    return Gens.zip(extremeLongs(), Gens.withEdges(Gens.longs(1, FOREVER - 1), 1L, FOREVER - 1),
        Gens.sequences(input, 12), Run::new);
  }

  @Test
  void everyInboundFrameAndInput_atExtremeValues_stepsOrIsRefusedChecked() {
    Pbt.property(200).forAll(runs()).check(CmtSupplierInboundProperties::run);
  }

  private static void run(Run r) throws Exception {
    RandomSource rng = DeterministicRandomSource.fromSeed(r.round() ^ r.terms());
    Ed25519SigningKey supplierKey = Ed25519SigningKey.generate(rng);
    X25519KeyPair readingKeys = X25519KeyPair.generate(rng);
    Ed25519SigningKey deviceA = Ed25519SigningKey.generate(rng);
    Ed25519SigningKey deviceB = Ed25519SigningKey.generate(rng);
    TrustAnchors anchors = TrustAnchors.empty()
        .with(Anchor.of(Address.SUPPLIER, supplierKey.publicKey()))
        .with(Supplier.enrolmentAnchor(A, deviceA.publicKey()))
        .with(Supplier.enrolmentAnchor(B, deviceB.publicKey()));
    Supplier s = Supplier.create(PARAMS, G, supplierKey, readingKeys)
        .withLicenceTerms(1, r.terms())
        .enrol(A, deviceA.publicKey())
        .enrol(B, deviceB.publicKey());
    // A is licensed in round 0 and keys the group; then the supplier reaches the drawn round
    s = step(s, signed(s, anchors, Address.identified(A), new CmtMessage.LicenceRequest(A),
        deviceA, 0, Round.FIRST), rng);
    s = step(s, licensed(s, anchors, A, deviceA, groupKey(1, 0, 2, rng), 1), rng);
    s = step(s, new CmtInput.RequestRound(new Round(r.round())), rng);
    long seq = 2;
    for (Input in : r.inputs()) {
      Round now = new Round(s.lastRequested());
      CmtInput input;
      try {
        input = switch (in.kind()) {
          case 0 -> signed(s, anchors, Address.identified(B), new CmtMessage.LicenceRequest(B),
              deviceB, seq++, now);
          case 1 -> s.currentLicence(A).isPresent()
              ? licensed(s, anchors, A, deviceA,
                  groupKey(in.epoch(), in.value() & PARAMS.mask(), in.tokens(), rng), seq++)
              : signed(s, anchors, Address.identified(A),
                  groupKey(in.epoch(), in.value(), in.tokens(), rng), deviceA, seq++, now);
          case 2 -> new CmtInput.RequestRound(new Round(Math.min(in.epoch(), FOREVER)));
          case 3 -> new CmtInput.RenewLicence(in.value() % 2 == 0 ? A : B);
          case 4 -> new CmtInput.Revoke(in.value() % 2 == 0 ? A : B,
              in.epoch() % 2 == 0 ? CmtInput.RevocationScope.DEVICE_KEY
                  : CmtInput.RevocationScope.IDENTITY);
          default -> new CmtInput.Timer(CmtInput.TimerKind.ROUND_DEADLINE,
              new Round(Math.min(in.epoch(), FOREVER)));
        };
      } catch (ProtocolViolationException refusedByTheVerifier) {
        continue;
      }
      s = step(s, input, rng);
    }
  }

  /** Steps, or keeps the state on a checked refusal; anything unchecked fails the property. */
  private static Supplier step(Supplier s, CmtInput input, RandomSource rng) {
    String before = describe(s);
    try {
      Step<Supplier> st = s.step(input, rng);
      return st.next();
    } catch (ProtocolViolationException refused) {
      assertEquals(before, describe(s), "a refusal changed the supplier");
      return s;
    }
  }

  private static String describe(Supplier s) {
    return s.epoch() + "/" + s.members() + "/" + s.lastRequested() + "/" + s.revocations()
        + "/" + s.currentLicence(A) + "/" + s.currentLicence(B);
  }

  private static CmtMessage.GroupKey groupKey(long epoch, long k, int n, RandomSource rng)
      throws ProtocolViolationException {
    List<X25519PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(X25519KeyPair.generate(rng).publicKey());
    }
    return CmtMessage.GroupKey.sorted(epoch, SecretLong.of(k), keys);
  }

  private static CmtInput signed(Supplier s, TrustAnchors anchors, Address from, CmtMessage m,
      Ed25519SigningKey key, long seq, Round now) throws ProtocolViolationException {
    byte[] frame = CmtGroupDriver.CODEC.encode(new Envelope<>(from, Address.SUPPLIER, G, now, m));
    return new CmtInput.Inbound(EnvelopeVerifier.of(CmtGroupDriver.CODEC, s, G, anchors)
        .verify(AuthCodec.sign(frame, seq, key), now, s));
  }

  private static CmtInput licensed(Supplier s, TrustAnchors anchors, MeterId id,
      Ed25519SigningKey key, CmtMessage m, long seq) throws ProtocolViolationException {
    Round now = new Round(s.lastRequested());
    byte[] frame = CmtGroupDriver.CODEC.encode(
        new Envelope<>(Address.LOCAL_CONCENTRATOR, Address.SUPPLIER, G, now, m));
    return new CmtInput.Inbound(EnvelopeVerifier.of(CmtGroupDriver.CODEC, s, G, anchors)
        .verify(AuthCodec.signLicensed(frame, seq, s.currentLicence(id).orElseThrow(), key), now,
            s));
  }
}
