// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.message.Address;
import io.gridveil.core.random.DrbgRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.AbstractRoleHandle;
import io.gridveil.core.runtime.KeyVault;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.RoleAddress;
import io.gridveil.core.runtime.RoleBinding;
import io.gridveil.core.runtime.RoleRuntime;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.core.secret.SecretBytes;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The handle of a blinding meter SM_i (spec/runtime.md §3.2): frames (its SeedDeal) through
 * {@link #onFrame}, readings through {@link #onReading}. It arms no timer (spec/runtime.md §4.5).
 *
 * <p>Keys (spec/runtime.md §5.4): the meter signs with its licence key; the two ring seeds of its
 * SeedDeal go into its vault under {@code blinding.meter.seed.own} and {@code
 * blinding.meter.seed.pred} (SECRET_32) before the state that names them is committed. State
 * (spec/runtime.md §6.2): the public setup of the deal and the seeds' aliases in section {@code
 * role}, the encrypt-once mark lastRound (spec/blinding.md §4.2) in {@code marks}; a reopened meter
 * resumes ready and refuses every round at or below the mark (BLND-S-03).
 */
public final class BlindingMeterHandle
    extends AbstractRoleHandle<Meter, BlindingInput, BlindingMessage> {
  private BlindingMeterHandle(RoleRuntime<Meter, BlindingInput, BlindingMessage> runtime) {
    super(runtime);
  }

  /**
   * Opens the meter's handle with core's DRBG (spec/runtime.md §3.1 item 4).
   *
   * @param deployment the group's deployment
   * @param id the meter's identity
   * @param licence the meter's supplier-signed licence
   * @param licenceKey the private key of the licence's meter key
   * @param store the meter's store; if it holds state the handle resumes from it
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check, or an I/O failure
   */
  public static BlindingMeterHandle open(
      BlindingDeployment deployment,
      MeterId id,
      SignedLicence licence,
      Ed25519SigningKey licenceKey,
      RoleStore store)
      throws StoreException {
    return open(deployment, id, licence, licenceKey, store, DrbgRandomSource.create());
  }

  /**
   * Opens the meter's handle (spec/runtime.md §3.1 item 1).
   *
   * @param deployment the group's deployment
   * @param id the meter's identity
   * @param licence the meter's supplier-signed licence
   * @param licenceKey the private key of the licence's meter key
   * @param store the meter's store; if it holds state the handle resumes from it
   * @param random the source of the encryption exponents
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check, or an I/O failure
   */
  public static BlindingMeterHandle open(
      BlindingDeployment deployment,
      MeterId id,
      SignedLicence licence,
      Ed25519SigningKey licenceKey,
      RoleStore store,
      RandomSource random)
      throws StoreException {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(licence, "licence");
    Objects.requireNonNull(licenceKey, "licenceKey");
    RoleRuntime<Meter, BlindingInput, BlindingMessage> rt =
        RoleRuntime.open(
            store,
            RoleAddress.meter(deployment.group(), id),
            deployment.timing(),
            deployment.schedule(),
            random,
            new Binding(),
            resumed -> {
              Meter party =
                  resumed.state().isPresent()
                      ? BlindingState.meter(
                          resumed.state().get(),
                          resumed.vault(),
                          deployment.group(),
                          id,
                          deployment.params())
                      : Meter.create(deployment.group(), id, deployment.params());
              return Endpoint.licensed(
                  party,
                  BlindingDeployment.CODEC,
                  BlindingInput.Inbound::new,
                  deployment.verifier(Address.identified(id)),
                  licence,
                  licenceKey,
                  resumed.sequenceBase());
            });
    return new BlindingMeterHandle(rt);
  }

  /**
   * Encrypts the reading of round j and sends the Contribution to the aggregator (spec/blinding.md
   * §4.2). A refused reading (CORE-R-0x), a round at or below the last one encrypted (BLND-S-03)
   * or a reading before the seed deal (BLND-S-04) comes back as the outbox's refusal.
   *
   * @param round j
   * @param reading e_ij
   * @param now the product's current time
   * @return the outbox
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox onReading(Round round, Reading reading, LogicalTime now) throws StoreException {
    return runtime().input(new BlindingInput.LocalReading(round, reading), now);
  }

  /**
   * Tells whether the meter holds its seeds.
   *
   * @return true after the seed deal
   */
  public boolean isReady() {
    return runtime().party().isReady();
  }

  /**
   * Returns the last round encrypted (spec/blinding.md §4.2).
   *
   * @return the round index, -1 if none
   */
  public long lastRound() {
    return runtime().party().lastRound();
  }

  /** The meter's sections, timer input and seed import. */
  private static final class Binding implements RoleBinding<Meter, BlindingInput> {
    private boolean seedsStored;

    @Override
    public Map<String, byte[]> sections(Meter party) {
      return BlindingState.meterSections(party);
    }

    @Override
    public BlindingInput timerInput(TimerId timer) {
      return new BlindingInput.Deadline(new Round(timer.argument()));
    }

    @Override
    public void storeKeys(Meter party, KeyVault vault) throws StoreException {
      List<SecretBytes> seeds = party.dealtSeeds();
      if (!seeds.isEmpty() && !seedsStored) {
        BlindingState.storeMeterSeeds(seeds, vault);
        seedsStored = true;
      }
    }
  }
}
