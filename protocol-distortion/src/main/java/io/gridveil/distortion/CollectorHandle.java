// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Ed25519PublicKey;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import io.gridveil.core.random.DrbgRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.AbstractRoleHandle;
import io.gridveil.core.runtime.KeyAlias;
import io.gridveil.core.runtime.Role;
import io.gridveil.core.runtime.RoleAddress;
import io.gridveil.core.runtime.RoleBinding;
import io.gridveil.core.runtime.RoleRuntime;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.Route;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.StoredState;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.core.secret.SecretBytes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The handle of a neighbourhood collector (spec/runtime.md §3.2; spec/distortion.md §6.2): no
 * role operation beyond §3.1; frames are distorted readings; it arms ROUND_DEADLINE(j) on the
 * first reading it accepts for the open slot j, and on that deadline sends the slot's local
 * distribution to the utility (§4.5).
 *
 * <p>Durable state (spec/runtime.md §6.2): the section {@code round} = u16 schema (1) || u64 open
 * slot || u32 n || n × (ascii8 meter || u64 d, two's complement), the meters in ascending order of
 * their identity. The role key lives in the vault under {@value #SIGNING_KEY_ALIAS}, generated on
 * first open unless imported; its public half ({@link #publicKey()}) is the utility's anchor for
 * the collector identity c_g (spec/distortion.md §13.2).
 */
public final class CollectorHandle
    extends AbstractRoleHandle<Collector, Collector.Input, DistortionMessage> {
  /** The vault alias of the collector's role key (spec/runtime.md §5.4). */
  public static final String SIGNING_KEY_ALIAS = "distortion.collector.signing";
  /** The section holding the open slot and its readings. */
  static final String ROUND = "round";
  private static final long WIRE_BOUND = 1L << 53;

  private final Ed25519PublicKey publicKey;

  private CollectorHandle(
      RoleRuntime<Collector, Collector.Input, DistortionMessage> runtime,
      Ed25519PublicKey publicKey) {
    super(runtime);
    this.publicKey = publicKey;
  }

  /**
   * Opens a collector with a role key generated in its vault on first open, with core's DRBG.
   *
   * @param deployment the public parameters
   * @param group the collector's group
   * @param first the first open slot of a fresh collector
   * @param anchors the keys the collector trusts (the supplier's, which signs the licences)
   * @param store the collector's store: resumed if it holds state
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check
   */
  public static CollectorHandle open(DistortionDeployment deployment, GroupId group, Round first,
      TrustAnchors anchors, RoleStore store) throws StoreException {
    return open(deployment, group, first, anchors, store, Optional.empty(),
        DrbgRandomSource.create());
  }

  /**
   * Opens a collector (spec/runtime.md §3.1 item 1).
   *
   * @param deployment the public parameters
   * @param group the collector's group
   * @param first the first open slot of a fresh collector
   * @param anchors the keys the collector trusts (the supplier's, which signs the licences)
   * @param store the collector's store: resumed if it holds state
   * @param roleKey the 32-byte Ed25519 seed of its role key to import on first open; empty to
   *     generate it in the vault
   * @param random the source of a generated key
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check
   */
  public static CollectorHandle open(DistortionDeployment deployment, GroupId group, Round first,
      TrustAnchors anchors, RoleStore store, Optional<SecretBytes> roleKey, RandomSource random)
      throws StoreException {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(anchors, "anchors");
    Objects.requireNonNull(roleKey, "roleKey");
    RoleRuntime<Collector, Collector.Input, DistortionMessage> rt = RoleRuntime.open(
        store, RoleAddress.of(group, Role.COLLECTOR), deployment.timing(), deployment.schedule(),
        random, BINDING,
        resumed -> {
          Ed25519SigningKey key = DistortionHandles.signingKey(
              resumed.vault(), KeyAlias.of(SIGNING_KEY_ALIAS), roleKey, random);
          Collector c = resumed.state().isPresent()
              ? decode(deployment, group, resumed.state().get())
              : Collector.create(group, deployment.noise(), deployment.grid(),
                  deployment.options(), first);
          return Endpoint.signing(c, DistortionHandles.CODEC, Collector.Input.Inbound::new,
              EnvelopeVerifier.of(DistortionHandles.CODEC, c, group, anchors), key,
              resumed.sequenceBase());
        });
    return new CollectorHandle(rt, rt.vault().signingKey(KeyAlias.of(SIGNING_KEY_ALIAS)).publicKey());
  }

  private static Collector decode(DistortionDeployment d, GroupId group, StoredState s)
      throws StoreException {
    CanonicalReader r = DistortionHandles.section(s, ROUND);
    try {
      Round open = new Round(DistortionHandles.nonNegative(r, "round.open"));
      int n = r.u32("round.count");
      if (n < 0 || n > r.remaining()) {
        throw DistortionHandles.corrupt(ROUND, "round.count");
      }
      Map<MeterId, Long> readings = new HashMap<>();
      String previous = "";
      for (int i = 0; i < n; i++) {
        MeterId m = DistortionHandles.meterId(r, "round.meter");
        long v = r.u64("round.reading");
        if (m.value().compareTo(previous) <= 0 || v > WIRE_BOUND || v < -WIRE_BOUND) {
          // canonical: ascending identities, each once; |d| <= 2^53 (DIST-E-01's bound)
          throw DistortionHandles.corrupt(ROUND, "round.reading");
        }
        previous = m.value();
        readings.put(m, v);
      }
      r.requireEnd(ROUND);
      return Collector.restore(group, d.noise(), d.grid(), d.options(), open, readings);
    } catch (MalformedMessageException e) {
      throw DistortionHandles.corrupt(ROUND, e.field());
    }
  }

  private static final RoleBinding<Collector, Collector.Input> BINDING = new RoleBinding<>() {
    @Override
    public Map<String, byte[]> sections(Collector party) {
      CanonicalWriter w = new CanonicalWriter().u16(DistortionHandles.SCHEMA)
          .u64(party.open().index());
      TreeMap<String, Long> sorted = new TreeMap<>();
      party.readings().forEach((m, v) -> sorted.put(m.value(), v));
      w.u32(sorted.size());
      sorted.forEach((m, v) -> w.ascii8(m).u64(v));
      return Map.of(ROUND, w.toByteArray());
    }

    @Override
    public Collector.Input timerInput(TimerId timer) {
      if (!timer.kind().equals(TimerId.ROUND_DEADLINE)) {
        throw new IllegalArgumentException("a collector arms only ROUND_DEADLINE: " + timer);
      }
      return new Collector.Input.Deadline(new Round(timer.argument()));
    }

    @Override
    public Optional<Route> route(Collector party, GroupId group, Address recipient) {
      return DistortionHandles.route(group, recipient);
    }

    @Override
    public io.gridveil.core.runtime.EventCodec events() {
      return DistortionHandles.EVENTS;
    }
  };

  /**
   * Returns the public half of the collector's role key, the utility's anchor for c_g.
   *
   * @return the public key
   */
  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /**
   * Returns the open slot.
   *
   * @return the slot
   */
  public Round openSlot() {
    return runtime().party().open();
  }

  /**
   * Returns the number of readings collected for the open slot.
   *
   * @return the count
   */
  public int collected() {
    return runtime().party().collected();
  }
}
