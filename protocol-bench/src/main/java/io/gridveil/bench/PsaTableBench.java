// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import io.gridveil.ddh.psa.PsaDiscreteLog;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The one-off cost of PSA decryption (issue 7): building the baby-step table for the 10^10 range
 * (spec/ddh.md §7.4). Its size is reported by {@code Facts}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PsaTableBench {
  /** Creates the state. */
  public PsaTableBench() {
    // Nothing to prepare: the benchmark builds the table from scratch.
  }

  /**
   * Builds the table for W = 10^10 + 1.
   *
   * @return the solver
   */
  @Benchmark
  public PsaDiscreteLog buildTable() {
    return PsaDiscreteLog.forParameters(DdhBench.psaParameters());
  }
}
