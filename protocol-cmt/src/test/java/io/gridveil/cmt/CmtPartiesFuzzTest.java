// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.AggregationParameters;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.ProtocolId;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.testkit.fuzz.FrameScript;
import io.gridveil.testkit.fuzz.Parties;
import io.gridveil.testkit.fuzz.Sealer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the CMT parties behind their endpoints (spec/cmt.md §3, §11,
 * spec/auth.md §10): a keyed group of four from {@link CmtGroupDriver}, the supplier and every
 * meter (the LC among them) in their settled states; a sequence of frames, each signed by the
 * supplier, sealed under a meter's licence, MACed under a meter's reading token or sent unsealed,
 * is routed by its recipient. Only ProtocolViolationException may escape, and a refused frame
 * leaves the party unchanged.
 */
class CmtPartiesFuzzTest {
  private static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(16, 1000, 16))
          .withMinGroupSize(3);
  private static final Fixture F = new Fixture();

  /** A settled group's states, keys and the script over its addresses and credentials. */
  private static final class Fixture {
    final CmtGroupDriver d = new CmtGroupDriver(PARAMS, FaultPlan.NONE, 23);
    final Supplier supplier;
    final Map<MeterId, Meter> meters;
    final Round now;
    final FrameScript script;

    Fixture() {
      for (int i = 0; i < 4; i++) {
        d.join();
      }
      if (!d.settle(10)) {
        throw new AssertionError("the group settles: " + d.dump());
      }
      supplier = d.supplier();
      meters = d.meters();
      now = d.now();
      List<Address> addresses = new ArrayList<>(List.of(
          Address.SUPPLIER, Address.LOCAL_CONCENTRATOR, Address.GROUP_BROADCAST));
      List<Sealer> sealers = new ArrayList<>(List.of(Sealer.signed(d.pki.key(Address.SUPPLIER))));
      meters.forEach((id, m) -> {
        addresses.add(Address.identified(id));
        sealers.add(Sealer.licensed(m.licence().orElseGet(() -> d.pki.licence(id,
            CmtGroupDriver.GROUP)), d.pki.meterKey(id)));
        m.token().ifPresent(t -> addresses.add(Address.meter(t)));
        m.readingToken().ifPresent(t -> {
          addresses.add(Address.meter(t));
          m.readingKey(t).ifPresent(k -> sealers.add(Sealer.maced(k)));
        });
      });
      script = new FrameScript(ProtocolId.CMT, CmtGroupDriver.GROUP, addresses, sealers);
    }
  }

  @FuzzTest
  void receiveFrames(byte[] input) {
    Parties parties = new Parties();
    parties.add(List.of(Address.SUPPLIER), Endpoint.signing(F.supplier, CmtGroupDriver.CODEC,
        CmtInput.Inbound::new, EnvelopeVerifier.of(CmtGroupDriver.CODEC, F.supplier,
            CmtGroupDriver.GROUP, F.d.supplierAnchors()), F.d.pki.key(Address.SUPPLIER), 0));
    F.meters.forEach((id, m) -> {
      List<Address> at = new ArrayList<>(List.of(Address.identified(id)));
      m.token().ifPresent(t -> at.add(Address.meter(t)));
      m.readingToken().ifPresent(t -> at.add(Address.meter(t)));
      if (m.isLocalConcentrator()) {
        at.add(Address.LOCAL_CONCENTRATOR);
      }
      parties.add(at, Endpoint.signing(m, CmtGroupDriver.CODEC, CmtInput.Inbound::new,
          EnvelopeVerifier.of(CmtGroupDriver.CODEC, m, CmtGroupDriver.GROUP, F.d.meterAnchors),
          F.d.pki.meterKey(id), 0));
    });
    parties.feed(F.script.frames(input, F.now), F.now, DeterministicRandomSource.fromSeed(23));
  }
}
