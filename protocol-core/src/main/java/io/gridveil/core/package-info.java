// SPDX-License-Identifier: Apache-2.0
/** Identifiers, parameters, readings, check IDs and the exception family (spec/core.md §2, §7). */
package io.gridveil.core;
