// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.ReceiverPolicy;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.testkit.TestPki;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Key material for the party-level tests (spec/blinding.md §5.3): one {@link TestPki} per group,
 * so a test hands a party the {@link io.gridveil.core.auth.VerifiedEnvelope} its step function
 * requires, sealed by the envelope's sender and verified as its endpoint would.
 */
final class TestAuth {
  static final EnvelopeCodec<BlindingMessage> CODEC = EnvelopeCodec.of(new BlindingCodec());

  private static final Map<GroupId, TestPki> PKIS = new HashMap<>();

  private TestAuth() {}

  /** The PKI of a group (role keys, a licence per meter for that group). */
  static synchronized TestPki pki(GroupId group) {
    return PKIS.computeIfAbsent(
        group, g -> new TestPki(DeterministicRandomSource.fromSeed(g.value().hashCode())));
  }

  /** Seals an envelope as its sender would and verifies it for a receiver with that policy. */
  static synchronized BlindingInput.Inbound inbound(
      Envelope<BlindingMessage> e, ReceiverPolicy receiver) throws ProtocolViolationException {
    return new BlindingInput.Inbound(pki(e.group()).verified(e, CODEC, receiver));
  }

  /** As {@link #inbound(Envelope, ReceiverPolicy)}, for the party at the envelope's recipient. */
  static BlindingInput.Inbound inbound(Envelope<BlindingMessage> e)
      throws ProtocolViolationException {
    return inbound(e, ReceiverPolicy.of(e.recipient()));
  }

  /** The group's licences of the meters, in order. */
  static synchronized List<SignedLicence> licences(GroupId group, List<MeterId> meters) {
    List<SignedLicence> out = new ArrayList<>();
    for (MeterId m : meters) {
      out.add(pki(group).licence(m, group));
    }
    return out;
  }

  /** The TTP's set-up of a group with licences of every meter, at round 0, nothing revoked. */
  static Step<TrustedThirdParty> setup(
      TrustedThirdParty ttp,
      GroupId group,
      List<MeterId> roster,
      PaillierKeyPair keys,
      RandomSource random)
      throws ProtocolViolationException {
    return ttp.setup(
        licences(group, roster), keys, pki(group).anchors(), RevocationList.NONE, Round.FIRST,
        random);
  }

  /** The input form of {@link #setup}. */
  static BlindingInput.SetupWithKeys setupInput(
      GroupId group, List<MeterId> roster, PaillierKeyPair keys) {
    return new BlindingInput.SetupWithKeys(
        licences(group, roster), keys, pki(group).anchors(), RevocationList.NONE, Round.FIRST);
  }
}
