// SPDX-License-Identifier: Apache-2.0
/**
 * The stores behind {@code RoleStore} (spec/runtime.md §6.3, §6.4): the sealed file format
 * (AES-256-GCM under a key derived from the product's storage key), the state body codec, the
 * software key vault, and the in-memory and file-backed stores. Not exported.
 */
package io.gridveil.core.internal.store;
