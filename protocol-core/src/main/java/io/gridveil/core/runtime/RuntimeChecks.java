// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.CheckId;

/** The check IDs of the runtime contract, as listed in spec/checks.md §9 (spec/runtime.md §14). */
public final class RuntimeChecks {
  /** A {@link Timing} duration is positive, whole milliseconds, below 2^40 ms (spec/runtime.md §5.1). */
  public static final CheckId RT_P_01 = CheckId.of("RT-P-01");
  /** A round schedule's period is at least 1 ms, its origin in [0, 2^62) (spec/runtime.md §4.2). */
  public static final CheckId RT_P_02 = CheckId.of("RT-P-02");
  /** A stored state or vault file authenticates under a given storage key (spec/runtime.md §6.4). */
  public static final CheckId RT_S_01 = CheckId.of("RT-S-01");
  /** A stored format or section schema version is one this release reads (spec/runtime.md §6.6). */
  public static final CheckId RT_S_02 = CheckId.of("RT-S-02");
  /** A stored state belongs to its opener: role, group, principal (spec/runtime.md §6.4). */
  public static final CheckId RT_S_03 = CheckId.of("RT-S-03");
  /** Every alias in a stored state resolves in the vault to a key of its kind (spec/runtime.md §6.4). */
  public static final CheckId RT_S_04 = CheckId.of("RT-S-04");
  /** A stored state decodes strictly and satisfies its invariants (spec/runtime.md §6.4). */
  public static final CheckId RT_S_05 = CheckId.of("RT-S-05");

  private RuntimeChecks() {}
}
