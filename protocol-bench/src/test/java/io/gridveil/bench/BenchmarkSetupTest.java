// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.cmt.CmtMessage;
import org.junit.jupiter.api.Test;

/** Runs the cheap benchmarks' setup checks and one invocation each; never times anything. */
class BenchmarkSetupTest {
  @Test
  void authBench_honestEnvelopesVerify_forgedOnesAreRefused() throws Exception {
    AuthBench b = new AuthBench();
    b.check();
    assertTrue(b.verifyMac().envelope().body() instanceof CmtMessage.EncryptedReading);
    assertTrue(b.ed25519Verify());
  }

  @Test
  void psaBaseline_aggregatesToGToTheSum() {
    PsaP256Baseline b = new PsaP256Baseline();
    b.check();
    assertTrue(b.encrypt().isValid());
  }

  @Test
  void cmtBench_aggregateEqualsThePlainLoop() {
    CmtBench b = new CmtBench();
    b.check();
    long c1 = b.meterEncrypt();
    long c2 = b.meterEncrypt();
    assertTrue(c1 != c2, "a new round each call gives a new round key");
  }
}
