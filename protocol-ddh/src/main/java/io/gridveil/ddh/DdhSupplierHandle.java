// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.auth.Ed25519PublicKey;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.ec.X25519PrivateKey;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.AbstractRoleHandle;
import io.gridveil.core.runtime.KeyAlias;
import io.gridveil.core.runtime.KeyKind;
import io.gridveil.core.runtime.KeyVault;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.Role;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The handle of the EDAT supplier (spec/runtime.md §3.2; spec/ddh.md §2.4, §3.3, §3.4): its
 * operations are {@link #announce} and {@link #rekey}; it takes the aggregator's AggregateSum and
 * the meters' PadReveals as frames, arms ROUND_DEADLINE(j) when round j waits for reveals and
 * disarms it when the round is decided (§4.5).
 *
 * <p>Keys (spec/runtime.md §5.4): the roster-signing key {@code ddh.supplier.roster} (ED25519)
 * and x_S {@code ddh.supplier.x} (X25519), generated in the vault on the first open; the role
 * key of its frames {@code ddh.supplier.signing} (ED25519, its anchor in the group's trust
 * anchors), imported on the first open. Durable state (§6.2): its signed roster
 * ({@code roster}), lastAggregate ({@code marks}) and every round pending recovery
 * ({@code round/<j>}); the pairwise keys are re-derived on open.
 */
public final class DdhSupplierHandle
    extends AbstractRoleHandle<DdhSupplier, DdhInput, DdhMessage> {
  /** The alias of the roster-signing key (spec/runtime.md §5.4). */
  public static final KeyAlias ROSTER_KEY = KeyAlias.of("ddh.supplier.roster");
  /** The alias of x_S (spec/runtime.md §5.4). */
  public static final KeyAlias SECRET = KeyAlias.of("ddh.supplier.x");
  /** The alias of the role key its frames are signed with (spec/runtime.md §5.4). */
  public static final KeyAlias SIGNING = KeyAlias.of("ddh.supplier.signing");

  private static final int MAX_REVEALS = 65536;

  private DdhSupplierHandle(RoleRuntime<DdhSupplier, DdhInput, DdhMessage> runtime) {
    super(runtime);
  }

  /**
   * Opens the EDAT supplier (spec/runtime.md §3.1 item 1): resumes from the store if it holds a
   * commit, else builds roster version 1 from the enrolments (spec/ddh.md §2.3, §10.3).
   *
   * @param params the group's parameters
   * @param group the group
   * @param members the first roster's enrolments, in ring order (ignored when resuming)
   * @param admission what their licences are checked against, and the revocations the
   *     supplier's verifier applies
   * @param signingSeed the Ed25519 seed of the supplier's role key, imported on the first open
   * @param anchors the trust anchors of the group's roles
   * @param store the supplier's store
   * @param timing the duration of ROUND_DEADLINE
   * @param schedule the deployment's round schedule
   * @param random the injected random source (also generates the roster key and x_S)
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state or keys fail a check
   * @throws ProtocolViolationException a licence refused at a fresh set-up (spec/auth.md §5.2),
   *     or DDH-V-01/DDH-V-02 for a member's key
   */
  public static DdhSupplierHandle open(DdhParameters params, GroupId group,
      List<DdhEnrolment> members, Admission admission, SecretBytes signingSeed,
      TrustAnchors anchors, RoleStore store, Timing timing, RoundSchedule schedule,
      RandomSource random) throws StoreException, ProtocolViolationException {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(members, "members");
    Objects.requireNonNull(admission, "admission");
    Objects.requireNonNull(signingSeed, "signingSeed");
    Objects.requireNonNull(anchors, "anchors");
    try {
      RoleRuntime<DdhSupplier, DdhInput, DdhMessage> rt = RoleRuntime.open(store,
          RoleAddress.of(group, Role.SUPPLIER), timing, schedule, random, BINDING, resumed -> {
            KeyVault vault = resumed.vault();
            HandleSupport.generateOnce(vault, ROSTER_KEY, KeyKind.ED25519, random);
            HandleSupport.generateOnce(vault, SECRET, KeyKind.X25519, random);
            HandleSupport.importOnce(vault, SIGNING, KeyKind.ED25519, signingSeed);
            Ed25519SigningKey rosterKey = HandleSupport.signingKey(vault, ROSTER_KEY);
            X25519PrivateKey x = HandleSupport.agreementKey(vault, SECRET);
            DdhSupplier sup;
            if (resumed.state().isPresent()) {
              sup = decode(resumed.state().get(), params, group, x, rosterKey);
            } else {
              try {
                sup = DdhSupplier.create(params, group, 1, members, admission, x, rosterKey);
              } catch (AuthenticationException | DdhViolationException e) {
                throw new HandleSupport.SetUpRefused(e);
              }
            }
            return Endpoint.signing(sup, DdhMeterHandle.CODEC, DdhInput.Inbound::new,
                EnvelopeVerifier.of(DdhMeterHandle.CODEC, sup, group, anchors)
                    .withRevocations(admission.revocations()),
                HandleSupport.signingKey(vault, SIGNING), resumed.sequenceBase());
          });
      return new DdhSupplierHandle(rt);
    } catch (HandleSupport.SetUpRefused e) {
      throw e.refusal();
    }
  }

  private static DdhSupplier decode(StoredState s, DdhParameters params, GroupId group,
      X25519PrivateKey x, Ed25519SigningKey rosterKey) throws StoreException {
    try {
      CanonicalReader rr = HandleSupport.section(s, "roster");
      SignedRoster signed = SignedRoster.decode(rr);
      rr.requireEnd("roster");
      signed.verify(rosterKey.publicKey(), params, group);
      CanonicalReader marks = HandleSupport.section(s, "marks");
      long lastAggregate = marks.u64("marks.nextRound") - 1;
      marks.requireEnd("marks");
      TreeMap<Long, Long> partials = new TreeMap<>();
      TreeMap<Long, boolean[]> presents = new TreeMap<>();
      TreeMap<Long, Map<Integer, Long>> gots = new TreeMap<>();
      for (String name : s.names()) {
        if (!name.startsWith("round/")) {
          continue;
        }
        long j = HandleSupport.roundOf(name);
        CanonicalReader r = HandleSupport.section(s, name);
        long partial = r.u64("round.partial");
        boolean[] present = HandleSupport.flags(r, "round.present", Roster.MAX_MEMBERS);
        int g = r.u32("round.reveals");
        if (g > MAX_REVEALS) {
          throw new StoreException(RuntimeChecks.RT_S_05, name + ": too many reveals");
        }
        Map<Integer, Long> got = new HashMap<>();
        for (int i = 0; i < g; i++) {
          int key = r.u32("round.reveal.key");
          if (got.put(key, r.u64("round.reveal.pad")) != null) {
            throw new StoreException(RuntimeChecks.RT_S_05, name + ": reveal twice");
          }
        }
        r.requireEnd(name);
        partials.put(j, partial);
        presents.put(j, present);
        gots.put(j, got);
      }
      return DdhSupplier.restore(params, x, rosterKey, signed, partials, presents, gots,
          lastAggregate);
    } catch (MalformedMessageException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "supplier state: field " + e.field());
    } catch (DdhViolationException | IllegalArgumentException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "supplier state breaks an invariant");
    }
  }

  /**
   * Sections (spec/runtime.md §6.2): {@code roster} = u16 1 || signed roster (ddh.md §2.3);
   * {@code marks} = u16 1 || u64 (lastAggregate + 1); per round j pending recovery,
   * {@code round/<j>} = u16 1 || u64 partial || u32 n || n × u8 present || u32 g || g × (u32
   * revealer · 65536 + missing || u64 pad). The pads are secret: the file store encrypts its
   * state (§6.5).
   */
  private static final RoleBinding<DdhSupplier, DdhInput> BINDING = new RoleBinding<>() {
    @Override
    public Map<String, byte[]> sections(DdhSupplier party) {
      Map<String, byte[]> out = new TreeMap<>();
      CanonicalWriter roster = new CanonicalWriter().u16(HandleSupport.SCHEMA);
      party.signedRoster().encodeTo(roster);
      out.put("roster", roster.toByteArray());
      out.put("marks", new CanonicalWriter().u16(HandleSupport.SCHEMA)
          .u64(party.lastAggregate() + 1).toByteArray());
      party.pendingRounds().forEach((j, p) -> {
        CanonicalWriter w = new CanonicalWriter().u16(HandleSupport.SCHEMA).u64(p.partial());
        HandleSupport.flags(w, p.present());
        w.u32(p.got().size());
        new TreeMap<>(p.got()).forEach((k, pad) -> w.u32(k).u64(pad));
        out.put("round/" + j, w.toByteArray());
      });
      return out;
    }

    @Override
    public DdhInput timerInput(TimerId timer) {
      if (!timer.kind().equals(TimerId.ROUND_DEADLINE)) {
        throw new ProtocolBugException("the EDAT supplier arms ROUND_DEADLINE only: " + timer);
      }
      return new DdhInput.Deadline(new Round(timer.argument()));
    }
  };

  /**
   * Broadcasts the current signed roster to the group (spec/ddh.md §2.4).
   *
   * @param now the product's current time
   * @return the outbox, one RosterAnnouncement to the group
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox announce(LogicalTime now) throws StoreException {
    return runtime().input(new DdhInput.Announce(), now);
  }

  /**
   * Re-keys the group with a new roster version (spec/ddh.md §2.4): rounds pending recovery are
   * void (MEMBERSHIP_CHANGED) and the new roster is announced. A licence or key refused is the
   * outbox's refusal, and nothing changes.
   *
   * @param members the new roster's enrolments, in ring order
   * @param admission what their licences are checked against
   * @param now the product's current time
   * @return the outbox
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox rekey(List<DdhEnrolment> members, Admission admission, LogicalTime now)
      throws StoreException {
    return runtime().input(new DdhInput.Rekey(members, admission), now);
  }

  /**
   * Returns the current signed roster, which meters and the aggregator are opened with.
   *
   * @return the signed roster
   */
  public SignedRoster signedRoster() {
    return runtime().party().signedRoster();
  }

  /**
   * Returns the public half of the roster-signing key, the meters' and aggregator's roster
   * anchor.
   *
   * @return the anchor
   */
  public Ed25519PublicKey rosterAnchor() {
    try {
      return runtime().vault().signingKey(ROSTER_KEY).publicKey();
    } catch (StoreException e) {
      throw new ProtocolBugException("the roster key was resolved on open", e);
    }
  }
}
