// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.testkit.fuzz.FuzzOracle;

/**
 * Coverage-guided fuzzing of the BlindingMessage body codec (spec/blinding.md §5.1) inside the frame codec: any bytes decode to
 * a frame whose encoding is those bytes, or fail with a MalformedMessageException naming its
 * check, and the decode allocates no more than the input justifies. A plain {@code mvn test}
 * replays the committed inputs; {@code tools/fuzz.sh} fuzzes.
 */
class BlindingCodecFuzzTest {
  private static final EnvelopeCodec<BlindingMessage> CODEC = EnvelopeCodec.of(new BlindingCodec());

  @FuzzTest
  void decode(byte[] input) {
    FuzzOracle.canonicalFrame(CODEC, input);
  }
}
