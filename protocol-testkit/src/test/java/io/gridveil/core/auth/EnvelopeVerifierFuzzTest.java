// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.ec.X25519KeyPair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.message.ProtocolId;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.testkit.fuzz.FrameScript;
import io.gridveil.testkit.fuzz.FuzzOracle;
import io.gridveil.testkit.fuzz.Sealer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of {@link EnvelopeVerifier} over every wrapper kind (spec/auth.md §3 to
 * §6): a verifier with real anchors (supplier, TTP, with a rotation), a reading keyring, a
 * revocation list and a licence cache. {@link #verifyWire} takes the wire bytes as they come;
 * {@link #verifySealed} seals fuzzer-chosen frames with real keys (supplier, TTP, a licensed
 * meter, a revoked meter, a MACed token, an unknown key) so inputs reach the checks after the
 * signature. Only ProtocolViolationException may escape, an accepted frame's sender is its
 * principal, and allocation stays bounded by the input's length.
 */
class EnvelopeVerifierFuzzTest {
  private static final GroupId GROUP = new GroupId("north-7");
  private static final Round NOW = new Round(17);
  private static final MeterId SM1 = new MeterId("SM-01");
  private static final MeterId SM2 = new MeterId("SM-02");
  /** Signature checks and licence decoding allocate about 60 KiB per frame. */
  private static final long PER_FRAME = 256 * 1024;

  @SuppressWarnings("unchecked")
  private static final EnvelopeCodec<Object> CODEC = (EnvelopeCodec<Object>) AuthFixtures.codec();

  private static final Fixture F = new Fixture();

  /** The keys, licences and verifier every execution shares (all immutable). */
  private static final class Fixture {
    final EnvelopeVerifier<Object> verifier;
    final FrameScript script;

    Fixture() {
      Ed25519SigningKey supplier = AuthFixtures.signing("supplier");
      Ed25519SigningKey ttp = AuthFixtures.signing("ttp");
      Ed25519SigningKey meter = AuthFixtures.signing("meter");
      Ed25519SigningKey stranger =
          Ed25519SigningKey.generate(DeterministicRandomSource.fromSeed(15));
      Ed25519SigningKey rotated =
          Ed25519SigningKey.generate(DeterministicRandomSource.fromSeed(16));
      X25519KeyPair token = X25519KeyPair.fromPrivate(
          SecretBytes.copyOf(AuthFixtures.key("token").hex("private")));
      X25519KeyPair reading = X25519KeyPair.fromPrivate(
          SecretBytes.copyOf(AuthFixtures.key("supplierReading").hex("private")));
      TrustAnchors anchors = AuthFixtures.supplierAnchors()
          .with(Anchor.of(Address.TRUSTED_THIRD_PARTY, ttp.publicKey()))
          .rotate(ttp.publicKey().keyId(), new Round(20), rotated.publicKey());
      SignedLicence good = SignedLicence.issue(
          new Licence(1, SM1, meter.publicKey(), GROUP, Round.FIRST, Anchor.FOREVER), supplier);
      SignedLicence revoked = SignedLicence.issue(
          new Licence(2, SM2, meter.publicKey(), GROUP, Round.FIRST, new Round(30)), supplier);
      SignedLicence expired = SignedLicence.issue(
          new Licence(3, SM1, meter.publicKey(), GROUP, Round.FIRST, new Round(10)), supplier);
      ReadingKey readingKey;
      try {
        readingKey = ReadingKey.derive(token, reading.publicKey(), GROUP, 5);
        verifier = EnvelopeVerifier.of(CODEC, ReceiverPolicy.of(Address.SUPPLIER), GROUP, anchors)
            .withKeyring(ReadingKeyring.empty(reading).register(token.publicKey(), GROUP, 5))
            .withRevocations(new RevocationList(1, Set.of(2L)));
      } catch (AuthenticationException e) {
        throw new AssertionError("the fixture's keys are valid", e);
      }
      script = new FrameScript(
          ProtocolId.CORE,
          GROUP,
          List.of(
              Address.SUPPLIER,
              Address.TRUSTED_THIRD_PARTY,
              Address.identified(SM1),
              Address.identified(SM2),
              Address.meter(readingKey.token()),
              Address.GROUP_BROADCAST,
              Address.LOCAL_CONCENTRATOR),
          List.of(
              Sealer.signed(supplier),
              Sealer.signed(ttp),
              Sealer.licensed(good, meter),
              Sealer.licensed(revoked, meter),
              Sealer.licensed(expired, meter),
              Sealer.maced(readingKey),
              Sealer.signed(stranger),
              Sealer.signed(rotated)));
    }
  }

  @FuzzTest
  void verifyWire(byte[] input) {
    LicenceCache cache = new LicenceCache();
    FuzzOracle.boundedAllocation(input.length, FuzzOracle.PER_BYTE, PER_FRAME, () -> verify(input, cache));
  }

  @FuzzTest
  void verifySealed(byte[] input) {
    LicenceCache cache = new LicenceCache();
    for (FrameScript.Frame f : F.script.frames(input, NOW)) {
      byte[] frame = f.wire();
      FuzzOracle.boundedAllocation(frame.length, FuzzOracle.PER_BYTE, PER_FRAME, () -> verify(frame, cache));
    }
  }

  /** The script's sealers produce frames the verifier accepts: inputs can get past them. */
  @Test
  void sealedFramesOfEachKind_areAccepted() throws Exception {
    byte[] body = {1, 2, 3};
    assertEquals(Address.SUPPLIER, accepted(FrameScript.input(0, 0, 0, 1, 0, body)).principal());
    assertEquals(Address.identified(SM1),
        accepted(FrameScript.input(2, 2, 0, 1, 0, body)).principal());
    assertTrue(accepted(FrameScript.input(5, 4, 0, 1, 0, body)).principal()
        instanceof Address.Meter);
  }

  private static VerifiedEnvelope<Object> accepted(byte[] input) throws Exception {
    return F.verifier.verify(F.script.frames(input, NOW).get(0).wire(), NOW);
  }

  private static void verify(byte[] frame, LicenceCache cache) throws io.gridveil.core.ProtocolViolationException {
    VerifiedEnvelope<Object> v =
        F.verifier.verify(frame, NOW, ReceiverPolicy.of(Address.SUPPLIER), null, cache);
    assertEquals(v.principal(), v.envelope().sender(), "an accepted sender is its principal");
  }
}
