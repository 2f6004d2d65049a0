// SPDX-License-Identifier: Apache-2.0
/**
 * JMH benchmarks of GridVeil's performance targets, each measured in the same run as the peer or
 * baseline its issue names: one AES-128 block and a plain sum loop (CMT, DDH), javallier's
 * Paillier at 2048 bits (blinding), Shi et al.'s PSA on P-256 (DDH), the per-sample EM
 * (distortion). protocol-bench/run runs them and writes protocol-bench/results/latest.md.
 *
 * <p>Not an API: nothing here is exported or depended on. Every benchmark checks in its setup that
 * the operation it times computes the right result, so a fast wrong answer cannot pass for a
 * fast right one.
 */
package io.gridveil.bench;
