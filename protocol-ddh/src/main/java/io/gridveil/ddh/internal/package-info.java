// SPDX-License-Identifier: Apache-2.0
/**
 * Non-API internals of protocol-ddh: the X25519 and Ed25519 wrappers over Bouncy Castle
 * (spec/ddh.md §2), the pairwise key derivation (spec/ddh.md §2.5), the recovery plan
 * (spec/ddh.md §3.4) and P-256 arithmetic for PSA (spec/ddh.md §7). Never exported.
 */
package io.gridveil.ddh.internal;
