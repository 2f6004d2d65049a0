// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.ProtocolId;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.testkit.fuzz.FrameScript;
import io.gridveil.testkit.fuzz.Parties;
import io.gridveil.testkit.fuzz.Sealer;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the distortion parties behind their endpoints (spec/distortion.md
 * §4, spec/auth.md §10): a sequence of frames, each sealed as a meter (licensed), the collector,
 * the utility's supplier key or sent unsealed, is routed by its recipient to the collector, the
 * utility or a meter of a {@link Neighbourhood} of one group and two meters. Only
 * ProtocolViolationException may escape, and a refused frame leaves the party unchanged.
 */
class DistortionPartiesFuzzTest {
  private static final Round NOW = new Round(Neighbourhood.FIRST_SLOT);
  private static final Fixture F = new Fixture();

  /** The parties' initial states, verifiers and keys (all immutable). */
  private static final class Fixture {
    final Neighbourhood n = new Neighbourhood(1, 2, FaultPlan.NONE, 0, 7);
    final GroupId group = n.groups.get(0);
    final FrameScript script;

    Fixture() {
      List<Address> addresses = new ArrayList<>();
      List<Sealer> sealers = new ArrayList<>();
      for (MeterId id : n.meters.keySet()) {
        addresses.add(Address.identified(id));
        SignedLicence licence = n.pki.licence(id, group);
        sealers.add(Sealer.licensed(licence, n.pki.meterKey(id)));
      }
      addresses.add(Address.LOCAL_CONCENTRATOR);
      addresses.add(Address.identified(CollectorKeys.identity(group)));
      addresses.add(Address.SUPPLIER);
      addresses.add(Address.GROUP_BROADCAST);
      sealers.add(Sealer.signed(n.collectorKeys.key(group)));
      sealers.add(Sealer.signed(n.pki.key(Address.SUPPLIER)));
      script = new FrameScript(ProtocolId.DISTORTION, group, addresses, sealers);
    }
  }

  @FuzzTest
  void receiveFrames(byte[] input) {
    Parties parties = new Parties();
    Endpoint<Collector, Collector.Input, DistortionMessage> c = F.n.collectors.get(F.group);
    parties.add(
        List.of(Address.LOCAL_CONCENTRATOR, Address.identified(CollectorKeys.identity(F.group))),
        Endpoint.signing(c.party(), Neighbourhood.CODEC, Collector.Input.Inbound::new,
            c.verifier(), F.n.collectorKeys.key(F.group), 0));
    parties.add(List.of(Address.SUPPLIER),
        Endpoint.signing(F.n.utility.party(), Neighbourhood.CODEC, Utility.Input.Inbound::new,
            F.n.utility.verifier(), F.n.pki.key(Address.SUPPLIER), 0));
    F.n.meters.forEach((id, m) -> parties.add(List.of(Address.identified(id)),
        Endpoint.licensed(m.party(), Neighbourhood.CODEC, DistortingMeter.Input.Inbound::new,
            m.verifier(), F.n.pki.licence(id, F.group), F.n.pki.meterKey(id), 0)));
    parties.feed(F.script.frames(input, NOW), NOW, DeterministicRandomSource.fromSeed(7));
  }
}
