// SPDX-License-Identifier: Apache-2.0
/**
 * Non-API internals of protocol-ddh: the primitive-keyed table of PSA's discrete logarithm
 * (spec/ddh.md §7.4). Never exported. X25519, Ed25519 and P-256 come from core's
 * {@code io.gridveil.core.ec} and {@code io.gridveil.core.auth} (spec/runtime.md §9.1).
 */
package io.gridveil.ddh.internal;
