// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedRevocationList;
import io.gridveil.core.message.Address;
import io.gridveil.core.network.FaultPlan;
import io.gridveil.core.party.RoundOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Licences are checked on every licensed frame at the receiver's current round, hence at join
 * (LcDiscovery) and at every re-key (KeyShare): an expired or revoked licence is refused with
 * AUTH-V-10 or AUTH-V-11 and the group is keyed without its meter (spec/cmt.md §11.3).
 */
class CmtLicenceTest {
  private static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(8, 100_000, 64))
          .withMinGroupSize(3);

  private static CmtGroupDriver keyedGroup(int n) {
    CmtGroupDriver d = new CmtGroupDriver(PARAMS, FaultPlan.NONE, 41);
    for (int i = 0; i < n; i++) {
      d.join();
    }
    assertTrue(d.settle(10), d::dump);
    return d;
  }

  private static List<MeterId> without(CmtGroupDriver d, MeterId x) {
    List<MeterId> l = new ArrayList<>(d.live());
    l.remove(x);
    return l;
  }

  /** Runs a round; an exact outcome must be the sum of the readings of the meters it names. */
  private static RoundOutcome roundChecked(CmtGroupDriver d) {
    Map<MeterId, Long> readings = new HashMap<>();
    long v = 7;
    for (MeterId id : d.live()) {
      readings.put(id, v);
      v += 1000;
    }
    RoundOutcome o = d.round(readings).orElseThrow();
    if (o instanceof RoundOutcome.Exact e) {
      long sum = 0;
      for (MeterId id : d.exactMembers.get(e.round())) {
        sum += readings.get(id);
      }
      assertEquals(sum, e.sum());
    }
    return o;
  }

  private static void revoke(CmtGroupDriver d, long serial) throws Exception {
    d.revoke(SignedRevocationList.issue(new RevocationList(1, Set.of(serial)),
        d.pki.key(Address.SUPPLIER)));
  }

  private static void assertKeyedWithout(CmtGroupDriver d, MeterId x) {
    assertTrue(d.settle(10, () -> without(d, x)), d::dump);
    assertFalse(d.keyedMembers().contains(x));
    assertEquals(without(d, x).size(), d.supplier().members().size());
    RoundOutcome o = roundChecked(d);
    assertTrue(o instanceof RoundOutcome.Exact, () -> o + "\n" + d.dump());
    assertFalse(d.exactMembers.get(o.round()).contains(x));
  }

  @Test
  void expiredLicence_refusedAtJoin() {
    CmtGroupDriver d = keyedGroup(3);
    long epoch = d.supplier().epoch();
    // valid in round 0 only: the meter takes the grant, its discovery (round >= 1) is refused
    MeterId x = d.joinWithLicence(500, Round.FIRST);
    d.settle(3, () -> without(d, x));
    assertTrue(d.rejections().containsKey("AUTH-V-10"), d::dump);
    assertFalse(d.meter(x).token().isPresent(), "no token was assigned");
    assertEquals(epoch, d.supplier().epoch(), "a refused discovery does not re-key");
    assertKeyedWithout(d, x);
  }

  @Test
  void revokedLicence_refusedAtJoin() throws Exception {
    CmtGroupDriver d = keyedGroup(3);
    revoke(d, 501);
    MeterId x = d.joinWithLicence(501, Anchor.FOREVER);
    d.settle(3, () -> without(d, x));
    assertTrue(d.rejections().containsKey("AUTH-V-11"), d::dump);
    assertFalse(d.meter(x).token().isPresent(), "no token was assigned");
    assertKeyedWithout(d, x);
  }

  @Test
  void licenceExpiringBetweenRounds_refusedAtReKey_groupReKeyedWithoutIt() {
    CmtGroupDriver d = keyedGroup(3);
    // valid through round 3; the receivers of round j are at round j + 1 (CmtGroupDriver.now)
    MeterId x = d.joinWithLicence(502, new Round(3));
    assertTrue(d.settle(10), d::dump);
    assertTrue(d.keyedMembers().contains(x));
    assertTrue(roundChecked(d) instanceof RoundOutcome.Exact);
    assertTrue(roundChecked(d) instanceof RoundOutcome.Exact);
    // round 3 runs at round 4: x's frames are refused, the ring breaks, the LC re-keys and
    // refuses x's key share
    int before = d.rejections().getOrDefault("AUTH-V-10", 0);
    RoundOutcome broken = roundChecked(d);
    assertTrue(broken instanceof RoundOutcome.Voided, () -> broken + "\n" + d.dump());
    assertTrue(d.rejections().getOrDefault("AUTH-V-10", 0) > before, d::dump);
    assertKeyedWithout(d, x);
  }

  @Test
  void licenceRevokedInAKeyedGroup_refusedAtReKey_groupReKeyedWithoutIt() throws Exception {
    CmtGroupDriver d = keyedGroup(4);
    MeterId x = d.live().stream().filter(id -> !d.meter(id).isLocalConcentrator()).findFirst()
        .orElseThrow();
    long serial = d.meter(x).licence().orElseThrow().licence().serial();
    revoke(d, serial);
    // A join re-keys the group: x's key share is refused.
    MeterId y = d.join();
    assertTrue(d.settle(10, () -> without(d, x)), d::dump);
    assertTrue(d.rejections().containsKey("AUTH-V-11"), d::dump);
    assertTrue(d.keyedMembers().contains(y));
    assertKeyedWithout(d, x);
  }
}
