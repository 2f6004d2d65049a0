// SPDX-License-Identifier: Apache-2.0
/**
 * GridVeil CMT ring: additive CMT encryption with the ring of differential keys and the local
 * concentrator's lifecycle (spec/cmt.md).
 */
module io.gridveil.cmt {
  requires static org.checkerframework.checker.qual;
  requires transitive io.gridveil.core;

  exports io.gridveil.cmt;
}
