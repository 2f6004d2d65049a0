// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.Round;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.message.Address;
import io.gridveil.core.random.DrbgRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.AbstractRoleHandle;
import io.gridveil.core.runtime.EventCodec;
import io.gridveil.core.runtime.KeyVault;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.Role;
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
 * The handle of the blinding trusted third party (spec/runtime.md §3.2): {@link #setup} and {@link
 * #setupWithKeys} deal the group (spec/blinding.md §4.1), frames (RecoveryRequest) release
 * corrections (§4.5). It arms no timer.
 *
 * <p>Keys (spec/runtime.md §5.4): it signs with its role key; the ring seeds it draws at setup go
 * into its vault under {@code blinding.ttp.seed.<i>} (SECRET_32) before the commit of the setup.
 * The Paillier key pair never enters its vault or state: the setup step hands p and q to the
 * supplier in the KeyDelivery frame and keeps only N (spec/blinding.md §4.1 step 7). State
 * (spec/runtime.md §6.2): N, the seeds' aliases and the released rounds (the reveal-once mark of
 * BLND-S-06) in section {@code role}.
 */
public final class BlindingTtpHandle
    extends AbstractRoleHandle<TrustedThirdParty, BlindingInput, BlindingMessage> {
  private final BlindingDeployment deployment;

  private BlindingTtpHandle(
      RoleRuntime<TrustedThirdParty, BlindingInput, BlindingMessage> runtime,
      BlindingDeployment deployment) {
    super(runtime);
    this.deployment = deployment;
  }

  /**
   * Opens the TTP's handle with core's DRBG (spec/runtime.md §3.1 item 4).
   *
   * @param deployment the group's deployment
   * @param signingKey the TTP's role key
   * @param store the TTP's store; if it holds state the handle resumes from it
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check, or an I/O failure
   */
  public static BlindingTtpHandle open(
      BlindingDeployment deployment, Ed25519SigningKey signingKey, RoleStore store)
      throws StoreException {
    return open(deployment, signingKey, store, DrbgRandomSource.create());
  }

  /**
   * Opens the TTP's handle (spec/runtime.md §3.1 item 1).
   *
   * @param deployment the group's deployment
   * @param signingKey the TTP's role key
   * @param store the TTP's store; if it holds state the handle resumes from it
   * @param random the source of the seeds and, for {@link #setup}, of the key pair
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check, or an I/O failure
   */
  public static BlindingTtpHandle open(
      BlindingDeployment deployment,
      Ed25519SigningKey signingKey,
      RoleStore store,
      RandomSource random)
      throws StoreException {
    Objects.requireNonNull(deployment, "deployment");
    RoleRuntime<TrustedThirdParty, BlindingInput, BlindingMessage> rt = deployment.openSigned(Role.TRUSTED_THIRD_PARTY,
        Address.TRUSTED_THIRD_PARTY, signingKey, store, random, new Binding(),
        resumed -> resumed.state().isPresent()
            ? BlindingState.ttp(resumed.state().get(), resumed.vault(), deployment.group(),
                deployment.params())
            : TrustedThirdParty.create(deployment.group(), deployment.params()));
    return new BlindingTtpHandle(rt, deployment);
  }

  /**
   * Sets the group up with a key pair generated from the handle's random source (spec/blinding.md
   * §4.1): verifies each licence at the current round against the deployment's anchors and the
   * given revocation list, and sends the SeedDeals, the GroupSetup and the KeyDelivery. A second
   * setup is refused with BLND-S-05.
   *
   * @param roster the licences of SM_1 .. SM_n in ring order
   * @param revocations the newest verified revocation list the TTP holds
   * @param now the product's current time
   * @return the outbox
   * @throws StoreException if the commit failed; the handle is then failed
   * @throws io.gridveil.core.IllegalParameterException BLND-P-02 for a roster outside 2..n_max or
   *     with a duplicate meter
   */
  public Outbox setup(List<SignedLicence> roster, RevocationList revocations, LogicalTime now)
      throws StoreException {
    return runtime()
        .input(
            new BlindingInput.Setup(roster, deployment.anchors(), revocations, roundAt(now)), now);
  }

  /**
   * Sets the group up with a key pair generated beforehand (spec/blinding.md §4.1). As built, the
   * key pair is passed in rather than named by a vault alias (spec/runtime.md §3.2): the software
   * vault cannot hand a Paillier private key back.
   *
   * @param roster the licences of SM_1 .. SM_n in ring order
   * @param keys the supplier's key pair, of the group's key size
   * @param revocations the newest verified revocation list the TTP holds
   * @param now the product's current time
   * @return the outbox
   * @throws StoreException if the commit failed; the handle is then failed
   * @throws io.gridveil.core.IllegalParameterException BLND-P-01 or BLND-P-02 as for {@link #setup}
   */
  public Outbox setupWithKeys(
      List<SignedLicence> roster, PaillierKeyPair keys, RevocationList revocations, LogicalTime now)
      throws StoreException {
    return runtime()
        .input(
            new BlindingInput.SetupWithKeys(
                roster, keys, deployment.anchors(), revocations, roundAt(now)),
            now);
  }

  /**
   * Tells whether the group has been set up.
   *
   * @return true after setup
   */
  public boolean isSetUp() {
    return runtime().party().isSetUp();
  }

  private Round roundAt(LogicalTime now) {
    return deployment.schedule().roundAt(now.max(runtime().lastNow()));
  }

  /** The TTP's sections, events and seed import. */
  private static final class Binding implements RoleBinding<TrustedThirdParty, BlindingInput> {
    private boolean seedsStored;

    @Override
    public Map<String, byte[]> sections(TrustedThirdParty party) {
      return BlindingState.ttpSections(party);
    }

    @Override
    public BlindingInput timerInput(TimerId timer) {
      return new BlindingInput.Deadline(new Round(timer.argument()));
    }

    @Override
    public void storeKeys(TrustedThirdParty party, KeyVault vault) throws StoreException {
      List<SecretBytes> seeds = party.dealtSeeds();
      if (!seeds.isEmpty() && !seedsStored) {
        BlindingState.storeTtpSeeds(seeds, vault);
        seedsStored = true;
      }
    }

    @Override
    public EventCodec events() {
      return BlindingEvents.INSTANCE;
    }
  }
}
