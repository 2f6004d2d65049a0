// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

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
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.AbstractRoleHandle;
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
import io.gridveil.core.runtime.TimerId;
import io.gridveil.core.runtime.Timing;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.ddh.internal.HandleSupport;
import java.util.Map;
import java.util.Objects;

/**
 * The handle of a PSA meter (spec/runtime.md §3.2; spec/ddh.md §7.3, §7.6): its one operation is
 * {@link #onReading}; it accepts no frame (a frame for the aggregator is ignored, §3.5 item 1, a
 * group broadcast is refused with PSA-V-03) and arms no timer.
 *
 * <p>Keys (spec/runtime.md §5.4): sk_i under {@code psa.meter.sk} (P256_SCALAR) and the licence
 * key under {@code psa.meter.licence} (ED25519), imported from the deal and the licence on the
 * first open and read from the vault afterwards. Durable state (§6.2): the encrypt-once mark
 * lastEncrypted in section {@code marks}, committed with the Contribution that depends on it
 * (§6.1), so a reopened meter never encrypts a round twice.
 */
public final class PsaMeterHandle extends AbstractRoleHandle<PsaMeter, PsaInput, PsaMessage> {
  /** The alias of sk_i (spec/runtime.md §5.4). */
  public static final KeyAlias SECRET = KeyAlias.of("psa.meter.sk");
  /** The alias of the licence key (spec/runtime.md §5.4). */
  public static final KeyAlias LICENCE_KEY = KeyAlias.of("psa.meter.licence");

  static final EnvelopeCodec<PsaMessage> CODEC = EnvelopeCodec.of(PsaCodec.INSTANCE);

  private PsaMeterHandle(RoleRuntime<PsaMeter, PsaInput, PsaMessage> runtime) {
    super(runtime);
  }

  /**
   * Opens a PSA meter (spec/runtime.md §3.1 item 1): resumes from the store if it holds a commit,
   * else starts fresh. The meter's identity and group are its licence's.
   *
   * @param params the group's parameters
   * @param key the meter's dealt key, imported into the vault on the first open
   * @param licence the meter's signed licence
   * @param licenceSeed the Ed25519 seed of the licence's meter key, imported on the first open
   * @param anchors the trust anchors of the group
   * @param store the meter's store
   * @param schedule the deployment's round schedule
   * @param random the injected random source
   * @return the handle
   * @throws StoreException RT-S-01 to RT-S-05 if the stored state or keys fail a check
   * @throws IllegalArgumentException if the key is for another group than the licence, or the
   *     licence key is not the licence's
   */
  public static PsaMeterHandle open(PsaParameters params, PsaMeterKey key, SignedLicence licence,
      SecretBytes licenceSeed, TrustAnchors anchors, RoleStore store, RoundSchedule schedule,
      RandomSource random) throws StoreException {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(licenceSeed, "licenceSeed");
    Objects.requireNonNull(anchors, "anchors");
    GroupId group = licence.licence().group();
    MeterId self = licence.licence().meter();
    if (!key.group().equals(group)) {
      throw new IllegalArgumentException("the key was dealt for another group than the licence's");
    }
    RoleRuntime<PsaMeter, PsaInput, PsaMessage> rt = RoleRuntime.open(store,
        RoleAddress.meter(group, self), Timing.defaults(), schedule, random, BINDING, resumed -> {
          KeyVault vault = resumed.vault();
          HandleSupport.importOnce(vault, SECRET, KeyKind.P256_SCALAR, key.secret().scalar());
          HandleSupport.importOnce(vault, LICENCE_KEY, KeyKind.ED25519, licenceSeed);
          PsaSecretKey sk = secretKey(vault, SECRET);
          Ed25519SigningKey licenceKey = HandleSupport.signingKey(vault, LICENCE_KEY);
          long last = -1;
          if (resumed.state().isPresent()) {
            last = decodeMarks(resumed.state().get());
          }
          PsaMeter m = PsaMeter.restore(params, group, self, sk, last);
          return Endpoint.licensed(m, CODEC, PsaInput.Inbound::new,
              EnvelopeVerifier.of(CODEC, m, group, anchors), licence, licenceKey,
              resumed.sequenceBase());
        });
    return new PsaMeterHandle(rt);
  }

  static PsaSecretKey secretKey(KeyVault vault, KeyAlias alias) throws StoreException {
    SecretBytes b = vault.exportKey(alias, KeyKind.P256_SCALAR, SecretAccess.grant());
    try {
      return PsaSecretKey.fromScalar(b);
    } catch (IllegalArgumentException e) {
      throw new StoreException(RuntimeChecks.RT_S_04, "alias " + alias + " is not a P-256 scalar");
    }
  }

  private static long decodeMarks(io.gridveil.core.runtime.StoredState s) throws StoreException {
    CanonicalReader r = HandleSupport.section(s, "marks");
    try {
      long next = r.u64("marks.nextRound");
      r.requireEnd("marks");
      if (next < 0) {
        throw new StoreException(RuntimeChecks.RT_S_05, "marks: round out of range");
      }
      return next - 1;
    } catch (MalformedMessageException e) {
      throw new StoreException(RuntimeChecks.RT_S_05, "section marks: field " + e.field());
    }
  }

  /**
   * Sections (spec/runtime.md §6.2): {@code marks} = u16 1 || u64 (lastEncrypted + 1), the first
   * round the meter may still encrypt.
   */
  private static final RoleBinding<PsaMeter, PsaInput> BINDING = new RoleBinding<>() {
    @Override
    public Map<String, byte[]> sections(PsaMeter party) {
      return Map.of("marks", new CanonicalWriter().u16(HandleSupport.SCHEMA)
          .u64(party.lastEncrypted() + 1).toByteArray());
    }

    @Override
    public PsaInput timerInput(TimerId timer) {
      throw new io.gridveil.core.ProtocolBugException("a PSA meter arms no timer: " + timer);
    }
  };

  /**
   * Encrypts the meter's reading for round j (spec/ddh.md §7.3) and returns the Contribution to
   * the aggregator; the encrypt-once mark is committed before the outbox is returned. A reading
   * refused by its bounds (CORE-R-01 to CORE-R-03) or a round at or below the mark (PSA-S-03)
   * is the outbox's refusal, and nothing changes.
   *
   * @param round j
   * @param reading e_ij
   * @param now the product's current time
   * @return the outbox
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox onReading(Round round, Reading reading, LogicalTime now) throws StoreException {
    return runtime().input(new PsaInput.LocalReading(round, reading), now);
  }

  /**
   * Returns the last round this meter encrypted (spec/ddh.md §7.3).
   *
   * @return the round index, -1 if none
   */
  public long lastEncrypted() {
    return runtime().party().lastEncrypted();
  }
}
