// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.GroupId;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.Role;
import io.gridveil.core.runtime.RoleAddress;
import io.gridveil.core.runtime.RoleBinding;
import io.gridveil.core.runtime.RoleRuntime;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.RoundSchedule;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.Timing;
import java.util.Objects;

/**
 * What every blinding handle of one group is opened with (spec/runtime.md §3.2, §5.1): the group,
 * its parameters, the trust anchors of spec/blinding.md §5.3 (the TTP's, the aggregator's and the
 * supplier's role keys and the supplier's licence-signing key), the revocation list the verifiers
 * hold, the timer durations and the round schedule.
 *
 * @param group the group
 * @param params the group's parameters
 * @param anchors the trust anchors every role's verifier holds; each party checks its sender's role
 *     itself (spec/blinding.md §5.3)
 * @param revocations the revocation list the verifiers hold
 * @param timing the durations of the roles' timers (spec/runtime.md §4.5)
 * @param schedule the deployment's round schedule (spec/runtime.md §4.2)
 */
public record BlindingDeployment(
    GroupId group,
    BlindingParameters params,
    TrustAnchors anchors,
    RevocationList revocations,
    Timing timing,
    RoundSchedule schedule) {
  static final EnvelopeCodec<BlindingMessage> CODEC = EnvelopeCodec.of(new BlindingCodec());

  /**
   * Validates the components.
   *
   * @param group the group
   * @param params the group's parameters
   * @param anchors the trust anchors every role's verifier holds
   * @param revocations the revocation list the verifiers hold
   * @param timing the durations of the roles' timers
   * @param schedule the deployment's round schedule
   */
  public BlindingDeployment {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(anchors, "anchors");
    Objects.requireNonNull(revocations, "revocations");
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(schedule, "schedule");
  }

  /**
   * A deployment with nothing revoked and the default timing and schedule (spec/runtime.md §5.1).
   *
   * @param group the group
   * @param params the group's parameters
   * @param anchors the trust anchors
   * @return the deployment
   */
  public static BlindingDeployment of(
      GroupId group, BlindingParameters params, TrustAnchors anchors) {
    return new BlindingDeployment(
        group, params, anchors, RevocationList.NONE, Timing.defaults(), RoundSchedule.defaults());
  }

  /** The verifier of the role at {@code self}. */
  EnvelopeVerifier<BlindingMessage> verifier(Address self) {
    return EnvelopeVerifier.of(CODEC, self, group, anchors).withRevocations(revocations);
  }

  /** The party a signing role resumes from its stored state, or starts fresh with. */
  @FunctionalInterface
  interface PartyFactory<S> {
    S party(RoleRuntime.Resumed resumed) throws StoreException;
  }

  /**
   * Opens the runtime of a role that signs its frames with a role key (the aggregator, the
   * supplier and the TTP, spec/runtime.md §3.2) behind its own address of this deployment.
   */
  <S extends AuthenticatedParty<S, BlindingInput>>
      RoleRuntime<S, BlindingInput, BlindingMessage> openSigned(Role role, Address self,
          Ed25519SigningKey signingKey, RoleStore store, RandomSource random,
          RoleBinding<S, BlindingInput> binding, PartyFactory<S> party) throws StoreException {
    Objects.requireNonNull(signingKey, "signingKey");
    return RoleRuntime.open(store, RoleAddress.of(group, role), timing, schedule, random, binding,
        resumed -> Endpoint.signing(party.party(resumed), CODEC, BlindingInput.Inbound::new,
            verifier(self), signingKey, resumed.sequenceBase()));
  }
}
