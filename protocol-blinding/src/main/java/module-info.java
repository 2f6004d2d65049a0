// SPDX-License-Identifier: Apache-2.0
/**
 * GridVeil blinding factors dealt by a trusted third party over Paillier (spec/blinding.md): key
 * generation, fixed-base encryption, CRT decryption, the ring of blinding seeds, and the four
 * sans-I/O parties (TTP, meter, aggregator, supplier).
 */
module io.gridveil.blinding {
  requires static org.checkerframework.checker.qual;
  requires transitive io.gridveil.core;

  exports io.gridveil.blinding;
}
