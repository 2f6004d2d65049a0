// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridveil.distortion.DistortionViolationException;
import io.gridveil.testkit.fuzz.FuzzOracle;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Coverage-guided fuzzing of the stored billing state's decoder (spec/distortion.md §3.4): a
 * corrupt store is refused with DIST-S-06 and nothing else, an accepted state re-encodes to the
 * stored bytes, and allocation stays bounded by their length. {@link #decodeStored} takes the
 * stored bytes as they are; {@link #decodeFields} puts the fuzzer's bytes after a valid magic,
 * version and plan fingerprint and before a valid CRC32C, so inputs reach the field checks.
 */
class BillingStateFuzzTest {
  private static final BillingPlan PLAN =
      new BillingPlan(new Tariff(List.of(150_000L, 380_000L), hourly()), 4, 3_999, 4);
  /** Magic "GVBS", version, plan fingerprint: the fixed start of every stored state. */
  private static final byte[] PREFIX =
      Arrays.copyOf(BillingStateCodec.encode(PLAN, BillingState.initial()), 4 + 1 + 32);

  private static List<Integer> hourly() {
    return java.util.stream.IntStream.range(0, 24).map(h -> h % 2).boxed().toList();
  }

  @FuzzTest
  void decodeStored(byte[] input) {
    decodeOnlyRefused(input);
  }

  @FuzzTest
  void decodeFields(byte[] input) {
    byte[] body = new byte[PREFIX.length + input.length];
    System.arraycopy(PREFIX, 0, body, 0, PREFIX.length);
    System.arraycopy(input, 0, body, PREFIX.length, input.length);
    CRC32C crc = new CRC32C();
    crc.update(body, 0, body.length);
    long v = crc.getValue();
    byte[] stored = Arrays.copyOf(body, body.length + 4);
    for (int i = 0; i < 4; i++) {
      stored[body.length + i] = (byte) (v >>> (24 - 8 * i));
    }
    decodeOnlyRefused(stored);
  }

  private static void decodeOnlyRefused(byte[] stored) {
    FuzzOracle.boundedAllocation(stored.length, () -> {
      BillingState s;
      try {
        s = BillingStateCodec.decode(PLAN, stored);
      } catch (DistortionViolationException refused) {
        assertEquals("DIST-S-06", refused.checkId().value(), "a corrupt store is DIST-S-06");
        throw refused;
      }
      assertArrayEquals(stored, BillingStateCodec.encode(PLAN, s), "one stored form");
    });
  }
}
