// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.testkit.fuzz.FuzzOracle;

/**
 * Coverage-guided fuzzing of the PsaMessage body codec (spec/ddh.md §7.5) inside the frame codec: any bytes decode to
 * a frame whose encoding is those bytes, or fail with a MalformedMessageException naming its
 * check, and the decode allocates no more than the input justifies. A plain {@code mvn test}
 * replays the committed inputs; {@code tools/fuzz.sh} fuzzes.
 */
class PsaCodecFuzzTest {
  private static final EnvelopeCodec<PsaMessage> CODEC = EnvelopeCodec.of(PsaCodec.INSTANCE);

  @FuzzTest
  void decode(byte[] input) {
    FuzzOracle.canonicalFrame(CODEC, input);
  }
}
