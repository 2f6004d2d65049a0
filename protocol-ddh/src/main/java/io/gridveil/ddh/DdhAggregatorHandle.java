// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.GroupId;
import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Ed25519PublicKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.AbstractRoleHandle;
import io.gridveil.core.runtime.KeyAlias;
import io.gridveil.core.runtime.KeyKind;
import io.gridveil.core.runtime.KeyVault;
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
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The handle of the EDAT aggregator (spec/runtime.md §3.2; spec/ddh.md §3.2): no operation beyond
 * those of {@link io.gridveil.core.runtime.RoleHandle}; it takes the roster and the meters'
 * Contributions as frames, arms ROUND_DEADLINE(j) on the first Contribution of round j and, when
 * it fires, forwards the round's sum and contributors to the supplier (§4.5).
 *
 * <p>Keys (spec/runtime.md §5.4): its signing key under {@code ddh.aggregator.signing}
 * (ED25519), imported on the first open. Durable state (§6.2): the roster it accepted last
 * ({@code roster}), closedThrough ({@code marks}) and every open round ({@code round/<j>}).
 */
public final class DdhAggregatorHandle
    extends AbstractRoleHandle<DdhAggregator, DdhInput, DdhMessage> {
  /** The alias of the signing key (spec/runtime.md §5.4). */
  public static final KeyAlias SIGNING = KeyAlias.of("ddh.aggregator.signing");

  private DdhAggregatorHandle(RoleRuntime<DdhAggregator, DdhInput, DdhMessage> runtime) {
    super(runtime);
  }

  /**
   * Opens the EDAT aggregator (spec/runtime.md §3.1 item 1): resumes from the store if it holds
   * a commit, else starts from the given signed roster.
   *
   * @param params the group's parameters
   * @param group the group
   * @param rosterAnchor the supplier's roster-signing key
   * @param roster the signed roster to start from (ignored when resuming)
   * @param signingSeed the Ed25519 seed of the aggregator's role key (its anchor in
   *     {@code anchors}), imported on the first open
   * @param anchors the trust anchors of the group's roles
   * @param revocations the newest verified revocation list
   * @param store the aggregator's store
   * @param timing the duration of ROUND_DEADLINE
   * @param schedule the deployment's round schedule
   * @param random the injected random source
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state or keys fail a check
   * @throws ProtocolViolationException DDH-V-03 or DDH-V-04 if a fresh aggregator refuses the
   *     roster (spec/ddh.md §2.4)
   */
  public static DdhAggregatorHandle open(DdhParameters params, GroupId group,
      Ed25519PublicKey rosterAnchor, SignedRoster roster, SecretBytes signingSeed,
      TrustAnchors anchors, RevocationList revocations, RoleStore store, Timing timing,
      RoundSchedule schedule, RandomSource random)
      throws StoreException, ProtocolViolationException {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(rosterAnchor, "rosterAnchor");
    Objects.requireNonNull(roster, "roster");
    Objects.requireNonNull(signingSeed, "signingSeed");
    Objects.requireNonNull(anchors, "anchors");
    Objects.requireNonNull(revocations, "revocations");
    try {
      RoleRuntime<DdhAggregator, DdhInput, DdhMessage> rt = RoleRuntime.open(store,
          RoleAddress.of(group, Role.AGGREGATOR), timing, schedule, random, BINDING, resumed -> {
            KeyVault vault = resumed.vault();
            HandleSupport.importOnce(vault, SIGNING, KeyKind.ED25519, signingSeed);
            DdhAggregator a;
            if (resumed.state().isPresent()) {
              a = decode(resumed.state().get(), params, rosterAnchor, group);
            } else {
              try {
                a = DdhAggregator.create(params, group, rosterAnchor, roster);
              } catch (DdhViolationException e) {
                throw new HandleSupport.SetUpRefused(e);
              }
            }
            return Endpoint.signing(a, DdhMeterHandle.CODEC, DdhInput.Inbound::new,
                EnvelopeVerifier.of(DdhMeterHandle.CODEC, a, group, anchors)
                    .withRevocations(revocations),
                HandleSupport.signingKey(vault, SIGNING), resumed.sequenceBase());
          });
      return new DdhAggregatorHandle(rt);
    } catch (HandleSupport.SetUpRefused e) {
      throw e.refusal();
    }
  }

  private static DdhAggregator decode(StoredState s, DdhParameters params,
      Ed25519PublicKey anchor, GroupId group) throws StoreException {
    Roster roster = DdhMeterHandle.decodeRoster(s, group);
    try {
      CanonicalReader marks = HandleSupport.section(s, "marks");
      long closedThrough = marks.u64("marks.nextRound") - 1;
      marks.requireEnd("marks");
      TreeMap<Long, Long> sums = new TreeMap<>();
      TreeMap<Long, boolean[]> present = new TreeMap<>();
      for (String name : s.names()) {
        if (!name.startsWith("round/")) {
          continue;
        }
        long j = HandleSupport.roundOf(name);
        CanonicalReader r = HandleSupport.section(s, name);
        long sum = r.u64("round.sum");
        boolean[] p = HandleSupport.flags(r, "round.present", Roster.MAX_MEMBERS);
        r.requireEnd(name);
        sums.put(j, sum);
        present.put(j, p);
      }
      return DdhAggregator.restore(params, anchor, roster, sums, present, closedThrough);
    } catch (MalformedMessageException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "aggregator state: field " + e.field());
    } catch (IllegalArgumentException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "aggregator state breaks an invariant");
    }
  }

  /**
   * Sections (spec/runtime.md §6.2): {@code roster} = u16 1 || bytes32 roster; {@code marks} =
   * u16 1 || u64 (closedThrough + 1); per open round j, {@code round/<j>} = u16 1 || u64 sum ||
   * u32 n || n × u8 present.
   */
  private static final RoleBinding<DdhAggregator, DdhInput> BINDING = new RoleBinding<>() {
    @Override
    public Map<String, byte[]> sections(DdhAggregator party) {
      Map<String, byte[]> out = new TreeMap<>();
      out.put("roster", DdhMeterHandle.encodeRoster(party.roster()));
      out.put("marks", new CanonicalWriter().u16(HandleSupport.SCHEMA)
          .u64(party.closedThrough() + 1).toByteArray());
      party.openRounds().forEach((j, o) -> {
        CanonicalWriter w = new CanonicalWriter().u16(HandleSupport.SCHEMA).u64(o.sum());
        HandleSupport.flags(w, o.presentCopy());
        out.put("round/" + j, w.toByteArray());
      });
      return out;
    }

    @Override
    public DdhInput timerInput(TimerId timer) {
      if (!timer.kind().equals(TimerId.ROUND_DEADLINE)) {
        throw new ProtocolBugException("the EDAT aggregator arms ROUND_DEADLINE only: " + timer);
      }
      return new DdhInput.Deadline(new Round(timer.argument()));
    }

    @Override
    public io.gridveil.core.runtime.EventCodec events() {
      return DdhMeterHandle.EVENTS;
    }
  };

  /**
   * Returns the version of the roster the aggregator holds.
   *
   * @return v
   */
  public long rosterVersion() {
    return runtime().party().rosterVersion();
  }
}
