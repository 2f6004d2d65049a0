// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.data;

import java.util.Objects;

/** Household traces held in memory, as read from a data file (spec/sim.md §3). */
final class TableLoadSet implements LoadSet {
  private final long[][] traces;
  private final String description;

  TableLoadSet(long[][] traces, String description) {
    if (traces.length == 0) {
      throw new IllegalArgumentException("at least one household is needed");
    }
    this.traces = traces;
    this.description = Objects.requireNonNull(description, "description");
  }

  @Override
  public int households() {
    return traces.length;
  }

  @Override
  public void trace(int household, long[] out) {
    long[] t = traces[household];
    if (out.length > t.length) {
      throw new IllegalArgumentException("the data holds " + t.length + " rounds per household");
    }
    System.arraycopy(t, 0, out, 0, out.length);
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return "TableLoadSet[" + traces.length + " households]";
  }
}
