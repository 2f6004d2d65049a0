// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.testkit.CoreArbitraries;
import java.lang.management.ManagementFactory;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * spec/encoding.md §5: decoding arbitrary or mutated bytes yields an envelope or a
 * MalformedMessageException, nothing else, and allocates no more than the input justifies.
 */
class EnvelopeCodecProperties {
  private final EnvelopeCodec<OpaqueCodec.Opaque> codec = EnvelopeCodec.of(new OpaqueCodec());

  @Provide
  Arbitrary<Address> addresses() {
    return Arbitraries.oneOf(
        CoreArbitraries.tokens().map(Address::meter),
        Arbitraries.strings()
            .withChars("abcXYZ019.:_-")
            .ofMinLength(1)
            .ofMaxLength(MeterId.MAX_LENGTH)
            .map(s -> Address.identified(new MeterId(s))),
        Arbitraries.of(
            Address.SUPPLIER,
            Address.LOCAL_CONCENTRATOR,
            Address.AGGREGATOR,
            Address.TRUSTED_THIRD_PARTY,
            Address.GROUP_BROADCAST));
  }

  @Provide
  Arbitrary<Envelope<OpaqueCodec.Opaque>> envelopes() {
    Arbitrary<GroupId> groups =
        Arbitraries.strings()
            .withChars("ab9.:_-")
            .ofMinLength(1)
            .ofMaxLength(GroupId.MAX_LENGTH)
            .map(GroupId::new);
    Arbitrary<Round> rounds =
        Arbitraries.longs().between(0, Long.MAX_VALUE - 1).map(Round::new)
            .edgeCases(c -> c.add(Round.FIRST));
    Arbitrary<OpaqueCodec.Opaque> bodies =
        Combinators.combine(
                Arbitraries.integers().between(0, 255).filter(t -> t != OpaqueCodec.UNASSIGNED),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
            .as((t, b) -> new OpaqueCodec.Opaque(t, HexFormat.of().formatHex(b)));
    return Combinators.combine(addresses(), addresses(), groups, rounds, bodies)
        .as(Envelope::new);
  }

  @Property
  void encodeThenDecode_isIdentity(@ForAll("envelopes") Envelope<OpaqueCodec.Opaque> e)
      throws Exception {
    byte[] frame = codec.encode(e);
    assertEquals(e, codec.decode(frame));
    assertArrayEquals(frame, codec.encode(codec.decode(frame)), "canonical: one encoding");
  }

  @Property
  void arbitraryBytes_decodeOrFailWithMalformed(@ForAll @Size(max = 400) byte[] input) {
    decodeOnlyMalformed(input);
  }

  @Property
  void mutatedFrames_decodeOrFailWithMalformed(
      @ForAll("envelopes") Envelope<OpaqueCodec.Opaque> e,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll byte value,
      @ForAll @IntRange(min = 0, max = 3) int mutation) {
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

  /** Any outcome but a MalformedMessageException or an envelope fails the property. */
  private void decodeOnlyMalformed(byte[] input) {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(tid);
    try {
      Envelope<OpaqueCodec.Opaque> e = codec.decode(input);
      assertArrayEquals(input, codec.encode(e), "an accepted frame is canonical");
    } catch (MalformedMessageException expected) {
      assertTrue(expected.getMessage().contains(expected.checkId().value()));
    }
    long allocated = mx.getThreadAllocatedBytes(tid) - before;
    // Copies of fields, the decoded objects and one exception with its stack trace: a small
    // multiple of the input plus a constant, never a length read from the input.
    assertTrue(
        allocated <= 64L * input.length + 256 * 1024,
        "allocated " + allocated + " bytes for " + input.length + " input bytes");
  }
}
