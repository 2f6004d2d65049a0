// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import io.gridveil.cmt.CmtScheme;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * How CMT's cost grows with the group: the supplier's aggregation of one round and a full round,
 * for groups of 10^2 to 10^6 meters, on one thread (issue 10, scaling).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CmtScalingBench {
  /** The number of meters in the group. */
  @Param({"100", "1000", "10000", "100000", "1000000"})
  public int meters;

  private CmtGroup group = new CmtGroup(2);
  private long round = 1;

  /** Creates the state; the group is built in setUp once its size is set. */
  public CmtScalingBench() {
    // JMH sets the parameter after construction.
  }

  /** Builds the group and checks one round against its plaintext sum. */
  @Setup
  public void setUp() {
    group = new CmtGroup(meters);
    group.check(group.fullRound(round++));
  }

  /**
   * The supplier's aggregation of one round's n ciphertexts.
   *
   * @return C_j
   */
  @Benchmark
  public long aggregate() {
    return CmtScheme.aggregate(group.ciphertexts, 0, meters, -1L);
  }

  /**
   * A full round of n meters through CmtScheme.fullRound.
   *
   * @return the decrypted sum
   */
  @Benchmark
  public long fullRound() {
    return group.fullRound(round++);
  }
}
