// SPDX-License-Identifier: Apache-2.0
/**
 * Non-API helpers of protocol-blinding: prime generation and primality testing (spec/blinding.md
 * §2.2). Not exported.
 */
package io.gridveil.blinding.internal;
