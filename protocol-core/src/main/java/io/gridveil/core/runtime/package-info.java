// SPDX-License-Identifier: Apache-2.0
/**
 * The runtime contract a product embeds (spec/runtime.md §3 to §6, §11): role handles and their
 * outboxes, logical time and timers, routes, the key vault and aliases, and stores with a
 * write-ahead commit boundary.
 */
package io.gridveil.core.runtime;
