// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import io.gridveil.core.random.DrbgRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.AbstractRoleHandle;
import io.gridveil.core.runtime.KeyAlias;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.RoleAddress;
import io.gridveil.core.runtime.RoleBinding;
import io.gridveil.core.runtime.RoleRuntime;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.Route;
import io.gridveil.core.runtime.RuntimeChecks;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.StoredState;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.distortion.billing.BillingPlan;
import io.gridveil.distortion.billing.BillingState;
import io.gridveil.distortion.billing.FileBillingStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The handle of a distorting meter (spec/runtime.md §3.2; spec/distortion.md §6.1): its one role
 * operation is {@link #onReading}; frames are billing queries. It arms no timer (§4.5).
 *
 * <p>Durable state (spec/runtime.md §6.2): the section {@code billing} holds the billing state's
 * GVBS v1 encoding (spec/distortion.md §3.4) after the u16 schema version; the runtime adds the
 * sequence ceiling and replay windows. The licence key lives in the vault under
 * {@value #LICENCE_KEY_ALIAS} (§5.4), imported from the kit on first open. A handle opened with
 * {@link #openImporting} on a fresh store starts from an existing {@code billing.state} file of
 * the file billing store (spec/runtime.md §6.6 item 4).
 */
public final class DistortingMeterHandle
    extends AbstractRoleHandle<DistortingMeter, DistortingMeter.Input, DistortionMessage> {
  /** The vault alias of the meter's licence key (spec/runtime.md §5.4). */
  public static final String LICENCE_KEY_ALIAS = "distortion.meter.licence";
  /** The section holding the billing state. */
  static final String BILLING = "billing";

  private DistortingMeterHandle(
      RoleRuntime<DistortingMeter, DistortingMeter.Input, DistortionMessage> runtime) {
    super(runtime);
  }

  /**
   * Opens a meter from its kit (licence and licence key) and its store, with core's DRBG.
   *
   * @param deployment the public parameters
   * @param licence the meter's supplier-signed licence (its identity and group)
   * @param licenceKey the 32-byte Ed25519 seed of the licence's key, imported on first open
   * @param anchors the keys the meter trusts (the supplier's, spec/distortion.md §13.2)
   * @param store the meter's store: resumed if it holds state
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check
   */
  public static DistortingMeterHandle open(DistortionDeployment deployment, SignedLicence licence,
      SecretBytes licenceKey, TrustAnchors anchors, RoleStore store) throws StoreException {
    return open(deployment, licence, licenceKey, anchors, store, DrbgRandomSource.create());
  }

  /**
   * Opens a meter from its kit and its store (spec/runtime.md §3.1 item 1).
   *
   * @param deployment the public parameters
   * @param licence the meter's supplier-signed licence (its identity and group)
   * @param licenceKey the 32-byte Ed25519 seed of the licence's key, imported on first open
   * @param anchors the keys the meter trusts (the supplier's, spec/distortion.md §13.2)
   * @param store the meter's store: resumed if it holds state
   * @param random the source of the noise
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check; RT-S-04 if the
   *     vault's key is not the licence's
   */
  public static DistortingMeterHandle open(DistortionDeployment deployment, SignedLicence licence,
      SecretBytes licenceKey, TrustAnchors anchors, RoleStore store, RandomSource random)
      throws StoreException {
    Objects.requireNonNull(licenceKey, "licenceKey");
    return open(deployment, licence, Optional.of(licenceKey), anchors, store, random,
        Optional.empty());
  }

  /**
   * Opens a meter as {@link #open(DistortionDeployment, SignedLicence, SecretBytes, TrustAnchors,
   * RoleStore, RandomSource)}, and on a store without state starts from the billing state that a
   * {@link FileBillingStore} committed in {@code billingDirectory}, if there is one
   * (spec/runtime.md §6.6 item 4). The file is left in place; once the handle has committed, the
   * store's state is used and the file ignored.
   *
   * @param deployment the public parameters
   * @param licence the meter's supplier-signed licence
   * @param licenceKey the 32-byte Ed25519 seed of the licence's key
   * @param anchors the keys the meter trusts
   * @param store the meter's store
   * @param random the source of the noise
   * @param billingDirectory the file billing store's directory
   * @return the handle
   * @throws StoreException RT-S-05 if the billing file fails its checks (DIST-S-06) or cannot be
   *     read; as {@code open} otherwise
   */
  public static DistortingMeterHandle openImporting(DistortionDeployment deployment,
      SignedLicence licence, SecretBytes licenceKey, TrustAnchors anchors, RoleStore store,
      RandomSource random, Path billingDirectory) throws StoreException {
    Objects.requireNonNull(licenceKey, "licenceKey");
    Objects.requireNonNull(billingDirectory, "billingDirectory");
    return open(deployment, licence, Optional.of(licenceKey), anchors, store, random,
        Optional.of(billingDirectory));
  }

  private static DistortingMeterHandle open(DistortionDeployment deployment,
      SignedLicence licence, Optional<SecretBytes> licenceKey, TrustAnchors anchors,
      RoleStore store, RandomSource random, Optional<Path> legacy) throws StoreException {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(licence, "licence");
    Objects.requireNonNull(anchors, "anchors");
    Objects.requireNonNull(store, "store");
    MeterId id = licence.licence().meter();
    GroupId group = licence.licence().group();
    BillingPlan plan = deployment.plan();
    RoleRuntime<DistortingMeter, DistortingMeter.Input, DistortionMessage> rt = RoleRuntime.open(
        store, RoleAddress.meter(group, id), deployment.timing(), deployment.schedule(), random,
        new Binding(plan),
        resumed -> {
          Ed25519SigningKey key = DistortionHandles.signingKey(
              resumed.vault(), KeyAlias.of(LICENCE_KEY_ALIAS), licenceKey, random);
          if (!key.publicKey().equals(licence.licence().meterKey())) {
            throw new StoreException(
                RuntimeChecks.RT_S_04, "the vault's licence key is not the licence's key");
          }
          BillingState billing = resumed.state().isPresent()
              ? decode(plan, resumed.state().get())
              : imported(plan, legacy);
          DistortingMeter m =
              DistortingMeter.create(id, group, deployment.noise(), plan, billing);
          return Endpoint.licensed(m, DistortionHandles.CODEC, DistortingMeter.Input.Inbound::new,
              EnvelopeVerifier.of(DistortionHandles.CODEC, m, group, anchors), licence, key,
              resumed.sequenceBase());
        });
    return new DistortingMeterHandle(rt);
  }

  private static BillingState decode(BillingPlan plan, StoredState s) throws StoreException {
    CanonicalReader r = DistortionHandles.section(s, BILLING);
    try {
      byte[] gvbs = r.bytes32("billing.state", 1 << 16);
      r.requireEnd("billing");
      return BillingState.decode(plan, gvbs);
    } catch (MalformedMessageException e) {
      throw DistortionHandles.corrupt(BILLING, e.field());
    } catch (DistortionViolationException e) {
      // DIST-S-06 inside the section: the state does not decode or breaks an invariant.
      throw new StoreException(RuntimeChecks.RT_S_05, "section billing: " + e.checkId());
    }
  }

  private static BillingState imported(BillingPlan plan, Optional<Path> legacy)
      throws StoreException {
    if (legacy.isEmpty()) {
      return BillingState.initial();
    }
    try {
      return new FileBillingStore(legacy.get(), plan).load().orElse(BillingState.initial());
    } catch (DistortionViolationException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "billing.state: " + e.checkId());
    } catch (IOException e) {
      throw new StoreException("billing.state cannot be read", e);
    }
  }

  /** The meter's sections and routes. */
  private static final class Binding implements RoleBinding<DistortingMeter, DistortingMeter.Input> {
    private final BillingPlan plan;

    Binding(BillingPlan plan) {
      this.plan = plan;
    }

    @Override
    public Map<String, byte[]> sections(DistortingMeter party) {
      return Map.of(BILLING, new CanonicalWriter().u16(DistortionHandles.SCHEMA)
          .bytes32(party.billing().encode(plan)).toByteArray());
    }

    @Override
    public DistortingMeter.Input timerInput(TimerId timer) {
      throw new IllegalArgumentException("a distorting meter arms no timer: " + timer.kind());
    }

    @Override
    public Optional<Route> route(DistortingMeter party, GroupId group, Address recipient) {
      return DistortionHandles.route(group, recipient);
    }
  }

  /**
   * Accumulates the reading of a slot into the bill and sends its distorted value to the
   * collector (spec/distortion.md §6.1). A reading refused (DIST-V-01, DIST-S-01) comes back as
   * the outbox's refusal and changes nothing (spec/runtime.md §3.5 item 2).
   *
   * @param slot the slot j
   * @param reading r_j in Wh
   * @param now the product's current time
   * @return the outbox: one DistortedReading to the collector
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox onReading(Round slot, Reading reading, LogicalTime now) throws StoreException {
    return runtime().input(new DistortingMeter.Input.LocalReading(slot, reading), now);
  }

  /**
   * Returns the meter's billing state (its own, for the product's display).
   *
   * @return the state
   */
  public BillingState billing() {
    return runtime().party().billing();
  }
}
