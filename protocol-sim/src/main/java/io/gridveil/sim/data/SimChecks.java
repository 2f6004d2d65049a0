// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.data;

import io.gridveil.core.CheckId;

/**
 * The check IDs of the simulator's data readers (spec/sim.md §3, spec/checks.md): every defect
 * of a CSV file fails with one of them, naming the file and the line.
 */
public final class SimChecks {
  /** The header line names the expected columns (spec/sim.md §3.1, §3.2). */
  public static final CheckId SIM_D_01 = CheckId.of("SIM-D-01");

  /** A line has the expected number of fields (spec/sim.md §3.1, §3.2). */
  public static final CheckId SIM_D_02 = CheckId.of("SIM-D-02");

  /** A date, time or timestamp parses (spec/sim.md §3.1, §3.2). */
  public static final CheckId SIM_D_03 = CheckId.of("SIM-D-03");

  /** A power value is a plain decimal number, without exponent, or {@code ?} where missing is allowed (spec/sim.md §3.3). */
  public static final CheckId SIM_D_04 = CheckId.of("SIM-D-04");

  /** A power value is non-negative and at most the per-meter limit (spec/sim.md §3.3). */
  public static final CheckId SIM_D_05 = CheckId.of("SIM-D-05");

  /** A meter name is a valid meter ID (spec/sim.md §3.2). */
  public static final CheckId SIM_D_06 = CheckId.of("SIM-D-06");

  /** No (timestamp, meter) pair, and no UCI minute, appears twice (spec/sim.md §3.1, §3.2). */
  public static final CheckId SIM_D_07 = CheckId.of("SIM-D-07");

  /** The file yields enough data for the run: at least one household covering every round (spec/sim.md §3.3). */
  public static final CheckId SIM_D_08 = CheckId.of("SIM-D-08");

  /** No field of a data line has leading or trailing whitespace (spec/sim.md §3.3). */
  public static final CheckId SIM_D_09 = CheckId.of("SIM-D-09");

  /** No line holds a control character, such as NUL or TAB (spec/sim.md §3.3). */
  public static final CheckId SIM_D_10 = CheckId.of("SIM-D-10");

  private SimChecks() {}
}
