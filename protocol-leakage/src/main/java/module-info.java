// SPDX-License-Identifier: Apache-2.0
/**
 * GridVeil leakage checks (spec/leakage.md): the exact view checker for toy parameters, the
 * two-sample statistical tests for real parameters, and the attacks and metrics of the seed
 * papers (de-noising filters, NILM edge features, mutual information, membership differencing,
 * the price-vector attack, battery load hiding).
 */
module io.gridveil.leakage {
  requires static org.checkerframework.checker.qual;
  requires transitive io.gridveil.core;

  exports io.gridveil.leakage;
  exports io.gridveil.leakage.exact;
  exports io.gridveil.leakage.stat;
  exports io.gridveil.leakage.attack;
  exports io.gridveil.leakage.metric;
  exports io.gridveil.leakage.defence;
}
