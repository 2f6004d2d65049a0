// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridveil.core.GroupId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.ProtocolId;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.testkit.TestPki;
import io.gridveil.testkit.fuzz.FrameScript;
import io.gridveil.testkit.fuzz.Parties;
import java.util.List;

/**
 * Coverage-guided fuzzing of the blinding parties behind their endpoints (spec/blinding.md,
 * spec/auth.md §10): an {@link AuthenticatedGroup} of four meters, set up with a 2048-bit key and
 * run for one round; the TTP, aggregator, supplier and meters in those states receive a sequence
 * of frames, each signed by a role key, sealed under a meter's licence or sent unsealed, routed by
 * recipient. Only ProtocolViolationException may escape, and a refused frame leaves the party
 * unchanged.
 */
class BlindingPartiesFuzzTest {
  private static final Fixture F = new Fixture();

  /** The group after one round, and the script over its addresses and credentials. */
  private static final class Fixture {
    final AuthenticatedGroup g;
    final Round now = new Round(AuthenticatedGroup.SETUP.index() + 1);
    final FrameScript script;

    Fixture() {
      GroupId group = new GroupId("blind-fuzz");
      TestPki pki = new TestPki(DeterministicRandomSource.fromSeed(41));
      g = new AuthenticatedGroup(pki, group, 4, BlindingParameters.of(4, 10_000, true),
          FaultPlan.NONE, 41, null, RevocationList.NONE);
      try {
        g.setUp(TestKeys.k2048());
        g.round(AuthenticatedGroup.SETUP.index());
      } catch (ProtocolViolationException e) {
        throw new AssertionError("the fixture's group runs", e);
      }
      script = FrameScript.rolesAndMeters(ProtocolId.BLINDING, group, pki,
          List.of(Address.TRUSTED_THIRD_PARTY, Address.AGGREGATOR, Address.SUPPLIER), g.roster);
    }
  }

  @FuzzTest
  void receiveFrames(byte[] input) {
    Parties parties = new Parties();
    parties.add(List.of(Address.TRUSTED_THIRD_PARTY), copy(F.g.ttp, Address.TRUSTED_THIRD_PARTY));
    parties.add(List.of(Address.AGGREGATOR), copy(F.g.aggregator, Address.AGGREGATOR));
    parties.add(List.of(Address.SUPPLIER), copy(F.g.supplier, Address.SUPPLIER));
    F.g.meters.forEach((id, m) -> parties.add(List.of(Address.identified(id)),
        Endpoint.licensed(m.party(), TestAuth.CODEC, BlindingInput.Inbound::new, m.verifier(),
            F.g.pki.licence(id, F.g.group), F.g.pki.meterKey(id), 0)));
    parties.feed(F.script.frames(input, F.now), F.now, DeterministicRandomSource.fromSeed(41));
  }

  private static <S extends io.gridveil.core.auth.AuthenticatedParty<S, BlindingInput>>
      Endpoint<S, BlindingInput, BlindingMessage> copy(
          Endpoint<S, BlindingInput, BlindingMessage> e, Address role) {
    return Endpoint.signing(e.party(), TestAuth.CODEC, BlindingInput.Inbound::new, e.verifier(),
        F.g.pki.key(role), 0);
  }
}
