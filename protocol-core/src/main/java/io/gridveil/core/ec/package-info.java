// SPDX-License-Identifier: Apache-2.0
/**
 * Core's one elliptic-curve API (spec/runtime.md §9.1): X25519 keys and agreement (RFC 7748, with
 * the public-key validation of spec/ddh.md §2.2 and the all-zero refusal AUTH-V-14), and P-256
 * group arithmetic (points, scalars mod q, fixed-base, variable-base and multi-scalar
 * multiplication, and PSA's hash to the curve of spec/ddh.md §7.2). Ed25519 stays in
 * {@code io.gridveil.core.auth} for now, with a public {@code Ed25519PublicKey.verify}.
 *
 * <p>Bouncy Castle sits behind this package, in the non-exported
 * {@code io.gridveil.core.internal.bc} (spec/runtime.md §9.2); no Bouncy Castle type appears in a
 * public or protected signature here. Every type is immutable and thread-safe.
 */
package io.gridveil.core.ec;
