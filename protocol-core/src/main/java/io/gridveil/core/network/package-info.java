// SPDX-License-Identifier: Apache-2.0
/** The in-memory network for tests and simulation (spec/core.md §10). */
package io.gridveil.core.network;
