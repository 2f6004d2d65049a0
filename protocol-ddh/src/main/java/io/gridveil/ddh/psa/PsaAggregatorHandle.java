// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolBugException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.ec.InvalidEncodingException;
import io.gridveil.core.ec.P256Point;
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
import io.gridveil.ddh.Admission;
import io.gridveil.ddh.internal.HandleSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The handle of the PSA aggregator (spec/runtime.md §3.2; spec/ddh.md §7.4, §7.6): no operation
 * beyond those of {@link io.gridveil.core.runtime.RoleHandle}; it takes the meters'
 * Contributions as frames and arms ROUND_DEADLINE(j) on the first Contribution of round j,
 * disarming it when the round is decided (§4.5). A round still incomplete when its deadline fires
 * is void: PSA has no recovery.
 *
 * <p>Keys (spec/runtime.md §5.4): sk_0 under {@code psa.aggregator.sk0} (P256_SCALAR), imported
 * from the deal on the first open, and the endpoint's signing key under
 * {@code psa.aggregator.signing} (ED25519), generated on the first open (the aggregator sends no
 * frame; the endpoint needs one). Durable state (§6.2): the members admitted at set-up
 * ({@code role}), the last decided round ({@code marks}) and every open round
 * ({@code round/<j>}); the discrete-log table is volatile and rebuilt on every open.
 */
public final class PsaAggregatorHandle
    extends AbstractRoleHandle<PsaAggregator, PsaInput, PsaMessage> {
  /** The alias of sk_0 (spec/runtime.md §5.4). */
  public static final KeyAlias SECRET = KeyAlias.of("psa.aggregator.sk0");
  /** The alias of the endpoint's signing key (spec/runtime.md §5.4). */
  public static final KeyAlias SIGNING = KeyAlias.of("psa.aggregator.signing");

  private static final int MAX_ID = 64;

  private PsaAggregatorHandle(RoleRuntime<PsaAggregator, PsaInput, PsaMessage> runtime) {
    super(runtime);
  }

  /** Carries a licence refused at set-up out of the endpoint factory. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // never serialised: caught in open
    private final AuthenticationException refusal;

    Refused(AuthenticationException refusal) {
      super(refusal);
      this.refusal = refusal;
    }
  }

  /**
   * Opens the PSA aggregator (spec/runtime.md §3.1 item 1). A fresh store admits the members from
   * their licences (spec/ddh.md §10.6); a store holding a commit resumes with the members it
   * admitted then, and the licences are not checked again.
   *
   * @param params the group's parameters
   * @param key sk_0 from the deal, imported into the vault on the first open
   * @param licences the meters' licences, in the dealer's order
   * @param admission what the licences and the contributions' licences are checked against
   * @param store the aggregator's store
   * @param timing the duration of ROUND_DEADLINE
   * @param schedule the deployment's round schedule
   * @param random the injected random source
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state or keys fail a check
   * @throws AuthenticationException for the first licence refused at a fresh set-up
   */
  public static PsaAggregatorHandle open(PsaParameters params, PsaAggregatorKey key,
      List<SignedLicence> licences, Admission admission, RoleStore store, Timing timing,
      RoundSchedule schedule, RandomSource random)
      throws StoreException, AuthenticationException {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(licences, "licences");
    Objects.requireNonNull(admission, "admission");
    GroupId group = key.group();
    try {
      RoleRuntime<PsaAggregator, PsaInput, PsaMessage> rt = RoleRuntime.open(store,
          RoleAddress.of(group, Role.AGGREGATOR), timing, schedule, random, BINDING, resumed -> {
            KeyVault vault = resumed.vault();
            HandleSupport.importOnce(vault, SECRET, KeyKind.P256_SCALAR, key.secret().scalar());
            HandleSupport.generateOnce(vault, SIGNING, KeyKind.ED25519, random);
            PsaSecretKey sk = PsaMeterHandle.secretKey(vault, SECRET);
            PsaDiscreteLog dlog = PsaDiscreteLog.forParameters(params);
            PsaAggregator a;
            if (resumed.state().isPresent()) {
              a = decode(resumed.state().get(), params, group, sk, dlog);
            } else {
              try {
                a = PsaAggregator.create(params, group, licences, admission, sk, dlog);
              } catch (AuthenticationException e) {
                throw new Refused(e);
              }
            }
            return Endpoint.signing(a, PsaMeterHandle.CODEC, PsaInput.Inbound::new,
                EnvelopeVerifier.of(PsaMeterHandle.CODEC, a, group, admission.anchors())
                    .withRevocations(admission.revocations()),
                HandleSupport.signingKey(vault, SIGNING), resumed.sequenceBase());
          });
      return new PsaAggregatorHandle(rt);
    } catch (Refused e) {
      throw e.refusal;
    }
  }

  private static PsaAggregator decode(StoredState s, PsaParameters params, GroupId group,
      PsaSecretKey sk, PsaDiscreteLog dlog) throws StoreException {
    try {
      CanonicalReader role = HandleSupport.section(s, "role");
      int n = role.u32("role.members");
      if (n > params.aggregation().nMax()) {
        throw new StoreException(RuntimeChecks.RT_S_05, "role: too many members");
      }
      List<MeterId> members = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        String id = role.ascii8("role.member", MAX_ID);
        if (!MeterId.isValid(id)) {
          throw new StoreException(RuntimeChecks.RT_S_05, "role: malformed member");
        }
        members.add(new MeterId(id));
      }
      role.requireEnd("role");
      CanonicalReader marks = HandleSupport.section(s, "marks");
      long closedThrough = marks.u64("marks.nextRound") - 1;
      marks.requireEnd("marks");
      TreeMap<Long, P256Point> products = new TreeMap<>();
      TreeMap<Long, boolean[]> present = new TreeMap<>();
      for (String name : s.names()) {
        if (!name.startsWith("round/")) {
          continue;
        }
        long j = parseRound(name);
        CanonicalReader r = HandleSupport.section(s, name);
        P256Point product = r.u8("round.identity") == 1 ? P256Point.identity()
            : P256Point.decode(r.fixed("round.product", P256Point.COMPRESSED_LENGTH));
        int m = r.u32("round.members");
        if (m != members.size()) {
          throw new StoreException(RuntimeChecks.RT_S_05, name + ": member count");
        }
        boolean[] p = new boolean[m];
        for (int i = 0; i < m; i++) {
          int b = r.u8("round.present");
          if (b > 1) {
            throw new StoreException(RuntimeChecks.RT_S_05, name + ": flag");
          }
          p[i] = b == 1;
        }
        r.requireEnd(name);
        products.put(j, product);
        present.put(j, p);
      }
      return PsaAggregator.restore(params, group, members, sk, dlog, products, present,
          closedThrough);
    } catch (MalformedMessageException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "aggregator state: field " + e.field());
    } catch (InvalidEncodingException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "aggregator state: product not a point");
    } catch (IllegalArgumentException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "aggregator state breaks an invariant");
    }
  }

  private static long parseRound(String name) throws StoreException {
    String digits = name.substring("round/".length());
    if (!digits.matches("0|[1-9][0-9]{0,18}")) {
      throw new StoreException(RuntimeChecks.RT_S_05, "malformed section name");
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "malformed section name");
    }
  }

  /**
   * Sections (spec/runtime.md §6.2): {@code role} = u16 1 || u32 n || n × ascii8 member;
   * {@code marks} = u16 1 || u64 (closedThrough + 1); per open round j, {@code round/<j>} =
   * u16 1 || u8 identity (1 if the product is the identity, else 0 || 33-byte compressed
   * product) || u32 n || n × u8 present.
   */
  private static final RoleBinding<PsaAggregator, PsaInput> BINDING = new RoleBinding<>() {
    @Override
    public Map<String, byte[]> sections(PsaAggregator party) {
      Map<String, byte[]> out = new TreeMap<>();
      CanonicalWriter role = new CanonicalWriter().u16(HandleSupport.SCHEMA)
          .u32(party.members().size());
      party.members().forEach(m -> role.ascii8(m.value()));
      out.put("role", role.toByteArray());
      out.put("marks", new CanonicalWriter().u16(HandleSupport.SCHEMA)
          .u64(party.closedThrough() + 1).toByteArray());
      party.openRounds().forEach((j, o) -> {
        CanonicalWriter w = new CanonicalWriter().u16(HandleSupport.SCHEMA);
        if (o.product().isIdentity()) {
          w.u8(1);
        } else {
          w.u8(0).fixed(o.product().toCompressed());
        }
        boolean[] p = o.present();
        w.u32(p.length);
        for (boolean b : p) {
          w.u8(b ? 1 : 0);
        }
        out.put("round/" + j, w.toByteArray());
      });
      return out;
    }

    @Override
    public PsaInput timerInput(TimerId timer) {
      if (!timer.kind().equals(TimerId.ROUND_DEADLINE)) {
        throw new ProtocolBugException("the PSA aggregator arms ROUND_DEADLINE only: " + timer);
      }
      return new PsaInput.Deadline(new Round(timer.argument()));
    }
  };
}
