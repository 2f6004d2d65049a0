// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.CheckId;

/**
 * The check IDs of protocol-distortion, as listed in spec/checks.md (spec/distortion.md
 * §8).
 *
 * <p>P: caller configuration, thrown as {@link io.gridveil.core.IllegalParameterException}. V, S
 * and E: input from outside (a sensor, a peer, the wire, stored state), thrown as
 * {@link DistortionViolationException} or {@link io.gridveil.core.codec.MalformedMessageException}
 * with the party's state unchanged.
 */
public final class DistortionChecks {
  /** The noise standard deviation sigma is finite and at least 1 unit (spec/distortion.md §2.1). */
  public static final CheckId DIST_P_01 = CheckId.of("DIST-P-01");
  /** The noise mean mu is finite and |mu| + 9 sigma is at most 2^52 (spec/distortion.md §2.1). */
  public static final CheckId DIST_P_02 = CheckId.of("DIST-P-02");
  /** A reference trace for relative sigma has positive variance (spec/distortion.md §2.1). */
  public static final CheckId DIST_P_03 = CheckId.of("DIST-P-03");
  /** A tariff has 1 to 4 price levels, each from 1 to 10^9 micro-units per Wh (spec/distortion.md §2.2). */
  public static final CheckId DIST_P_04 = CheckId.of("DIST-P-04");
  /** A tariff's day schedule uses every level in blocks of at least one hour (spec/distortion.md §2.2). */
  public static final CheckId DIST_P_05 = CheckId.of("DIST-P-05");
  /** The worst-case bill J * t_max * P_max of a cycle fits in a signed 64-bit integer (spec/distortion.md §2.3). */
  public static final CheckId DIST_P_06 = CheckId.of("DIST-P-06");
  /** A bin grid has 2 to 10,000 bins over a finite non-empty range (spec/distortion.md §2.4). */
  public static final CheckId DIST_P_07 = CheckId.of("DIST-P-07");
  /** An observation grid has a positive width and at most 2^24 bins (spec/distortion.md §2.4). */
  public static final CheckId DIST_P_08 = CheckId.of("DIST-P-08");
  /** Reconstruction options: cap 1 to 100,000, threshold fraction finite and non-negative (spec/distortion.md §2.5). */
  public static final CheckId DIST_P_09 = CheckId.of("DIST-P-09");
  /** Household generator: resolution divides a day, days and households positive (spec/distortion.md §7.1). */
  public static final CheckId DIST_P_10 = CheckId.of("DIST-P-10");

  /** A local reading is in [0, t_max] and in the configured unit (spec/distortion.md §3.2). */
  public static final CheckId DIST_V_01 = CheckId.of("DIST-V-01");
  /** A billing query names the meter's public tariff (spec/distortion.md §3.3). */
  public static final CheckId DIST_V_02 = CheckId.of("DIST-V-02");
  /**
   * A message comes from the role, authenticated principal and group the recipient expects
   * (spec/distortion.md §6, §13.3).
   */
  public static final CheckId DIST_V_03 = CheckId.of("DIST-V-03");
  /** A local distribution uses the utility's bin grid (spec/distortion.md §6.3). */
  public static final CheckId DIST_V_04 = CheckId.of("DIST-V-04");
  /** A local distribution's probabilities sum to 1 within 1e-9 (spec/distortion.md §4.2). */
  public static final CheckId DIST_V_05 = CheckId.of("DIST-V-05");
  /** A billing response never contradicts an earlier one for the same cycle (spec/distortion.md §6.3). */
  public static final CheckId DIST_V_06 = CheckId.of("DIST-V-06");

  /** A reading's slot comes after the last accumulated slot (spec/distortion.md §3.2). */
  public static final CheckId DIST_S_01 = CheckId.of("DIST-S-01");
  /** A billing query names a closed cycle (spec/distortion.md §3.3). */
  public static final CheckId DIST_S_02 = CheckId.of("DIST-S-02");
  /** A billing query names a cycle still retained (spec/distortion.md §3.3). */
  public static final CheckId DIST_S_03 = CheckId.of("DIST-S-03");
  /** A collector accepts one reading per meter and round (spec/distortion.md §6.2). */
  public static final CheckId DIST_S_04 = CheckId.of("DIST-S-04");
  /** A message belongs to the open round (spec/distortion.md §6.2, §6.3). */
  public static final CheckId DIST_S_05 = CheckId.of("DIST-S-05");
  /** Stored billing state passes its checksum and matches the configuration (spec/distortion.md §3.4). */
  public static final CheckId DIST_S_06 = CheckId.of("DIST-S-06");
  /** A utility accepts one local distribution per group and round (spec/distortion.md §6.3). */
  public static final CheckId DIST_S_07 = CheckId.of("DIST-S-07");

  /** A distorted value is at most 2^53 in absolute value (spec/distortion.md §4.2). */
  public static final CheckId DIST_E_01 = CheckId.of("DIST-E-01");
  /** A probability is a finite double in [0, 1], never -0.0 (spec/distortion.md §4.2). */
  public static final CheckId DIST_E_02 = CheckId.of("DIST-E-02");
  /** A grid field is in its domain: 2 to 10,000 bins, finite lower &lt; upper (spec/distortion.md §4.2). */
  public static final CheckId DIST_E_03 = CheckId.of("DIST-E-03");
  /** A billing total or cycle is non-negative (spec/distortion.md §4.2). */
  public static final CheckId DIST_E_04 = CheckId.of("DIST-E-04");

  private DistortionChecks() {}
}
