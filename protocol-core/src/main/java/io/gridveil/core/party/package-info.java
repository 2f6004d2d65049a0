// SPDX-License-Identifier: Apache-2.0
/** The sans-I/O party contract and round outcomes (spec/core.md §8, §9). */
package io.gridveil.core.party;
