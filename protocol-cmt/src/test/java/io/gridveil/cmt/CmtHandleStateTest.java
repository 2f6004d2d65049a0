// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.CheckId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.runtime.Commit;
import io.gridveil.core.runtime.EventCodec;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.RuntimeChecks;
import io.gridveil.core.runtime.StoreException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The CMT roles' durable sections (spec/runtime.md §6.2): the supplier's whole party round-trips
 * through its sections, and a section that does not decode or breaks an invariant is refused
 * with RT-S-05 (RT-S-02 for another schema), for the supplier and for the meter's marks.
 */
class CmtHandleStateTest {
  private static final int N = 4;

  /** A keyed group with round 1 open at the supplier and one ciphertext missing. */
  private static CmtHandleNet openRound() throws StoreException {
    CmtHandleNet net = new CmtHandleNet(21, RoleStore.inMemory());
    for (int i = 0; i < N; i++) {
      net.join("sm-" + i, RoleStore.inMemory());
    }
    net.settle(N);
    Round j = new Round(1);
    for (int i = 0; i < N - 1; i++) {
      net.post(net.meters.get(new MeterId("sm-" + i)).onReading(j, Reading.ofWattHours(i + 1),
          net.now()));
    }
    net.post(net.supplier.requestRound(j, net.now()));
    net.deliver();
    return net;
  }

  private static Supplier decode(CmtHandleNet net, Map<String, byte[]> sections)
      throws StoreException {
    return Supplier.fromSections(CmtHandleNet.PARAMS, CmtHandleNet.GROUP, net.supplierKey,
        net.readingKeys, sections);
  }

  private static void assertSameSections(Map<String, byte[]> a, Map<String, byte[]> b) {
    assertEquals(a.keySet(), b.keySet());
    a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
  }

  @Test
  void theSuppliersWholeStateRoundTripsThroughItsSections() throws StoreException {
    CmtHandleNet net = openRound();
    Supplier s = net.supplier.party();
    Map<String, byte[]> sections = s.sections();
    assertEquals(Set.of("role", "marks", "round/1"), sections.keySet());
    Supplier back = decode(net, sections);
    assertSameSections(sections, back.sections());
    assertEquals(s.epoch(), back.epoch());
    assertEquals(s.members(), back.members());
    assertEquals(1, back.lastRequested());
    assertEquals(N, back.enrolments().size());
    // the keyring was re-derived: the decoded supplier decides the round with the last
    // ciphertext, which is MACed under a key it never stored
    assertEquals(N, back.readingKeyring().orElseThrow().size());
  }

  private static CheckId failure(CmtHandleNet net, Map<String, byte[]> sections) {
    StoreException e = assertThrows(StoreException.class, () -> decode(net, sections));
    return e.checkId().orElseThrow();
  }

  @Test
  void aSupplierSectionThatDoesNotDecodeOrBreaksAnInvariantIsRtS05() throws StoreException {
    CmtHandleNet net = openRound();
    Map<String, byte[]> good = net.supplier.party().sections();

    Map<String, byte[]> trailing = new HashMap<>(good);
    byte[] role = good.get("role");
    trailing.put("role", Arrays.copyOf(role, role.length + 1));
    assertEquals(RuntimeChecks.RT_S_05, failure(net, trailing));

    Map<String, byte[]> missing = new HashMap<>(good);
    missing.remove("marks");
    assertEquals(RuntimeChecks.RT_S_05, failure(net, missing));

    Map<String, byte[]> schema = new HashMap<>(good);
    byte[] marks = good.get("marks").clone();
    marks[1] = 2;
    schema.put("marks", marks);
    assertEquals(RuntimeChecks.RT_S_02, failure(net, schema));

    // round 1 of another epoch than the key's: a state the supplier cannot reach
    Map<String, byte[]> epoch = new HashMap<>(good);
    byte[] round = good.get("round/1").clone();
    round[9] ^= 1;
    epoch.put("round/1", round);
    assertEquals(RuntimeChecks.RT_S_05, failure(net, epoch));

    // an open round above the last requested one
    Map<String, byte[]> ahead = new HashMap<>(good);
    ahead.put("round/2", good.get("round/1"));
    assertEquals(RuntimeChecks.RT_S_05, failure(net, ahead));
  }

  @Test
  void aMeterResumesItsMarksAndRefusesBadOnes() throws StoreException {
    CmtHandleNet net = new CmtHandleNet(22, RoleStore.inMemory());
    RoleStore store = RoleStore.inMemory();
    MeterId id = net.join("sm-x", store);
    CmtMeterKit kit = net.kits.get(id);
    // a commit of marks ε_last = 6, lastCompleted = 9 (the handle is dropped: a crash)
    // the meter's start was commit 0
    commitMarks(store, 1, new CanonicalWriter().u16(1).u64(6).u64(9).toByteArray());
    CmtMeterHandle m = CmtMeterHandle.open(kit, net.random, store);
    assertEquals(6, m.lastEpoch());
    assertEquals(9, m.lastCompleted());
    // the encrypt-once mark holds: a reading of round 9 is refused, of round 10 accepted
    Outbox refused = m.onReading(new Round(9), Reading.ofWattHours(1), net.now());
    assertEquals(CmtChecks.CMT_S_03, refused.refusal().orElseThrow().check());
    assertTrue(m.onReading(new Round(10), Reading.ofWattHours(1), net.now()).refusal().isEmpty());
  }

  @Test
  void meterMarksThatDoNotDecodeAreRtS05() throws StoreException {
    CmtHandleNet net = new CmtHandleNet(23, RoleStore.inMemory());
    for (byte[] bad : new byte[][] {
        new CanonicalWriter().u16(1).u64(6).toByteArray(),
        new CanonicalWriter().u16(1).u64(6).u64(9).u8(0).toByteArray(),
        new CanonicalWriter().u16(1).u64(-1).u64(9).toByteArray()}) {
      RoleStore store = RoleStore.inMemory();
      MeterId id = net.join("sm-" + bad.length + "-" + bad[bad.length - 1], store);
      commitMarks(store, 1, bad);
      StoreException e = assertThrows(StoreException.class,
          () -> CmtMeterHandle.open(net.kits.get(id), net.random, store));
      assertEquals(RuntimeChecks.RT_S_05, e.checkId().orElseThrow());
    }
    RoleStore store = RoleStore.inMemory();
    MeterId id = net.join("sm-schema", store);
    commitMarks(store, 1, new CanonicalWriter().u16(2).u64(6).u64(9).toByteArray());
    StoreException e = assertThrows(StoreException.class,
        () -> CmtMeterHandle.open(net.kits.get(id), net.random, store));
    assertEquals(RuntimeChecks.RT_S_02, e.checkId().orElseThrow());
  }

  private static void commitMarks(RoleStore store, long sequence, byte[] marks)
      throws StoreException {
    store.commit(new Commit(sequence, Map.of("marks", marks), Set.of(),
        Outbox.empty(sequence).encode(EventCodec.NONE)));
  }
}
