// SPDX-License-Identifier: Apache-2.0
/** Helpers of protocol-cmt that are not API (never exported): the LC's ring order (spec/cmt.md §3.4). */
package io.gridveil.cmt.internal;
