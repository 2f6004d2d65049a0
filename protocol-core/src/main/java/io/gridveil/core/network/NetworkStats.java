// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.network;

/**
 * Counters of an {@link InMemoryNetwork}.
 *
 * @param sent payloads handed to the network
 * @param delivered payloads returned by {@code tick}, duplicates included
 * @param dropped payloads lost
 * @param duplicated extra copies scheduled
 * @param delayed copies held back beyond the next tick
 */
public record NetworkStats(long sent, long delivered, long dropped, long duplicated, long delayed) {}
