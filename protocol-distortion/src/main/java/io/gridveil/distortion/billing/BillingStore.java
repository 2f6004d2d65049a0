// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import io.gridveil.distortion.DistortionViolationException;
import java.io.IOException;
import java.util.Optional;

/**
 * Durable storage of a meter's {@link BillingState} (spec/distortion.md §3.4).
 *
 * <p>Contract: {@link #commit} returns only once the state is durable, and a crash at any instant
 * leaves either the previous or the new committed state, never a mixture; {@link #load} returns
 * the last committed state. The embedding product commits the next state a party step returns
 * before it sends that step's outbound messages (write-ahead), so an acknowledged increment is
 * never lost and a replayed reading is refused (DIST-S-01) rather than counted twice.
 */
public interface BillingStore {
  /**
   * Returns the last committed state, or empty if nothing was ever committed.
   *
   * @return the state
   * @throws DistortionViolationException DIST-S-06 if the stored state is corrupt or belongs to
   *     another billing plan
   * @throws IOException if the storage cannot be read
   */
  Optional<BillingState> load() throws DistortionViolationException, IOException;

  /**
   * Makes a state durable, replacing the previous one atomically.
   *
   * @param state the state to commit
   * @throws IOException if the storage cannot be written; the previous state is then still the
   *     committed one
   */
  void commit(BillingState state) throws IOException;
}
