// SPDX-License-Identifier: Apache-2.0
/**
 * Support for the Jazzer fuzz targets of every module (issue 15): splitting a fuzz input into
 * frames, building a canonical frame (spec/encoding.md §2) around a fuzzer-chosen body and sealing
 * it as a real sender would (spec/auth.md §3), and the oracles every target shares: only the
 * documented checked exceptions, a refused frame leaves the endpoint unchanged, and allocation
 * bounded by the input's length. The package names no fuzzing engine.
 */
package io.gridveil.testkit.fuzz;
