// SPDX-License-Identifier: Apache-2.0
/** Envelopes, addresses, protocol IDs and the frame codec (spec/encoding.md §2, §4). */
package io.gridveil.core.message;
