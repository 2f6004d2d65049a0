// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.CheckId;
import java.util.Objects;

/**
 * Why a handle refused an input (spec/runtime.md §3.5 item 2): the check that failed and the
 * field or rule it names, never a secret or a reading.
 *
 * @param check the check ID (spec/checks.md)
 * @param field the field or rule
 */
public record Refusal(CheckId check, String field) {
  /**
   * Validates that no component is null.
   *
   * @param check the check ID
   * @param field the field or rule
   */
  public Refusal {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(field, "field");
  }
}
