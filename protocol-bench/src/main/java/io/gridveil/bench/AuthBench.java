// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import io.gridveil.cmt.CmtCodec;
import io.gridveil.cmt.CmtMessage;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.ReadingKeyring;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The authentication targets of issue 3: the supplier's verification of a MACed reading envelope
 * (the pseudonymous reading plane, spec/auth.md §6.3; target at least 10^6 per second per core),
 * and the verification of a signed control envelope (spec/auth.md §3.2) beside one bare Ed25519
 * verification of a message of the same length (Bouncy Castle's RFC 8032 code). The envelopes
 * carry CMT messages: an encrypted reading from a token to the supplier, a reading request from
 * the supplier to the local concentrator.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuthBench {
  private final Round now = new Round(5);
  private final EnvelopeVerifier<CmtMessage> supplier;
  private final byte[] macedReading;
  private final CmtMessage reading;
  private final EnvelopeVerifier<CmtMessage> concentrator;
  private final byte[] signedRequest;
  private final EnvelopeVerifier<CmtMessage> member;
  private final byte[] licensedRelay;
  private final byte[] edPublicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
  private final byte[] edSignature = new byte[Ed25519.SIGNATURE_SIZE];
  private final byte[] edMessage;

  /** Sets up the keys and the two wrapped envelopes (fixed seed: benchmark data). */
  public AuthBench() {
    try {
      RandomSource random = DeterministicRandomSource.fromSeed(3L);
      GroupId group = new GroupId("bench-auth");
      EnvelopeCodec<CmtMessage> codec = EnvelopeCodec.of(CmtCodec.INSTANCE);
      X25519KeyPair supplierKeys = X25519KeyPair.generate(random);
      X25519KeyPair tokenKeys = X25519KeyPair.generate(random);
      ReadingKeyring keyring =
          ReadingKeyring.empty(supplierKeys).register(tokenKeys.publicKey(), group, 1);
      ReadingKey key = ReadingKey.derive(tokenKeys, supplierKeys.publicKey(), group, 1);
      reading = new CmtMessage.EncryptedReading(key.token(), 1, 0x0123456789abcdefL);
      macedReading =
          AuthCodec.mac(
              codec.encode(
                  new Envelope<>(Address.meter(key.token()), Address.SUPPLIER, group, now, reading)),
              17,
              key);
      supplier =
          EnvelopeVerifier.of(codec, Address.SUPPLIER, group, TrustAnchors.empty())
              .withKeyring(keyring);

      Ed25519SigningKey signing = Ed25519SigningKey.generate(random);
      byte[] frame =
          codec.encode(
              new Envelope<>(
                  Address.SUPPLIER,
                  Address.LOCAL_CONCENTRATOR,
                  group,
                  now,
                  new CmtMessage.ReadingRequest(1)));
      signedRequest = AuthCodec.sign(frame, 3, signing);
      concentrator =
          EnvelopeVerifier.of(
              codec,
              Address.LOCAL_CONCENTRATOR,
              group,
              TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER, signing.publicKey())));

      Ed25519SigningKey meterKey = Ed25519SigningKey.generate(random);
      SignedLicence licence =
          SignedLicence.issue(
              new Licence(
                  1, new MeterId("SM-01"), meterKey.publicKey(), group, Round.FIRST,
                  Anchor.FOREVER),
              signing);
      licensedRelay =
          AuthCodec.signLicensed(
              codec.encode(
                  new Envelope<>(
                      Address.identified(new MeterId("SM-01")),
                      Address.GROUP_BROADCAST,
                      group,
                      now,
                      new CmtMessage.ReadingRequest(1))),
              5,
              licence,
              meterKey);
      member =
          EnvelopeVerifier.of(
              codec,
              Address.GROUP_BROADCAST,
              group,
              TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER, signing.publicKey())));

      byte[] edPrivate = new byte[Ed25519.SECRET_KEY_SIZE];
      random.nextBytes(edPrivate);
      Ed25519.generatePublicKey(edPrivate, 0, edPublicKey, 0);
      edMessage = new byte[signedRequest.length - Ed25519.SIGNATURE_SIZE];
      random.nextBytes(edMessage);
      Ed25519.sign(edPrivate, 0, edMessage, 0, edMessage.length, edSignature, 0);
    } catch (AuthenticationException e) {
      throw new IllegalStateException("honestly generated keys refused", e);
    }
  }

  /**
   * Checks both paths accept the honest envelope and refuse a flipped bit.
   *
   * @throws ProtocolViolationException if an honest envelope is refused
   */
  @Setup
  public void check() throws ProtocolViolationException {
    if (!verifyMac().envelope().body().equals(reading)
        || !(verifySignedEnvelope().envelope().body() instanceof CmtMessage.ReadingRequest)
        || !(verifyLicensedEnvelope().envelope().body() instanceof CmtMessage.ReadingRequest)
        || !ed25519Verify()) {
      throw new IllegalStateException("an honest envelope or signature did not verify");
    }
    refuses(supplier, macedReading);
    refuses(concentrator, signedRequest);
    refuses(member, licensedRelay);
  }

  private void refuses(EnvelopeVerifier<CmtMessage> verifier, byte[] honest) {
    byte[] forged = honest.clone();
    forged[forged.length - 1] ^= 1;
    try {
      verifier.verify(forged, now);
    } catch (ProtocolViolationException expected) {
      return;
    }
    throw new IllegalStateException("a forged envelope verified");
  }

  /**
   * The supplier's verification of one MACed reading envelope: wrapper decoding, HMAC-SHA256 under
   * the token's key, envelope decoding, sender, group and recipient checks.
   *
   * @return the verified envelope
   * @throws ProtocolViolationException never for the honest envelope
   */
  @Benchmark
  public VerifiedEnvelope<CmtMessage> verifyMac() throws ProtocolViolationException {
    return supplier.verify(macedReading, now);
  }

  /**
   * A party's verification of one signed control envelope (Ed25519 plus the same decoding and
   * checks).
   *
   * @return the verified envelope
   * @throws ProtocolViolationException never for the honest envelope
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public VerifiedEnvelope<CmtMessage> verifySignedEnvelope() throws ProtocolViolationException {
    return concentrator.verify(signedRequest, now);
  }

  /**
   * A member's verification of one licensed control envelope the first time it sees the licence
   * (spec/auth.md §3.4): the supplier's signature on the licence and the meter's signature on the
   * frame, two Ed25519 verifications. An endpoint caches the first, so later frames under the same
   * licence cost one.
   *
   * @return the verified envelope
   * @throws ProtocolViolationException never for the honest envelope
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public VerifiedEnvelope<CmtMessage> verifyLicensedEnvelope() throws ProtocolViolationException {
    return member.verify(licensedRelay, now);
  }

  /**
   * One bare Ed25519 verification (RFC 8032, Bouncy Castle) of a message as long as the signed
   * envelope.
   *
   * @return whether it verified
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public boolean ed25519Verify() {
    return Ed25519.verify(edSignature, 0, edPublicKey, 0, edMessage, 0, edMessage.length);
  }
}
