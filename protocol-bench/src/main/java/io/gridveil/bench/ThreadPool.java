// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The worker threads of one trial of a scaling benchmark: {@code threads} is 1, 2 or all available
 * processors (protocol-bench/run passes -p threads=1,2,N).
 */
@State(Scope.Thread)
public class ThreadPool {
  /** The number of threads sharing one sum; 0 means all available processors. */
  @Param({"1", "2"})
  public int threads;

  Parallel parallel = new Parallel(1);

  /** Creates the pool. */
  public ThreadPool() {
    // State objects are created by JMH; the pool is sized in setUp once the parameter is set.
  }

  /** Starts the worker threads of this trial. */
  @Setup
  public void setUp() {
    parallel.close();
    parallel = new Parallel(threads);
  }

  /** Stops the worker threads of this trial. */
  @TearDown
  public void tearDown() {
    parallel.close();
  }
}
