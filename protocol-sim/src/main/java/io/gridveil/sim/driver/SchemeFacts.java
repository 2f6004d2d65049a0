// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import java.util.List;
import java.util.Objects;

/**
 * What a scheme's spec chapter states about leakage, as the report prints it (spec/sim.md §5.3).
 * The simulator only repeats these statements; it claims nothing of its own.
 *
 * @param supplierLearns one line: what the supplier learns per round
 * @param source the spec section the statements come from, for example {@code spec/cmt.md §7}
 * @param coalitions the coalition table rows, empty when the scheme has none
 * @param notes remarks about this run of the scheme (key generation, parameters)
 */
public record SchemeFacts(
    String supplierLearns, String source, List<Coalition> coalitions, List<String> notes) {
  /**
   * Copies the lists.
   *
   * @param supplierLearns one line: what the supplier learns per round
   * @param source the spec section the statements come from, for example {@code spec/cmt.md §7}
   * @param coalitions the coalition table rows, empty when the scheme has none
   * @param notes remarks about this run of the scheme (key generation, parameters)
   * @throws NullPointerException if a component is null
   */
  public SchemeFacts {
    Objects.requireNonNull(supplierLearns, "supplierLearns");
    Objects.requireNonNull(source, "source");
    coalitions = List.copyOf(coalitions);
    notes = List.copyOf(notes);
  }

  /**
   * One row of a coalition table: which colluding parties learn what.
   *
   * @param parties the colluding parties, for example {@code "aggregator + supplier"}
   * @param learns what they learn together
   */
  public record Coalition(String parties, String learns) {
    /**
     * Validates that no component is null.
     *
     * @param parties the colluding parties, for example {@code "aggregator + supplier"}
     * @param learns what they learn together
     * @throws NullPointerException if a component is null
     */
    public Coalition {
      Objects.requireNonNull(parties, "parties");
      Objects.requireNonNull(learns, "learns");
    }
  }
}
