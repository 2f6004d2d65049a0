// SPDX-License-Identifier: Apache-2.0
/** The key schedule: HKDF-SHA256 with labels and the AES-based PRF (spec/core.md §5, §6). */
package io.gridveil.core.kdf;
