// SPDX-License-Identifier: Apache-2.0
/**
 * The one harness (spec/runtime.md §8): drives role handles over the in-memory network with its
 * faults, on logical time, routing outboxes by their routes and firing the handles' timers.
 */
package io.gridveil.core.harness;
