// SPDX-License-Identifier: Apache-2.0
/** Secret types and best-effort wiping (spec/core.md §4). */
package io.gridveil.core.secret;
