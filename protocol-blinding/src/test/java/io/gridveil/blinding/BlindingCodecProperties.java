// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding untrusted bodies (spec/blinding.md §5.1, encoding.md §3): a message or a check ID. */
class BlindingCodecProperties {
  private final BlindingCodec codec = new BlindingCodec();

  static Gen<byte[]> bodies() {
    // Mostly well-formed prefixes (a valid key size) so that decoding goes past the first field.
    Gen<byte[]> prefixed = Gens.bytes(0, 1200).map(b -> {
      if (b.length >= 2) {
        b[0] = 0x08;
        b[1] = 0x00;
      }
      return b;
    });
    return Gens.oneOf(prefixed, Gens.bytes(0, 64));
  }

  @Test
  void arbitraryBodies_decodeOrFailWithACheckId() {
    Pbt.property().forAll(bodies(), Gens.integers(0, 9)).check(this::decodesOrFailsWithACheckId);
  }

  private void decodesOrFailsWithACheckId(byte[] body, int type) {
    CanonicalReader r = CanonicalReader.of(body);
    try {
      BlindingMessage m = codec.decode(type, r);
      r.requireEnd("body");
      CanonicalWriter w = new CanonicalWriter();
      codec.encode(m, w);
      assertArrayEquals(body, w.toByteArray(), "a decoded body re-encodes to itself");
    } catch (MalformedMessageException e) {
      String id = e.checkId().value();
      assertEquals(true, id.startsWith("CORE-E-") || id.startsWith("BLND-E-"), id);
    }
  }

  @Test
  void contributionsAndIndexLists_roundTrip() {
    // raw: up to 300 bytes, beyond 2048 bits, reduced below 2^2048
    Pbt.property()
        .forAll(Gens.lists(Gens.integers(0, Integer.MAX_VALUE), 0, 20), Gens.bytes(0, 300))
        .check(this::roundTrips);
  }

  private void roundTrips(List<Integer> missing, byte[] raw) throws Exception {
    BigInteger c = new BigInteger(1, raw).mod(BigInteger.ONE.shiftLeft(2048));
    for (BlindingMessage m : List.of(
        new BlindingMessage.Contribution(KeySize.BITS_2048, c),
        new BlindingMessage.RecoveryRequest(missing),
        new BlindingMessage.RecoveryRelease(missing, KeySize.BITS_3072, c))) {
      CanonicalWriter w = new CanonicalWriter();
      codec.encode(m, w);
      CanonicalReader r = CanonicalReader.of(w.toByteArray());
      assertEquals(m, codec.decode(codec.typeOf(m), r));
      r.requireEnd("body");
    }
  }
}
