// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519PublicKey;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.AbstractRoleHandle;
import io.gridveil.core.runtime.EventCodec;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.Role;
import io.gridveil.core.runtime.RoleAddress;
import io.gridveil.core.runtime.RoleBinding;
import io.gridveil.core.runtime.RoleRuntime;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.RoundSchedule;
import io.gridveil.core.runtime.Route;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.core.runtime.Timing;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The CMT supplier's handle (spec/runtime.md §3.2): frames in, outboxes out, the supplier's state
 * committed to its {@link RoleStore} before every outbox is returned (§6.1). Its timer is
 * ROUND_DEADLINE(j), armed by {@link #requestRound} and disarmed when the round is decided
 * (§4.5). Its durable state is the whole party of spec/cmt.md §5.3 in the sections of §6.2; the
 * reading keyring is re-derived on open. Frames to the LC role go to the identity that keyed the
 * current group key (§3.4 item 2). Not thread-safe: one call at a time (§11).
 */
public final class CmtSupplierHandle extends AbstractRoleHandle<Supplier, CmtInput, CmtMessage> {
  static final EnvelopeCodec<CmtMessage> CODEC = EnvelopeCodec.of(CmtCodec.INSTANCE);

  private final AtomicReference<Endpoint<Supplier, CmtInput, CmtMessage>> endpoint;
  private final Anchor own;
  private final CmtParameters params;
  private final GroupId group;
  private final Timing timing;
  private final RoundSchedule schedule;
  private final RandomSource random;
  private final X25519PublicKey readingKey;

  private CmtSupplierHandle(RoleRuntime<Supplier, CmtInput, CmtMessage> runtime,
      AtomicReference<Endpoint<Supplier, CmtInput, CmtMessage>> endpoint, Anchor own,
      CmtParameters params, GroupId group, Timing timing, RoundSchedule schedule,
      RandomSource random, X25519PublicKey readingKey) {
    super(runtime);
    this.endpoint = endpoint;
    this.own = own;
    this.params = params;
    this.group = group;
    this.timing = timing;
    this.schedule = schedule;
    this.random = random;
    this.readingKey = readingKey;
  }

  /** The supplier's sections, timer input, LC route and events (spec/runtime.md §3.1). */
  static final RoleBinding<Supplier, CmtInput> BINDING = new RoleBinding<>() {
    @Override
    public Map<String, byte[]> sections(Supplier party) {
      return party.sections();
    }

    @Override
    public CmtInput timerInput(TimerId timer) {
      return new CmtInput.Timer(CmtInput.TimerKind.ROUND_DEADLINE, new Round(timer.argument()));
    }

    @Override
    public Optional<Route> route(Supplier party, GroupId group, Address recipient) {
      if (recipient.equals(Address.LOCAL_CONCENTRATOR)) {
        return party.keyedBy().map(id -> new Route.ToMeter(group, id));
      }
      return RoleBinding.super.route(party, group, recipient);
    }

    @Override
    public EventCodec events() {
      return CmtEventCodec.INSTANCE;
    }
  };

  /**
   * Opens the supplier of a group (spec/runtime.md §3.1 item 1): resumes from the store's last
   * commit if it holds one (RT-S-0x if it fails a check), else starts with no meter enrolled.
   *
   * @param params the group's parameters
   * @param group the group
   * @param licenceKey the supplier's licence key (it signs licences, lists and its frames)
   * @param readingKeys the supplier's reading key pair (sk_S, pk_S)
   * @param timing the timer durations (ROUND_DEADLINE)
   * @param schedule the deployment's round schedule
   * @param random the injected random source
   * @param store the supplier's store
   * @return the handle
   * @throws StoreException if the stored state fails a check, or an I/O failure
   */
  public static CmtSupplierHandle open(CmtParameters params, GroupId group,
      Ed25519SigningKey licenceKey, X25519KeyPair readingKeys, Timing timing,
      RoundSchedule schedule, RandomSource random, RoleStore store) throws StoreException {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(licenceKey, "licenceKey");
    Objects.requireNonNull(readingKeys, "readingKeys");
    Anchor own = Anchor.of(Address.SUPPLIER, licenceKey.publicKey());
    AtomicReference<Endpoint<Supplier, CmtInput, CmtMessage>> ref = new AtomicReference<>();
    RoleRuntime<Supplier, CmtInput, CmtMessage> rt = RoleRuntime.open(store,
        RoleAddress.of(group, Role.SUPPLIER), timing, schedule, random, BINDING, resumed -> {
          Supplier s = resumed.state().isPresent()
              ? Supplier.fromSections(params, group, licenceKey, readingKeys,
                  resumed.state().get().sections())
              : Supplier.create(params, group, licenceKey, readingKeys);
          Endpoint<Supplier, CmtInput, CmtMessage> e = Endpoint.signing(s, CODEC,
              CmtInput.Inbound::new, EnvelopeVerifier.of(CODEC, s, group, anchors(own, s)),
              licenceKey, resumed.sequenceBase());
          ref.set(e);
          return e;
        });
    return new CmtSupplierHandle(rt, ref, own, params, group, timing, schedule, random,
        readingKeys.publicKey());
  }

  private static TrustAnchors anchors(Anchor own, Supplier s) {
    TrustAnchors t = TrustAnchors.empty().with(own);
    for (Map.Entry<MeterId, Ed25519PublicKey> e : s.enrolments().entrySet()) {
      t = t.with(Supplier.enrolmentAnchor(e.getKey(), e.getValue()));
    }
    return t;
  }

  /**
   * Provisions a meter (spec/runtime.md §5.4 item 1, the factory flow): generates its device key
   * and ms_i from the handle's random source, enrols the identity with the device key's public
   * half (committed before this returns) and returns the kit. The supplier keeps none of the
   * meter's secrets.
   *
   * @param id the meter's identity
   * @param now the product's current time
   * @return the kit, for the meter's {@link CmtMeterHandle#open}
   * @throws ProtocolViolationException CMT-V-12 if the identity is revoked, CMT-S-01 if it is
   *     enrolled already; nothing changes
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public CmtMeterKit provision(MeterId id, LogicalTime now)
      throws ProtocolViolationException, StoreException {
    Objects.requireNonNull(id, "id");
    if (runtime().party().enrolments().containsKey(id)) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, "identity enrolled already");
    }
    Ed25519SigningKey device = Ed25519SigningKey.generate(random);
    MeterSecret secret = MeterSecret.random(random);
    Outbox out = enrol(id, device.publicKey(), now);
    if (out.refusal().isPresent()) {
      throw new CmtViolationException(out.refusal().get().check(), out.refusal().get().field());
    }
    return new CmtMeterKit(id, group, params, timing, schedule,
        new MeterCredentials(device.publicKey(), TrustAnchors.empty().with(own), readingKey),
        device, secret);
  }

  /**
   * Enrols a meter's identity with its device key (spec/cmt.md §3.1, §3.13): its licence request
   * is accepted from now on.
   *
   * @param id the meter's identity
   * @param deviceKey its device key's public half
   * @param now the product's current time
   * @return the outbox; a refusal (CMT-V-12, CMT-S-01) changes nothing
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox enrol(MeterId id, Ed25519PublicKey deviceKey, LogicalTime now)
      throws StoreException {
    Outbox out = runtime().input(new CmtInput.Enrol(id, deviceKey), now);
    retrust();
    return out;
  }

  /**
   * Requests round j from the group (spec/cmt.md §3.6 step 1) and arms its ROUND_DEADLINE(j).
   *
   * @param round the round, after the last requested
   * @param now the product's current time
   * @return the outbox; a refusal (CMT-S-01 before a key, CMT-S-03) changes nothing
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox requestRound(Round round, LogicalTime now) throws StoreException {
    return runtime().input(new CmtInput.RequestRound(round), now);
  }

  /**
   * Revokes a meter (spec/cmt.md §3.13); the outbox's events carry the new signed list.
   *
   * @param id the meter
   * @param scope its device key or its identity
   * @param now the product's current time
   * @return the outbox
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox revoke(MeterId id, CmtInput.RevocationScope scope, LogicalTime now)
      throws StoreException {
    Outbox out = runtime().input(new CmtInput.Revoke(id, scope), now);
    retrust();
    return out;
  }

  /**
   * Renews a meter's licence (spec/cmt.md §3.13).
   *
   * @param id the meter
   * @param now the product's current time
   * @return the outbox
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox renewLicence(MeterId id, LogicalTime now) throws StoreException {
    return runtime().input(new CmtInput.RenewLicence(id), now);
  }

  /**
   * Returns the key epoch of the current group key, or -1 before the first.
   *
   * @return ε
   */
  public long epoch() {
    return runtime().party().epoch();
  }

  /**
   * Returns the reading tokens of the current group key.
   *
   * @return the members' tokens
   */
  public Set<Token> members() {
    return runtime().party().members();
  }

  /** The party's current state, for tests of the state sections. */
  Supplier party() {
    return runtime().party();
  }

  private void retrust() {
    Endpoint<Supplier, CmtInput, CmtMessage> e = endpoint.get();
    if (e != null) {
      e.trust(anchors(own, runtime().party()));
    }
  }
}
