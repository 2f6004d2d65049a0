// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.party;

/**
 * Something a party observed and reports to its embedding product (spec/core.md §8): a round
 * outcome, a membership change, a role change. Scheme modules add their own event records.
 */
public interface ProtocolEvent {}
