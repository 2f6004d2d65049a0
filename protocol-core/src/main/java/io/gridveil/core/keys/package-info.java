// SPDX-License-Identifier: Apache-2.0
/**
 * Key-use interfaces (spec/runtime.md §5.2 item 2, §10.4): parties use keys only through these,
 * so a software key and a hardware token object are interchangeable.
 */
package io.gridveil.core.keys;
