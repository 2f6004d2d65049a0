// SPDX-License-Identifier: Apache-2.0
/**
 * Every Bouncy Castle call of core's elliptic-curve API (spec/runtime.md §9.2): X25519 and Ed25519
 * (RFC 7748, RFC 8032) and P-256 group arithmetic. Never exported: no Bouncy Castle type reaches
 * a public or protected signature of an exported package (spec/runtime.md §2.3 item 3). Stateful
 * engines are created per call, never kept in a shared field.
 */
package io.gridveil.core.internal.bc;
