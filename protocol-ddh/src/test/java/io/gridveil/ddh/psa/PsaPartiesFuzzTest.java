// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.message.ProtocolId;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.testkit.fuzz.FrameScript;
import io.gridveil.testkit.fuzz.Parties;
import java.util.List;

/**
 * Coverage-guided fuzzing of the PSA parties behind their endpoints (spec/ddh.md §7,
 * spec/auth.md §10): the aggregator and three licensed meters of {@link
 * PsaNetworkProperties.Fixture}; a sequence of frames, each signed by a role key, sealed under a
 * meter's licence or sent unsealed, is routed by recipient. Only ProtocolViolationException may
 * escape, and a refused frame leaves the party unchanged.
 */
class PsaPartiesFuzzTest {
  private static final EnvelopeCodec<PsaMessage> CODEC = EnvelopeCodec.of(PsaCodec.INSTANCE);
  private static final Round NOW = new Round(PsaNetworkProperties.FIRST);
  private static final Fixture F = new Fixture();

  /** The group's initial endpoints, and the script over its addresses and credentials. */
  private static final class Fixture {
    final PsaNetworkProperties.Fixture f;
    final FrameScript script;

    Fixture() {
      try {
        f = new PsaNetworkProperties.Fixture(3, FaultPlan.NONE, 5, null, null);
      } catch (ProtocolViolationException e) {
        throw new AssertionError("the fixture's group is valid", e);
      }
      script = FrameScript.rolesAndMeters(ProtocolId.PSA, PsaNetworkProperties.G, f.pki,
          List.of(Address.AGGREGATOR, Address.SUPPLIER), f.ids);
    }
  }

  @FuzzTest
  void receiveFrames(byte[] input) {
    Parties parties = new Parties();
    parties.add(List.of(Address.AGGREGATOR), Endpoint.signing(F.f.aggregator.party(), CODEC,
        PsaInput.Inbound::new, F.f.aggregator.verifier(), F.f.pki.key(Address.AGGREGATOR), 0));
    F.f.meters.forEach((id, m) -> parties.add(List.of(Address.identified(id)),
        Endpoint.licensed(m.party(), CODEC, PsaInput.Inbound::new, m.verifier(),
            F.f.pki.licence(id, PsaNetworkProperties.G), F.f.pki.meterKey(id), 0)));
    parties.feed(F.script.frames(input, NOW), NOW, DeterministicRandomSource.fromSeed(5));
  }
}
