// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.Round;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.random.DrbgRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.AbstractRoleHandle;
import io.gridveil.core.runtime.Role;
import io.gridveil.core.runtime.RoleBinding;
import io.gridveil.core.runtime.RoleRuntime;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.TimerId;
import java.util.Map;
import java.util.Objects;

/**
 * The handle of the blinding aggregator (spec/runtime.md §3.2): frames (GroupSetup, contributions,
 * RecoveryRelease) through {@link #onFrame}; no role operation of its own. Timers (spec/runtime.md
 * §4.5): the first contribution of round j arms ROUND_DEADLINE(j), the last one (the round decided)
 * disarms it; when it fires the round is voided or, with recovery on, a RecoveryRequest goes to the
 * TTP (spec/blinding.md §4.3).
 *
 * <p>Keys: it signs with its role key. State (spec/runtime.md §6.2): the public key, roster, floor
 * and decided rounds in section {@code role}, each open or awaiting round (contributors and
 * product) in {@code round/<j>}.
 */
public final class BlindingAggregatorHandle
    extends AbstractRoleHandle<Aggregator, BlindingInput, BlindingMessage> {
  private BlindingAggregatorHandle(RoleRuntime<Aggregator, BlindingInput, BlindingMessage> runtime) {
    super(runtime);
  }

  /**
   * Opens the aggregator's handle with core's DRBG (spec/runtime.md §3.1 item 4).
   *
   * @param deployment the group's deployment
   * @param signingKey the aggregator's role key
   * @param store the aggregator's store; if it holds state the handle resumes from it
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check, or an I/O failure
   */
  public static BlindingAggregatorHandle open(
      BlindingDeployment deployment, Ed25519SigningKey signingKey, RoleStore store)
      throws StoreException {
    return open(deployment, signingKey, store, DrbgRandomSource.create());
  }

  /**
   * Opens the aggregator's handle (spec/runtime.md §3.1 item 1).
   *
   * @param deployment the group's deployment
   * @param signingKey the aggregator's role key
   * @param store the aggregator's store; if it holds state the handle resumes from it
   * @param random the injected random source
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check, or an I/O failure
   */
  public static BlindingAggregatorHandle open(
      BlindingDeployment deployment,
      Ed25519SigningKey signingKey,
      RoleStore store,
      RandomSource random)
      throws StoreException {
    Objects.requireNonNull(deployment, "deployment");
    RoleRuntime<Aggregator, BlindingInput, BlindingMessage> rt = deployment.openSigned(Role.AGGREGATOR,
        Address.AGGREGATOR, signingKey, store, random, BINDING,
        resumed -> resumed.state().isPresent()
            ? BlindingState.aggregator(resumed.state().get(), deployment.group(), deployment.params())
            : Aggregator.create(deployment.group(), deployment.params()));
    return new BlindingAggregatorHandle(rt);
  }

  /**
   * Tells whether the group has been set up.
   *
   * @return true after the group setup
   */
  public boolean isSetUp() {
    return runtime().party().isSetUp();
  }

  /** ROUND_DEADLINE(j) is the party's Deadline(j) (spec/runtime.md §4.5). */
  private static final RoleBinding<Aggregator, BlindingInput> BINDING =
      new RoleBinding<>() {
        @Override
        public Map<String, byte[]> sections(Aggregator party) {
          return BlindingState.aggregatorSections(party);
        }

        @Override
        public BlindingInput timerInput(TimerId timer) {
          return new BlindingInput.Deadline(new Round(timer.argument()));
        }
      };
}
