// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.ec.X25519KeyPair;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import org.junit.jupiter.api.Test;

/**
 * spec/auth.md §3 and §6: any single bit flip in a signed, licensed or MACed frame is rejected.
 */
class AuthProperties {
  @SuppressWarnings("unchecked")
  private static EnvelopeVerifier<Object> verifier(Address self) throws Exception {
    Vector m = Vectors.load("auth/maced.json").get(0);
    X25519KeyPair token = X25519KeyPair.fromPrivate(
        io.gridveil.core.secret.SecretBytes.copyOf(m.hex("tokenPrivate")));
    X25519KeyPair supplier = X25519KeyPair.fromPrivate(
        io.gridveil.core.secret.SecretBytes.copyOf(m.hex("supplierPrivate")));
    GroupId g = new GroupId("north-7");
    return EnvelopeVerifier.of(
            (EnvelopeCodec<Object>) AuthFixtures.codec(), self, g, AuthFixtures.supplierAnchors())
        .withKeyring(ReadingKeyring.empty(supplier).register(token.publicKey(), g, 5));
  }

  private static void assertFlipRejected(
      byte[] good, Address self, Round now, long sequence, int bit) throws Exception {
    EnvelopeVerifier<Object> v = verifier(self);
    v.verify(good, now);
    byte[] bad = good.clone();
    int i = bit % (bad.length * 8);
    bad[i / 8] ^= (byte) (1 << (i % 8));
    ProtocolViolationException e =
        assertThrows(ProtocolViolationException.class, () -> v.verify(bad, now));
    assertTrue(e.checkId().value().startsWith("AUTH-") || e.checkId().value().startsWith("CORE-E"));
    assertEquals(sequence, v.verify(good, now).sequence(), "the verifier is unchanged");
  }

  /** Any bit of the frame (taken modulo its length in bits). */
  private static final Gen<Integer> BITS = Gens.integers(0, 1 << 20);

  @Test
  void bitFlipInSignedFrame_isRejected() throws Exception {
    Vector v = Vectors.load("auth/signed.json").get(0);
    Pbt.property(300).forAll(BITS).check(bit ->
        assertFlipRejected(v.hex("wrapped"), Address.GROUP_BROADCAST, new Round(3), 42, bit));
  }

  @Test
  void bitFlipInMacedFrame_isRejected() throws Exception {
    Vector v = Vectors.load("auth/maced.json").get(0);
    Pbt.property(300).forAll(BITS).check(bit ->
        assertFlipRejected(v.hex("wrapped"), Address.SUPPLIER, new Round(17), 7, bit));
  }

  @Test
  void bitFlipInLicensedFrame_isRejected() throws Exception {
    Vector v = Vectors.load("auth/licensed.json").get(0);
    Pbt.property(300).forAll(BITS).check(bit ->
        assertFlipRejected(v.hex("wrapped"), Address.GROUP_BROADCAST, new Round(3), 11, bit));
  }
}
