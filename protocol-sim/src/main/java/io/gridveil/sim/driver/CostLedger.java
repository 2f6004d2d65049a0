// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts, per role, the messages and bytes sent and the CPU time spent in party steps (spec/sim.md
 * §4.4). CPU time is the current thread's, from {@link ThreadMXBean}, so it excludes the
 * simulator's other threads and time spent waiting.
 *
 * <p>Not thread-safe: one ledger per simulating thread.
 */
public final class CostLedger {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** Per role: CPU nanoseconds, messages, bytes. */
  private final EnumMap<Role, long[]> counts = new EnumMap<>(Role.class);

  private final boolean cpuAvailable;

  /** Creates an empty ledger, enabling thread CPU time where the JVM supports it. */
  public CostLedger() {
    boolean ok = THREADS.isCurrentThreadCpuTimeSupported();
    if (ok && !THREADS.isThreadCpuTimeEnabled()) {
      THREADS.setThreadCpuTimeEnabled(true);
    }
    this.cpuAvailable = ok;
    for (Role r : Role.values()) {
      counts.put(r, new long[3]);
    }
  }

  private long[] of(Role role) {
    long[] c = counts.get(role);
    if (c == null) {
      throw new IllegalStateException("every role has counters");
    }
    return c;
  }

  /**
   * Returns the current thread's CPU time, to pass to {@link #charge} after the work.
   *
   * @return nanoseconds, or 0 where the JVM does not measure thread CPU time
   */
  public long start() {
    return cpuAvailable ? THREADS.getCurrentThreadCpuTime() : 0;
  }

  /**
   * Charges the CPU time since {@code start} to a role.
   *
   * @param role the role that did the work
   * @param start the value {@link #start()} returned before the work
   */
  public void charge(Role role, long start) {
    if (cpuAvailable) {
      of(role)[0] += THREADS.getCurrentThreadCpuTime() - start;
    }
  }

  /**
   * Records one message sent by a role.
   *
   * @param role the sender's role
   * @param frameBytes the encoded frame's length
   */
  public void sent(Role role, int frameBytes) {
    long[] c = of(role);
    c[1]++;
    c[2] += frameBytes;
  }

  /**
   * Adds another ledger's counts to this one.
   *
   * @param other the ledger to add
   */
  public void add(CostLedger other) {
    for (Role r : Role.values()) {
      long[] mine = of(r);
      long[] theirs = other.of(r);
      for (int k = 0; k < 3; k++) {
        mine[k] += theirs[k];
      }
    }
  }

  /**
   * Tells whether CPU time is measured.
   *
   * @return false where the JVM does not support thread CPU time
   */
  public boolean cpuMeasured() {
    return cpuAvailable;
  }

  /**
   * Returns the counts of each role that did any work.
   *
   * @return the costs by role, in role order
   */
  public Map<Role, RoleCost> byRole() {
    Map<Role, RoleCost> out = new EnumMap<>(Role.class);
    for (Role r : Role.values()) {
      long[] c = of(r);
      if (c[0] != 0 || c[1] != 0) {
        out.put(r, new RoleCost(c[0], c[1], c[2]));
      }
    }
    return out;
  }

  /**
   * The totals of one role.
   *
   * @param cpuNanos CPU time spent in the role's steps, in nanoseconds
   * @param messages messages sent
   * @param bytes encoded bytes sent
   */
  public record RoleCost(long cpuNanos, long messages, long bytes) {}
}
