// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.ProtocolId;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.testkit.fuzz.FrameScript;
import io.gridveil.testkit.fuzz.Parties;
import java.util.List;

/**
 * Coverage-guided fuzzing of the EDAT parties behind their endpoints (spec/ddh.md §10,
 * spec/auth.md §10): the supplier, aggregator and five meters of an {@link EdatNet} with its
 * signed roster; a sequence of frames, each signed by a role key, sealed under a meter's licence
 * or sent unsealed, is routed by recipient. Only ProtocolViolationException may escape, and a
 * refused frame leaves the party unchanged.
 */
class DdhPartiesFuzzTest {
  private static final Round NOW = new Round(1);
  private static final Fixture F = new Fixture();

  /** The group's initial endpoints, and the script over its addresses and credentials. */
  private static final class Fixture {
    final EdatNet net;
    final FrameScript script;

    Fixture() {
      try {
        net = new EdatNet(new EdatGroup(DdhParameters.of(5, 100, 16), 5, 3), RevocationList.NONE,
            FaultPlan.NONE, null, 3);
      } catch (ProtocolViolationException e) {
        throw new AssertionError("the fixture's group is valid", e);
      }
      script = FrameScript.rolesAndMeters(ProtocolId.DDH, net.g.group, net.g.pki,
          List.of(Address.SUPPLIER, Address.AGGREGATOR), net.g.ids);
    }
  }

  @FuzzTest
  void receiveFrames(byte[] input) {
    EdatGroup g = F.net.g;
    Parties parties = new Parties();
    parties.add(List.of(Address.SUPPLIER), Endpoint.signing(F.net.supplier.party(), EdatGroup.CODEC,
        DdhInput.Inbound::new, F.net.supplier.verifier(), g.pki.key(Address.SUPPLIER), 0));
    parties.add(List.of(Address.AGGREGATOR), Endpoint.signing(F.net.aggregator.party(),
        EdatGroup.CODEC, DdhInput.Inbound::new, F.net.aggregator.verifier(),
        g.pki.key(Address.AGGREGATOR), 0));
    F.net.meters.forEach((id, m) -> parties.add(List.of(Address.identified(id)),
        Endpoint.licensed(m.party(), EdatGroup.CODEC, DdhInput.Inbound::new, m.verifier(),
            g.pki.licence(id, g.group), g.pki.meterKey(id), 0)));
    parties.feed(F.script.frames(input, NOW), NOW, DeterministicRandomSource.fromSeed(3));
  }
}
