// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.testkit.CoreGens;
import io.gridveil.testkit.fuzz.FuzzOracle;
import io.gridveil.testkit.pbt.Gen;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * spec/encoding.md §5: decoding arbitrary or mutated bytes yields an envelope or a
 * MalformedMessageException, nothing else, and allocates no more than the input justifies.
 */
class EnvelopeCodecProperties {
  private final EnvelopeCodec<OpaqueCodec.Opaque> codec = EnvelopeCodec.of(new OpaqueCodec());

  static Gen<Address> addresses() {
    return Gens.oneOf(
        CoreGens.tokens().map(Address::meter),
        Gens.strings("abcXYZ019.:_-", 1, MeterId.MAX_LENGTH)
            .map(s -> Address.identified(new MeterId(s))),
        Gens.of(
            Address.SUPPLIER,
            Address.LOCAL_CONCENTRATOR,
            Address.AGGREGATOR,
            Address.TRUSTED_THIRD_PARTY,
            Address.GROUP_BROADCAST));
  }

  static Gen<Envelope<OpaqueCodec.Opaque>> envelopes() {
    Gen<GroupId> groups = Gens.strings("ab9.:_-", 1, GroupId.MAX_LENGTH).map(GroupId::new);
    Gen<Round> rounds =
        Gens.withEdges(Gens.longs(0, Long.MAX_VALUE - 1).map(Round::new), Round.FIRST);
    Gen<OpaqueCodec.Opaque> bodies =
        Gens.integers(0, 255)
            .filter(t -> t != OpaqueCodec.UNASSIGNED)
            .zip(Gens.bytes(0, 300),
                (t, b) -> new OpaqueCodec.Opaque(t, HexFormat.of().formatHex(b)));
    return Gens.zip(addresses(), addresses(), groups, rounds, bodies, Envelope::new);
  }

  @Test
  void encodeThenDecode_isIdentity() {
    Pbt.property().forAll(envelopes()).check(e -> {
      byte[] frame = codec.encode(e);
      assertEquals(e, codec.decode(frame));
      assertArrayEquals(frame, codec.encode(codec.decode(frame)), "canonical: one encoding");
    });
  }

  @Test
  void arbitraryBytes_decodeOrFailWithMalformed() {
    Pbt.property().forAll(Gens.bytes(0, 400)).check(this::decodeOnlyMalformed);
  }

  @Test
  void mutatedFrames_decodeOrFailWithMalformed() {
    Pbt.property()
        .forAll(envelopes(), Gens.integers(0, 10_000), Gens.singleBytes(), Gens.integers(0, 3))
        .check(this::mutatedFrameDecodesOrFailsWithMalformed);
  }

  private void mutatedFrameDecodesOrFailsWithMalformed(
      Envelope<OpaqueCodec.Opaque> e, int position, byte value, int mutation) throws Exception {
    byte[] frame = codec.encode(e);
    int p = position % frame.length;
    byte[] mutated =
        switch (mutation) {
          case 0 -> {
            byte[] m = frame.clone();
            m[p] = value;
            yield m;
          }
          case 1 -> java.util.Arrays.copyOf(frame, p);
          case 2 -> {
            byte[] m = java.util.Arrays.copyOf(frame, frame.length + 1);
            m[frame.length] = value;
            yield m;
          }
          default -> {
            byte[] m = frame.clone();
            m[p] ^= (byte) (1 << (value & 7));
            yield m;
          }
        };
    decodeOnlyMalformed(mutated);
    if (mutation == 2) {
      assertTrue(failsMalformed(mutated), "a trailing byte is never accepted");
    }
  }

  private boolean failsMalformed(byte[] input) {
    try {
      codec.decode(input);
      return false;
    } catch (MalformedMessageException e) {
      return true;
    }
  }

  /**
   * Any outcome but a MalformedMessageException or an envelope fails the property, and so does an
   * allocation above the input's length times {@link FuzzOracle#PER_BYTE} plus {@link
   * FuzzOracle#CONSTANT} (the bound the fuzz targets share).
   */
  private void decodeOnlyMalformed(byte[] input) {
    FuzzOracle.boundedAllocation(input.length, () -> {
      Envelope<OpaqueCodec.Opaque> e = codec.decode(input);
      assertArrayEquals(input, codec.encode(e), "an accepted frame is canonical");
    });
  }
}
