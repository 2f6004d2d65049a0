// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.testkit.fuzz.FuzzOracle;

/**
 * Coverage-guided fuzzing of the CmtMessage body codec (spec/cmt.md §4) inside the frame codec: any bytes decode to
 * a frame whose encoding is those bytes, or fail with a MalformedMessageException naming its
 * check, and the decode allocates no more than the input justifies. A plain {@code mvn test}
 * replays the committed inputs; {@code tools/fuzz.sh} fuzzes.
 */
class CmtCodecFuzzTest {
  private static final EnvelopeCodec<CmtMessage> CODEC = EnvelopeCodec.of(CmtCodec.INSTANCE);

  @FuzzTest
  void decode(byte[] input) {
    FuzzOracle.canonicalFrame(CODEC, input);
  }
}
