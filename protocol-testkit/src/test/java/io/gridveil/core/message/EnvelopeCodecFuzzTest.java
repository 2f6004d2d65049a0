// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridveil.testkit.fuzz.FuzzOracle;

/**
 * Coverage-guided fuzzing of the frame codec (spec/encoding.md §5): any bytes decode to an
 * envelope whose encoding is those bytes, or fail with a MalformedMessageException naming its
 * check, and the decode allocates no more than the input justifies. A plain {@code mvn test}
 * replays the committed inputs; {@code tools/fuzz.sh} fuzzes.
 */
class EnvelopeCodecFuzzTest {
  private static final EnvelopeCodec<OpaqueCodec.Opaque> CODEC = EnvelopeCodec.of(new OpaqueCodec());

  @FuzzTest
  void decode(byte[] input) {
    FuzzOracle.canonicalFrame(CODEC, input);
  }
}
