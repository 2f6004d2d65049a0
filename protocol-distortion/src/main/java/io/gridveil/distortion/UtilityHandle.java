// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
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
import io.gridveil.core.runtime.EventCodec;
import io.gridveil.core.runtime.KeyAlias;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.Outbox;
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
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The handle of the utility (spec/runtime.md §3.2; spec/distortion.md §6.3): its role operation
 * is {@link #queryBill}; frames are local distributions and billing responses; it arms
 * ROUND_DEADLINE(j) on the first local distribution it accepts for the open slot j, and on that
 * deadline merges the slot (§4.5).
 *
 * <p>It serves every group of its collector map: its address is that of the first group in
 * identifier order with role UTILITY (the store's owner), and it takes frames of every served
 * group (spec/runtime.md §3.5 item 1 reads "another group" as a group the verifier does not
 * serve).
 *
 * <p>Durable state (spec/runtime.md §6.2): the section {@code round} = u16 schema (1) || u64 open
 * slot || u32 n × (ascii8 group || distribution as a LocalDistribution body), groups ascending;
 * the section {@code bills} = u16 schema (1) || u32 n × (ascii8 meter || u64 cycle) outstanding
 * || u32 n × (ascii8 meter || u64 cycle || u64 total || u64 slots) received, each ascending by
 * (meter, cycle). The role key (the supplier's, which signs the billing queries) lives in the
 * vault under {@value #SIGNING_KEY_ALIAS}, imported on first open.
 */
public final class UtilityHandle
    extends AbstractRoleHandle<Utility, Utility.Input, DistortionMessage> {
  /** The vault alias of the utility's role key (spec/runtime.md §5.4). */
  public static final String SIGNING_KEY_ALIAS = "distortion.utility.signing";
  static final String ROUND = "round";
  static final String BILLS = "bills";
  private static final Comparator<Utility.BillKey> BY_KEY =
      Comparator.comparing((Utility.BillKey k) -> k.meter().value())
          .thenComparingLong(Utility.BillKey::cycle);

  private UtilityHandle(RoleRuntime<Utility, Utility.Input, DistortionMessage> runtime) {
    super(runtime);
  }

  /**
   * Opens the utility with core's DRBG.
   *
   * @param deployment the public parameters
   * @param collectors the collector identity c_g of every group served
   * @param first the first open slot of a fresh utility
   * @param anchors the supplier's anchor and one anchor (Identified(c_g), key) per collector
   * @param supplierKey the 32-byte Ed25519 seed of the supplier's role key, imported on first open
   * @param store the utility's store: resumed if it holds state
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check
   */
  public static UtilityHandle open(DistortionDeployment deployment,
      Map<GroupId, MeterId> collectors, Round first, TrustAnchors anchors, SecretBytes supplierKey,
      RoleStore store) throws StoreException {
    return open(deployment, collectors, first, anchors, supplierKey, store,
        DrbgRandomSource.create());
  }

  /**
   * Opens the utility (spec/runtime.md §3.1 item 1).
   *
   * @param deployment the public parameters
   * @param collectors the collector identity c_g of every group served, at least one
   * @param first the first open slot of a fresh utility
   * @param anchors the supplier's anchor and one anchor (Identified(c_g), key) per collector
   * @param supplierKey the 32-byte Ed25519 seed of the supplier's role key, imported on first open
   * @param store the utility's store: resumed if it holds state
   * @param random the injected random source
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state fails a check
   */
  public static UtilityHandle open(DistortionDeployment deployment,
      Map<GroupId, MeterId> collectors, Round first, TrustAnchors anchors, SecretBytes supplierKey,
      RoleStore store, RandomSource random) throws StoreException {
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(anchors, "anchors");
    Objects.requireNonNull(supplierKey, "supplierKey");
    Map<GroupId, MeterId> served = Map.copyOf(collectors);
    GroupId home = served.keySet().stream().min(Comparator.comparing(GroupId::value))
        .orElseThrow(() -> new IllegalArgumentException("need at least one collector"));
    RoleRuntime<Utility, Utility.Input, DistortionMessage> rt = RoleRuntime.open(
        store, RoleAddress.of(home, Role.UTILITY), deployment.timing(), deployment.schedule(),
        random, BINDING,
        resumed -> {
          Ed25519SigningKey key = DistortionHandles.signingKey(resumed.vault(),
              KeyAlias.of(SIGNING_KEY_ALIAS), Optional.of(supplierKey), random);
          Utility u = resumed.state().isPresent()
              ? decode(deployment, served, resumed.state().get())
              : Utility.create(deployment.grid(), deployment.plan().tariff().digest(), served,
                  first);
          return Endpoint.signing(u, DistortionHandles.CODEC, Utility.Input.Inbound::new,
              EnvelopeVerifier.of(DistortionHandles.CODEC, u, u.groups(), anchors), key,
              resumed.sequenceBase());
        });
    return new UtilityHandle(rt);
  }

  private static Utility decode(DistortionDeployment d, Map<GroupId, MeterId> served,
      StoredState s) throws StoreException {
    CanonicalReader r = DistortionHandles.section(s, ROUND);
    Round open;
    Map<GroupId, BinnedDistribution> locals = new HashMap<>();
    try {
      open = new Round(DistortionHandles.nonNegative(r, "round.open"));
      int n = r.u32("round.count");
      String previous = "";
      for (int i = 0; i < n; i++) {
        GroupId g = DistortionHandles.groupId(r, "round.group");
        BinnedDistribution dist = DistortionHandles.distribution(r);
        if (g.value().compareTo(previous) <= 0 || !served.containsKey(g)
            || !dist.grid().equals(d.grid())) {
          throw DistortionHandles.corrupt(ROUND, "round.group");
        }
        previous = g.value();
        locals.put(g, dist);
      }
      r.requireEnd(ROUND);
    } catch (MalformedMessageException e) {
      throw DistortionHandles.corrupt(ROUND, e.field());
    }
    CanonicalReader b = DistortionHandles.section(s, BILLS);
    Set<Utility.BillKey> outstanding = new HashSet<>();
    Map<Utility.BillKey, DistortionMessage.BillingResponse> bills = new HashMap<>();
    try {
      int n = b.u32("bills.outstanding");
      Utility.BillKey previous = null;
      for (int i = 0; i < n; i++) {
        Utility.BillKey k = new Utility.BillKey(DistortionHandles.meterId(b, "bills.meter"),
            DistortionHandles.nonNegative(b, "bills.cycle"));
        if (previous != null && BY_KEY.compare(previous, k) >= 0) {
          throw DistortionHandles.corrupt(BILLS, "bills.outstanding");
        }
        previous = k;
        outstanding.add(k);
      }
      int m = b.u32("bills.received");
      previous = null;
      for (int i = 0; i < m; i++) {
        Utility.BillKey k = new Utility.BillKey(DistortionHandles.meterId(b, "bills.meter"),
            DistortionHandles.nonNegative(b, "bills.cycle"));
        long total = DistortionHandles.nonNegative(b, "bills.total");
        long slots = DistortionHandles.nonNegative(b, "bills.slots");
        if ((previous != null && BY_KEY.compare(previous, k) >= 0) || outstanding.contains(k)) {
          throw DistortionHandles.corrupt(BILLS, "bills.received");
        }
        previous = k;
        bills.put(k, new DistortionMessage.BillingResponse(k.cycle(), total, slots));
      }
      b.requireEnd(BILLS);
    } catch (MalformedMessageException e) {
      throw DistortionHandles.corrupt(BILLS, e.field());
    }
    return Utility.restore(d.grid(), d.plan().tariff().digest(), served, open, locals,
        outstanding, bills);
  }

  private static final RoleBinding<Utility, Utility.Input> BINDING = new RoleBinding<>() {
    @Override
    public Map<String, byte[]> sections(Utility party) {
      CanonicalWriter w = new CanonicalWriter().u16(DistortionHandles.SCHEMA)
          .u64(party.open().index());
      TreeMap<String, BinnedDistribution> locals = new TreeMap<>();
      party.locals().forEach((g, d) -> locals.put(g.value(), d));
      w.u32(locals.size());
      locals.forEach((g, d) -> {
        w.ascii8(g);
        DistortionHandles.distribution(d, w);
      });
      CanonicalWriter b = new CanonicalWriter().u16(DistortionHandles.SCHEMA);
      TreeMap<Utility.BillKey, Boolean> outstanding = new TreeMap<>(BY_KEY);
      party.outstanding().forEach(k -> outstanding.put(k, Boolean.TRUE));
      b.u32(outstanding.size());
      outstanding.keySet().forEach(k -> b.ascii8(k.meter().value()).u64(k.cycle()));
      TreeMap<Utility.BillKey, DistortionMessage.BillingResponse> bills = new TreeMap<>(BY_KEY);
      bills.putAll(party.bills());
      b.u32(bills.size());
      bills.forEach((k, v) -> b.ascii8(k.meter().value()).u64(k.cycle()).u64(v.total())
          .u64(v.slots()));
      return Map.of(ROUND, w.toByteArray(), BILLS, b.toByteArray());
    }

    @Override
    public Utility.Input timerInput(TimerId timer) {
      if (!timer.kind().equals(TimerId.ROUND_DEADLINE)) {
        throw new IllegalArgumentException("the utility arms only ROUND_DEADLINE: " + timer);
      }
      return new Utility.Input.Deadline(new Round(timer.argument()));
    }

    @Override
    public Optional<Route> route(Utility party, GroupId group, Address recipient) {
      return DistortionHandles.route(group, recipient);
    }

    @Override
    public EventCodec events() {
      return DistortionHandles.EVENTS;
    }
  };

  /**
   * Sends a billing query for a closed cycle of a meter (spec/distortion.md §3.3, §6.3); the
   * answer arrives as a frame and is reported as a {@link DistortionEvent.BillReceived} event.
   *
   * @param meter the meter
   * @param group the meter's group, one the utility serves
   * @param cycle the cycle c
   * @param now the product's current time
   * @return the outbox: one BillingQuery to the meter
   * @throws StoreException if the commit failed; the handle is then failed
   * @throws IllegalArgumentException if the cycle is negative or the group is not served
   */
  public Outbox queryBill(MeterId meter, GroupId group, long cycle, LogicalTime now)
      throws StoreException {
    Objects.requireNonNull(group, "group");
    if (!runtime().party().groups().contains(group)) {
      throw new IllegalArgumentException("the utility does not serve group " + group.value());
    }
    return runtime().input(new Utility.Input.QueryBill(meter, group, cycle), now);
  }

  /**
   * Returns the open slot.
   *
   * @return the slot
   */
  public Round openSlot() {
    return runtime().party().open();
  }
}
