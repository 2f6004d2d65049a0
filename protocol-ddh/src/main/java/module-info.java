// SPDX-License-Identifier: Apache-2.0
/**
 * GridVeil protocol-ddh: EDAT, DDH-based noise aggregation without a trusted party with dropout
 * recovery (spec/ddh.md §1 to §6), and Shi et al.'s PSA on P-256 for comparison (spec/ddh.md §7).
 */
module io.gridveil.ddh {
  requires static org.checkerframework.checker.qual;
  requires transitive io.gridveil.core;

  exports io.gridveil.ddh;
  exports io.gridveil.ddh.psa;
}
