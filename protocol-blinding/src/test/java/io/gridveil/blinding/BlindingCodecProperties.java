// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Decoding untrusted bodies (spec/blinding.md §5.1, encoding.md §3): a message or a check ID. */
class BlindingCodecProperties {
  private final BlindingCodec codec = new BlindingCodec();

  @Provide
  Arbitrary<byte[]> bodies() {
    // Mostly well-formed prefixes (a valid key size) so that decoding goes past the first field.
    Arbitrary<byte[]> prefixed = Arbitraries.bytes().array(byte[].class).ofMaxSize(1200).map(b -> {
      if (b.length >= 2) {
        b[0] = 0x08;
        b[1] = 0x00;
      }
      return b;
    });
    return Arbitraries.oneOf(prefixed, Arbitraries.bytes().array(byte[].class).ofMaxSize(64));
  }

  @Property
  void arbitraryBodies_decodeOrFailWithACheckId(@ForAll("bodies") byte[] body, @ForAll @IntRange(min = 0, max = 9) int type) {
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

  @Property
  void contributionsAndIndexLists_roundTrip(
      @ForAll @Size(max = 20) List<@IntRange(min = 0, max = Integer.MAX_VALUE) Integer> missing,
      @ForAll byte[] raw) throws Exception {
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
