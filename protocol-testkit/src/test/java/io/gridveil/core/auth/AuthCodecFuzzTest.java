// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridveil.testkit.fuzz.FuzzOracle;

/**
 * Coverage-guided fuzzing of the authentication wrapper's decoder and of the signed licence and
 * revocation-list decoders (spec/auth.md §3.1, §5): only MalformedMessageException, an accepted
 * licence or list re-encodes to its input, and allocation stays bounded by the input's length.
 */
class AuthCodecFuzzTest {
  @FuzzTest
  void decodeWrapper(byte[] input) {
    FuzzOracle.boundedAllocation(input.length, () -> AuthCodec.decode(input));
  }

  @FuzzTest
  void decodeSignedLicence(byte[] input) {
    FuzzOracle.boundedAllocation(input.length, () ->
        assertArrayEquals(input, SignedLicence.decode(input).encode(), "one encoding"));
  }

  @FuzzTest
  void decodeSignedRevocationList(byte[] input) {
    FuzzOracle.boundedAllocation(input.length, () ->
        assertArrayEquals(input, SignedRevocationList.decode(input).encode(), "one encoding"));
  }
}
