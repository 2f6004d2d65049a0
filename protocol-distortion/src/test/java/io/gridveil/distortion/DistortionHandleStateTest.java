// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.CheckId;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.RuntimeChecks;
import io.gridveil.core.runtime.StorageKey;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.distortion.billing.BillingState;
import io.gridveil.distortion.billing.ClosedCycle;
import io.gridveil.distortion.billing.FileBillingStore;
import io.gridveil.testkit.TamperingStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distortion roles' stored state (spec/runtime.md §6.2, §6.4, §6.6): a section that does not
 * decode or breaks an invariant is RT-S-05, a newer schema RT-S-02, a vault key that is not the
 * licence's RT-S-04; and the import of a file billing store's {@code billing.state} on first open.
 */
class DistortionHandleStateTest {
  static HandleNet net(Map<String, TamperingStore> stores) throws Exception {
    return new HandleNet(1, 2, 81, node -> stores.computeIfAbsent(node, n -> new TamperingStore(RoleStore.inMemory())));
  }

  static CheckId reopenFails(HandleNet net, String node, Map<String, TamperingStore> stores,
      String section, UnaryOperator<byte[]> change) {
    stores.get(node).change(section, change);
    StoreException e = assertThrows(StoreException.class, () -> {
      if (node.startsWith("collector-")) {
        net.openCollector(net.groups.get(0));
      } else if (node.equals("utility")) {
        net.openUtility();
      } else {
        net.openMeter(new MeterId(node));
      }
    });
    stores.get(node).clear();
    return e.checkId().orElseThrow();
  }

  static byte[] flipLast(byte[] b) {
    byte[] c = b.clone();
    c[c.length - 1] ^= 1;
    return c;
  }

  static byte[] appendZero(byte[] b) {
    return java.util.Arrays.copyOf(b, b.length + 1);
  }

  static byte[] schema2(byte[] b) {
    byte[] c = b.clone();
    c[1] = 2;
    return c;
  }

  @Test
  void corruptOrNewerSections_refuseTheReopen_andTheUntouchedStateStillOpens() throws Exception {
    Map<String, TamperingStore> stores = new HashMap<>();
    HandleNet net = net(stores);
    var readings = DeterministicRandomSource.fromSeed(82);
    for (long j = 0; j < 4; j++) {
      net.slot(j, readings);
    }
    MeterId m = net.groupOf.keySet().iterator().next();
    // Put a reading in the collector's open slot (it closes cycle 0 at m) and a query in the
    // utility's outstanding set, whose frame stays on the air across the reopens.
    net.readSlot(4, java.util.List.of(m), readings);
    net.take(net.utility.queryBill(m, net.groups.get(0), 0, net.now));
    String c = "collector-" + net.groups.get(0).value();

    // The meter: a GVBS whose CRC32C fails (DIST-S-06 inside), trailing bytes, a newer schema.
    assertEquals(RuntimeChecks.RT_S_05,
        reopenFails(net, m.value(), stores, DistortingMeterHandle.BILLING, DistortionHandleStateTest::flipLast));
    assertEquals(RuntimeChecks.RT_S_05,
        reopenFails(net, m.value(), stores, DistortingMeterHandle.BILLING, DistortionHandleStateTest::appendZero));
    assertEquals(RuntimeChecks.RT_S_02,
        reopenFails(net, m.value(), stores, DistortingMeterHandle.BILLING, DistortionHandleStateTest::schema2));
    // The collector: a reading beyond the wire bound 2^53, trailing bytes, a newer schema.
    assertEquals(RuntimeChecks.RT_S_05, reopenFails(net, c, stores, CollectorHandle.ROUND, b -> {
      byte[] x = b.clone();
      x[x.length - 8] = 0x7f; // the last reading's top byte: far above 2^53
      return x;
    }));
    assertEquals(RuntimeChecks.RT_S_05,
        reopenFails(net, c, stores, CollectorHandle.ROUND, DistortionHandleStateTest::appendZero));
    assertEquals(RuntimeChecks.RT_S_02,
        reopenFails(net, c, stores, CollectorHandle.ROUND, DistortionHandleStateTest::schema2));
    // The utility: a truncated bills section, a round section naming a group it does not serve.
    assertEquals(RuntimeChecks.RT_S_05, reopenFails(net, "utility", stores, UtilityHandle.BILLS,
        b -> java.util.Arrays.copyOf(b, b.length - 1)));
    assertEquals(RuntimeChecks.RT_S_05, reopenFails(net, "utility", stores, UtilityHandle.ROUND,
        b -> {
          CanonicalWriter w = new CanonicalWriter().u16(1).u64(1).u32(1).ascii8("nobody");
          double[] uniform = new double[Neighbourhood.GRID.bins()];
          java.util.Arrays.fill(uniform, 1.0 / uniform.length);
          DistortionHandles.distribution(new io.gridveil.distortion.reconstruction
              .BinnedDistribution(Neighbourhood.GRID, uniform, 0), w);
          return w.toByteArray();
        }));

    // Untouched, every handle reopens with its state: the reading and the query are still there.
    net.openMeter(m);
    assertEquals(1, net.openCollector(net.groups.get(0)).collected());
    net.openUtility();
    net.deliver();
    // The reopened utility accepts the bill: the query was outstanding in its stored state.
    assertEquals(net.trueBill(m, 0),
        net.events(DistortionEvent.BillReceived.class).get(0).total());
  }

  @Test
  void aVaultKeyThatIsNotTheLicencesKey_isRtS04() throws Exception {
    Map<String, TamperingStore> stores = new HashMap<>();
    HandleNet net = net(stores);
    MeterId m = net.groupOf.keySet().iterator().next();
    StoreException e = assertThrows(StoreException.class, () -> DistortingMeterHandle.open(
        HandleNet.DEPLOYMENT, net.licences.get(m),
        SecretBytes.random(32, DeterministicRandomSource.fromSeed(84)), net.supplierOnly,
        RoleStore.inMemory(), DeterministicRandomSource.fromSeed(85)));
    assertEquals(Optional.of(RuntimeChecks.RT_S_04), e.checkId());
    // The utility's vault holds the supplier key it imported; another key given on reopen is
    // refused rather than silently ignored.
    net.utility.close();
    StoreException u = assertThrows(StoreException.class, () -> UtilityHandle.open(
        HandleNet.DEPLOYMENT, net.collectorIds, Round.FIRST, net.utilityAnchors,
        SecretBytes.random(32, DeterministicRandomSource.fromSeed(86)), stores.get("utility")));
    assertEquals(Optional.of(RuntimeChecks.RT_S_04), u.checkId());
    assertEquals(Round.FIRST, net.openUtility().openSlot());
  }

  /**
   * spec/runtime.md §6.6 item 4: a meter that kept its bill in a FileBillingStore opens its
   * handle on a fresh store from that file. The fixture was written by FileBillingStore with
   * Neighbourhood.PLAN after the readings 100, 200, 300, 400 (slots 0 to 3, cycle 0) and 50, 60
   * (slots 4 and 5).
   */
  @Test
  void existingBillingStateFile_isImportedOnFirstOpen_andBillsFromItAreExact(@TempDir Path dir)
      throws Exception {
    Path legacy = dir.resolve("legacy");
    Files.createDirectories(legacy);
    try (InputStream in = getClass().getResourceAsStream("billing-gvbs-v1.state")) {
      Files.copy(java.util.Objects.requireNonNull(in), legacy.resolve(FileBillingStore.STATE_FILE));
    }
    long[] r = {100, 200, 300, 400, 50, 60};
    long p0 = Neighbourhood.PRICES.get(0);
    long p1 = Neighbourhood.PRICES.get(1);
    long cycle0 = r[0] * p0 + r[1] * p1 + r[2] * p0 + r[3] * p1;

    HandleNet net = new HandleNet(1, 1, 91, node -> RoleStore.inMemory());
    MeterId m = net.groupOf.keySet().iterator().next();
    StorageKey key = StorageKey.generate();
    DistortingMeterHandle h = DistortingMeterHandle.openImporting(HandleNet.DEPLOYMENT,
        net.licences.get(m), net.meterKeys.get(m), net.supplierOnly,
        RoleStore.file(dir.resolve("meter"), key), DeterministicRandomSource.fromSeed(92), legacy);
    BillingState s = h.billing();
    assertEquals(java.util.List.of(new ClosedCycle(0, cycle0, 4)), s.closed());
    assertEquals(5, s.lastSlot());
    assertEquals(r[4] * p0 + r[5] * p1, s.openTotal());
    // The next reading commits the imported state with it; a reopen reads the store, not the file.
    assertTrue(h.onReading(new Round(6), Reading.ofWattHours(70), LogicalTime.ZERO).refusal()
        .isEmpty());
    h.close();
    Files.delete(legacy.resolve(FileBillingStore.STATE_FILE));
    net.meters.get(m).close();
    net.openStores.put(m.value(), RoleStore.file(dir.resolve("meter"), key));
    DistortingMeterHandle reopened = net.openMeter(m);
    assertEquals(6, reopened.billing().lastSlot());
    // Slot 6 is refused as a replay of the committed slot (DIST-S-01): the import is not redone.
    assertEquals(DistortionChecks.DIST_S_01, reopened.onReading(new Round(6),
        Reading.ofWattHours(1), LogicalTime.ZERO).refusal().orElseThrow().check());
    // The utility's query of cycle 0 is answered from the imported bill.
    net.now = LogicalTime.ofMillis(1);
    assertEquals(cycle0, net.bill(0).get(m).total());
    assertEquals(GroupId.class, net.groupOf.get(m).getClass());
  }

  @Test
  void outboxEvents_roundTripThroughTheStore_andAnUnknownEventIsRtS05() throws Exception {
    Map<String, TamperingStore> stores = new HashMap<>();
    HandleNet net = net(stores);
    var readings = DeterministicRandomSource.fromSeed(87);
    for (long j = 0; j < 4; j++) {
      net.slot(j, readings);
    }
    MeterId m = net.groupOf.keySet().iterator().next();
    net.readSlot(4, java.util.List.of(m), readings);
    net.take(net.utility.queryBill(m, net.groups.get(0), 0, net.now));
    net.deliver();
    // The utility's last commit released BillReceived: a reopened utility returns that outbox,
    // its event decoded equal; the other event kinds round-trip through the codec.
    DistortionEvent.BillReceived bill = net.events(DistortionEvent.BillReceived.class).get(0);
    assertEquals(java.util.List.of(bill), net.openUtility().recover().orElseThrow().events());
    DistortionEvent.DistributionReconstructed merged =
        net.events(DistortionEvent.DistributionReconstructed.class).get(3);
    CanonicalWriter w = new CanonicalWriter();
    DistortionHandles.EVENTS.encode(merged, w);
    assertEquals(merged,
        DistortionHandles.EVENTS.decode(io.gridveil.core.codec.CanonicalReader.of(w.toByteArray())));
    DistortionEvent.LocalReconstructed local =
        net.events(DistortionEvent.LocalReconstructed.class).get(3);
    w = new CanonicalWriter();
    DistortionHandles.EVENTS.encode(local, w);
    assertEquals(local,
        DistortionHandles.EVENTS.decode(io.gridveil.core.codec.CanonicalReader.of(w.toByteArray())));
    io.gridveil.core.codec.MalformedMessageException e = assertThrows(
        io.gridveil.core.codec.MalformedMessageException.class,
        () -> DistortionHandles.EVENTS.decode(io.gridveil.core.codec.CanonicalReader.of(
            new byte[] {9})));
    assertEquals(RuntimeChecks.RT_S_05, e.checkId());
  }
}
