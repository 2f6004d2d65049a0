// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Ed25519PublicKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.ec.X25519PrivateKey;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.runtime.AbstractRoleHandle;
import io.gridveil.core.runtime.EventCodec;
import io.gridveil.core.runtime.KeyAlias;
import io.gridveil.core.runtime.KeyKind;
import io.gridveil.core.runtime.KeyVault;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.RoleAddress;
import io.gridveil.core.runtime.RoleBinding;
import io.gridveil.core.runtime.RoleRuntime;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.RoundSchedule;
import io.gridveil.core.runtime.RuntimeChecks;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.StoredState;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.core.runtime.Timing;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.ddh.internal.HandleSupport;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The handle of an EDAT meter (spec/runtime.md §3.2; spec/ddh.md §3.1, §3.4, §3.6): its one
 * operation is {@link #onReading}; it takes the supplier's RosterAnnouncement and RevealRequest
 * as frames and arms no timer.
 *
 * <p>Keys (spec/runtime.md §5.4): x_i under {@code ddh.meter.x} (X25519) and the licence key
 * under {@code ddh.meter.licence} (ED25519), imported on the first open and read from the vault
 * afterwards. Durable state (§6.2): the roster it accepted last ({@code roster}) and the marks
 * lastEncrypted and lastRevealed ({@code marks}), committed with the Contribution or PadReveal
 * that depends on them (§6.1), so a reopened meter never encrypts or reveals a round twice. The
 * pairwise PRF keys are re-derived on open.
 */
public final class DdhMeterHandle extends AbstractRoleHandle<DdhMeter, DdhInput, DdhMessage> {
  /** The alias of x_i (spec/runtime.md §5.4). */
  public static final KeyAlias SECRET = KeyAlias.of("ddh.meter.x");
  /** The alias of the licence key (spec/runtime.md §5.4). */
  public static final KeyAlias LICENCE_KEY = KeyAlias.of("ddh.meter.licence");

  static final EnvelopeCodec<DdhMessage> CODEC = EnvelopeCodec.of(DdhCodec.INSTANCE);

  /**
   * The events of the EDAT meter and aggregator in a stored outbox (spec/runtime.md §3.3):
   * {@link RosterAccepted} as u8 1 || ascii8 group || u64 version.
   */
  static final EventCodec EVENTS = new EventCodec() {
    @Override
    public void encode(ProtocolEvent event, CanonicalWriter out) {
      if (!(event instanceof RosterAccepted r)) {
        throw new IllegalArgumentException(
            "not an EDAT event: " + event.getClass().getSimpleName());
      }
      out.u8(1).ascii8(r.group().value()).u64(r.version());
    }

    @Override
    public ProtocolEvent decode(CanonicalReader in) throws MalformedMessageException {
      if (in.u8("event.kind") != 1) {
        throw new MalformedMessageException(RuntimeChecks.RT_S_05, "event.kind", "unknown event");
      }
      String g = in.ascii8("event.group", GroupId.MAX_LENGTH);
      if (!GroupId.isValid(g)) {
        throw new MalformedMessageException(RuntimeChecks.RT_S_05, "event.group", "malformed");
      }
      return new RosterAccepted(new GroupId(g), in.u64("event.version"));
    }
  };

  private DdhMeterHandle(RoleRuntime<DdhMeter, DdhInput, DdhMessage> runtime) {
    super(runtime);
  }

  /**
   * Opens an EDAT meter (spec/runtime.md §3.1 item 1): resumes from the store if it holds a
   * commit (the stored roster and marks), else starts from the given signed roster.
   *
   * @param params the group's parameters
   * @param secret the 32-byte X25519 scalar x_i, imported into the vault on the first open
   * @param licence the meter's signed licence (its identity and group)
   * @param licenceSeed the Ed25519 seed of the licence's meter key, imported on the first open
   * @param rosterAnchor the supplier's roster-signing key
   * @param roster the signed roster to start from (ignored when resuming)
   * @param anchors the trust anchors of the group's roles
   * @param store the meter's store
   * @param schedule the deployment's round schedule
   * @param random the injected random source
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state or keys fail a check
   * @throws ProtocolViolationException DDH-V-03, DDH-V-04 or DDH-V-05 if a fresh meter refuses
   *     the roster (spec/ddh.md §2.4)
   */
  public static DdhMeterHandle open(DdhParameters params, SecretBytes secret, SignedLicence licence,
      SecretBytes licenceSeed, Ed25519PublicKey rosterAnchor, SignedRoster roster,
      TrustAnchors anchors, RoleStore store, RoundSchedule schedule, RandomSource random)
      throws StoreException, ProtocolViolationException {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(licenceSeed, "licenceSeed");
    Objects.requireNonNull(rosterAnchor, "rosterAnchor");
    Objects.requireNonNull(roster, "roster");
    Objects.requireNonNull(anchors, "anchors");
    GroupId group = licence.licence().group();
    MeterId self = licence.licence().meter();
    try {
      RoleRuntime<DdhMeter, DdhInput, DdhMessage> rt = RoleRuntime.open(store,
          RoleAddress.meter(group, self), Timing.defaults(), schedule, random, BINDING,
          resumed -> {
            KeyVault vault = resumed.vault();
            HandleSupport.importOnce(vault, SECRET, KeyKind.X25519, secret);
            HandleSupport.importOnce(vault, LICENCE_KEY, KeyKind.ED25519, licenceSeed);
            X25519PrivateKey x = HandleSupport.agreementKey(vault, SECRET);
            DdhMeter m;
            if (resumed.state().isPresent()) {
              m = decode(resumed.state().get(), params, self, x, rosterAnchor, group);
            } else {
              try {
                m = DdhMeter.create(params, self, x, rosterAnchor, roster);
              } catch (DdhViolationException e) {
                throw new HandleSupport.SetUpRefused(e);
              }
            }
            return Endpoint.licensed(m, CODEC, DdhInput.Inbound::new,
                EnvelopeVerifier.of(CODEC, m, group, anchors), licence,
                HandleSupport.signingKey(vault, LICENCE_KEY), resumed.sequenceBase());
          });
      return new DdhMeterHandle(rt);
    } catch (HandleSupport.SetUpRefused e) {
      throw e.refusal();
    }
  }

  static Roster decodeRoster(StoredState s, GroupId group) throws StoreException {
    CanonicalReader r = HandleSupport.section(s, "roster");
    try {
      CanonicalReader body = r.nested32("roster", SignedRoster.MAX_ROSTER_BYTES);
      Roster roster = Roster.decode(body);
      body.requireEnd("roster");
      r.requireEnd("roster");
      if (!roster.group().equals(group)) {
        throw new StoreException(RuntimeChecks.RT_S_05, "roster of another group");
      }
      return roster;
    } catch (MalformedMessageException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "section roster: field " + e.field());
    }
  }

  static byte[] encodeRoster(Roster roster) {
    return new CanonicalWriter().u16(HandleSupport.SCHEMA).bytes32(roster.encode()).toByteArray();
  }

  private static DdhMeter decode(StoredState s, DdhParameters params, MeterId self,
      X25519PrivateKey x, Ed25519PublicKey anchor, GroupId group) throws StoreException {
    Roster roster = decodeRoster(s, group);
    CanonicalReader r = HandleSupport.section(s, "marks");
    try {
      long enc = r.u64("marks.nextEncrypt") - 1;
      long rev = r.u64("marks.nextReveal") - 1;
      r.requireEnd("marks");
      if (!roster.wellFormed(params)) {
        throw new StoreException(RuntimeChecks.RT_S_05, "stored roster breaks an invariant");
      }
      return DdhMeter.restoreAccepted(params, self, x, anchor, roster, enc, rev);
    } catch (MalformedMessageException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "section marks: field " + e.field());
    } catch (DdhViolationException | IllegalArgumentException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "meter state breaks an invariant");
    }
  }

  /**
   * Sections (spec/runtime.md §6.2): {@code roster} = u16 1 || bytes32 roster (ddh.md §2.3);
   * {@code marks} = u16 1 || u64 (lastEncrypted + 1) || u64 (lastRevealed + 1).
   */
  private static final RoleBinding<DdhMeter, DdhInput> BINDING = new RoleBinding<>() {
    @Override
    public Map<String, byte[]> sections(DdhMeter party) {
      Map<String, byte[]> out = new TreeMap<>();
      out.put("roster", encodeRoster(party.roster()));
      out.put("marks", new CanonicalWriter().u16(HandleSupport.SCHEMA)
          .u64(party.lastEncrypted() + 1).u64(party.lastRevealed() + 1).toByteArray());
      return out;
    }

    @Override
    public DdhInput timerInput(TimerId timer) {
      throw new ProtocolBugException("an EDAT meter arms no timer: " + timer);
    }

    @Override
    public EventCodec events() {
      return EVENTS;
    }
  };

  /**
   * Encrypts the meter's reading for round j (spec/ddh.md §3.1) and returns the Contribution to
   * the aggregator; the encrypt-once mark is committed before the outbox is returned. A reading
   * refused by its bounds (CORE-R-01 to CORE-R-03) or a round at or below the mark (DDH-S-05) is
   * the outbox's refusal, and nothing changes.
   *
   * @param round j
   * @param reading x_ij
   * @param now the product's current time
   * @return the outbox
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox onReading(Round round, Reading reading, LogicalTime now) throws StoreException {
    return runtime().input(new DdhInput.LocalReading(round, reading), now);
  }

  /**
   * Returns the last round this meter encrypted (spec/ddh.md §3.6).
   *
   * @return the round index, -1 if none
   */
  public long lastEncrypted() {
    return runtime().party().lastEncrypted();
  }

  /**
   * Returns the last round this meter revealed a pad for (spec/ddh.md §3.6).
   *
   * @return the round index, -1 if none
   */
  public long lastRevealed() {
    return runtime().party().lastRevealed();
  }

  /**
   * Returns the version of the roster the meter holds.
   *
   * @return v
   */
  public long rosterVersion() {
    return runtime().party().rosterVersion();
  }
}
