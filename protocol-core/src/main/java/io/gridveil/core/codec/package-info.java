// SPDX-License-Identifier: Apache-2.0
/** The canonical binary encoding (spec/encoding.md §3). */
package io.gridveil.core.codec;
