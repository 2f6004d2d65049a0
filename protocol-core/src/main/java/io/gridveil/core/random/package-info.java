// SPDX-License-Identifier: Apache-2.0
/** The injected random source and its implementations (spec/core.md §3). */
package io.gridveil.core.random;
