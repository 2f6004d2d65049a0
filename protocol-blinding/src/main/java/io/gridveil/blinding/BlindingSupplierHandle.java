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
 * The handle of the blinding supplier (spec/runtime.md §3.2): frames (KeyDelivery, aggregates)
 * through {@link #onFrame}; no role operation of its own. Timers (spec/runtime.md §4.5 as built):
 * an accepted Aggregate of round j, its only input of that round, arms ROUND_DEADLINE(j), which
 * closes the rounds up to j when it fires (spec/blinding.md §4.4).
 *
 * <p>Keys: it signs with its role key. State (spec/runtime.md §6.2): the delivered Paillier key
 * (p, q) and group size, the floor and the decided rounds in section {@code role}; as built the
 * key is kept in this encrypted section rather than in the vault, which cannot yet hand a
 * PAILLIER_PRIVATE back.
 */
public final class BlindingSupplierHandle
    extends AbstractRoleHandle<Supplier, BlindingInput, BlindingMessage> {
  private BlindingSupplierHandle(RoleRuntime<Supplier, BlindingInput, BlindingMessage> runtime) {
    super(runtime);
  }

  /**
   * Opens the supplier's handle with core's DRBG (spec/runtime.md §3.1 item 4).
   *
   * @param deployment the group's deployment
   * @param signingKey the supplier's role key
   * @param store the supplier's store; if it holds state the handle resumes from it
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check, or an I/O failure
   */
  public static BlindingSupplierHandle open(
      BlindingDeployment deployment, Ed25519SigningKey signingKey, RoleStore store)
      throws StoreException {
    return open(deployment, signingKey, store, DrbgRandomSource.create());
  }

  /**
   * Opens the supplier's handle (spec/runtime.md §3.1 item 1).
   *
   * @param deployment the group's deployment
   * @param signingKey the supplier's role key
   * @param store the supplier's store; if it holds state the handle resumes from it
   * @param random the injected random source
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check, or an I/O failure
   */
  public static BlindingSupplierHandle open(
      BlindingDeployment deployment,
      Ed25519SigningKey signingKey,
      RoleStore store,
      RandomSource random)
      throws StoreException {
    Objects.requireNonNull(deployment, "deployment");
    RoleRuntime<Supplier, BlindingInput, BlindingMessage> rt = deployment.openSigned(Role.SUPPLIER,
        Address.SUPPLIER, signingKey, store, random, BINDING,
        resumed -> resumed.state().isPresent()
            ? BlindingState.supplier(resumed.state().get(), deployment.group(), deployment.params())
            : Supplier.create(deployment.group(), deployment.params()));
    return new BlindingSupplierHandle(rt);
  }

  /**
   * Tells whether the supplier holds its key.
   *
   * @return true after the key delivery
   */
  public boolean isKeyed() {
    return runtime().party().isKeyed();
  }

  /** ROUND_DEADLINE(j) is the party's Deadline(j) (spec/runtime.md §4.5). */
  private static final RoleBinding<Supplier, BlindingInput> BINDING =
      new RoleBinding<>() {
        @Override
        public Map<String, byte[]> sections(Supplier party) {
          return BlindingState.supplierSections(party);
        }

        @Override
        public BlindingInput timerInput(TimerId timer) {
          return new BlindingInput.Deadline(new Round(timer.argument()));
        }
      };
}
