// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import java.util.List;
import java.util.Objects;

/** What the distortion parties observe (spec/distortion.md §6). */
public sealed interface DistortionEvent extends ProtocolEvent {
  /**
   * A collector reconstructed its round locally (spec/distortion.md §6.2).
   *
   * @param group the collector's group
   * @param round the slot
   * @param distribution the local distribution
   * @param iterations the EM iterations run
   * @param converged whether the stopping rule fired
   * @param excluded the observations left out
   */
  record LocalReconstructed(
      GroupId group,
      Round round,
      BinnedDistribution distribution,
      int iterations,
      boolean converged,
      long excluded)
      implements DistortionEvent {
    /**
     * Checks the references.
     *
     * @param group the collector's group
     * @param round the slot
     * @param distribution the local distribution
     * @param iterations the EM iterations run
     * @param converged whether the stopping rule fired
     * @param excluded the observations left out
     */
    public LocalReconstructed {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(round, "round");
      Objects.requireNonNull(distribution, "distribution");
    }
  }

  /**
   * The utility merged the local distributions of a round (spec/distortion.md §6.3).
   *
   * @param round the slot
   * @param distribution the merged distribution, weighted by the local counts
   * @param reporting the groups whose local distribution arrived
   * @param missing the configured groups whose local distribution did not arrive
   */
  record DistributionReconstructed(
      Round round, BinnedDistribution distribution, List<GroupId> reporting, List<GroupId> missing)
      implements DistortionEvent {
    /**
     * Copies the lists.
     *
     * @param round the slot
     * @param distribution the merged distribution, weighted by the local counts
     * @param reporting the groups whose local distribution arrived
     * @param missing the configured groups whose local distribution did not arrive
     */
    public DistributionReconstructed {
      Objects.requireNonNull(round, "round");
      Objects.requireNonNull(distribution, "distribution");
      reporting = List.copyOf(reporting);
      missing = List.copyOf(missing);
    }
  }

  /**
   * The utility received the bill of a meter's cycle (spec/distortion.md §6.3).
   *
   * @param meter the meter
   * @param cycle c
   * @param total AB in micro-units
   * @param slots the number of slots that contributed
   */
  record BillReceived(MeterId meter, long cycle, long total, long slots) implements DistortionEvent {
    /**
     * Checks the references.
     *
     * @param meter the meter
     * @param cycle c
     * @param total AB in micro-units
     * @param slots the number of slots that contributed
     */
    public BillReceived {
      Objects.requireNonNull(meter, "meter");
    }

    @Override
    public String toString() {
      return "BillReceived[meter=" + meter.value() + ", cycle=" + cycle + ", total=redacted]";
    }
  }
}
