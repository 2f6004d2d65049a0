// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import io.gridveil.distortion.DistortionViolationException;
import java.util.Objects;
import java.util.Optional;

/**
 * A volatile {@link BillingStore} for tests and the simulator: it keeps the stored bytes in
 * memory, through the same encoding and checks as {@link FileBillingStore}.
 */
public final class InMemoryBillingStore implements BillingStore {
  private final BillingPlan plan;
  private byte @org.checkerframework.checker.nullness.qual.Nullable [] stored;

  /**
   * Creates an empty store.
   *
   * @param plan the billing plan the state belongs to
   */
  public InMemoryBillingStore(BillingPlan plan) {
    this.plan = Objects.requireNonNull(plan, "plan");
  }

  @Override
  public Optional<BillingState> load() throws DistortionViolationException {
    byte[] s = stored;
    return s == null ? Optional.empty() : Optional.of(BillingStateCodec.decode(plan, s));
  }

  @Override
  public void commit(BillingState state) {
    stored = BillingStateCodec.encode(plan, state);
  }
}
