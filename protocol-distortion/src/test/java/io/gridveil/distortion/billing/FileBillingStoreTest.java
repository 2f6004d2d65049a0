// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBillingStoreTest {
  private final BillingPlan plan = new BillingPlan(Tariff.flat(250_000, 24), 24, 10_000, 3);

  @Test
  void commitThenLoad_roundTrips(@TempDir Path dir) throws Exception {
    FileBillingStore store = new FileBillingStore(dir, plan);
    assertTrue(store.load().isEmpty());
    BillingState s = BillingState.initial();
    for (long j = 0; j < 60; j++) {
      s = s.accumulate(plan, j, j * 7);
      store.commit(s);
    }
    assertEquals(s, new FileBillingStore(dir, plan).load().orElseThrow());
    assertFalse(Files.exists(dir.resolve(FileBillingStore.TEMP_FILE)));
  }

  @Test
  void stateFile_matchesIndependentEncoding(@TempDir Path dir) throws Exception {
    io.gridveil.testkit.Vector v = io.gridveil.testkit.Vectors.load("distortion/stored-state.json").get(0);
    BillingState s = BillingState.initial();
    for (long j = 0; j < v.longValue("slots"); j++) {
      s = s.accumulate(plan, j, v.longValue("readingsPerSlot") * j);
    }
    FileBillingStore store = new FileBillingStore(dir, plan);
    store.commit(s);
    assertEquals(v.string("state"),
        java.util.HexFormat.of().formatHex(Files.readAllBytes(dir.resolve(FileBillingStore.STATE_FILE))));
    Files.write(dir.resolve(FileBillingStore.STATE_FILE), v.hex("state"));
    assertEquals(s, store.load().orElseThrow());
  }

  @Test
  void leftoverTemporaryFile_isIgnoredAndRemoved(@TempDir Path dir) throws Exception {
    FileBillingStore store = new FileBillingStore(dir, plan);
    BillingState s = BillingState.initial().accumulate(plan, 0, 3);
    store.commit(s);
    Files.write(dir.resolve(FileBillingStore.TEMP_FILE), new byte[] {1, 2, 3});
    assertEquals(s, store.load().orElseThrow());
    assertFalse(Files.exists(dir.resolve(FileBillingStore.TEMP_FILE)));
  }

  @Test
  void corruptedState_isRefused(@TempDir Path dir) throws Exception {
    FileBillingStore store = new FileBillingStore(dir, plan);
    store.commit(BillingState.initial().accumulate(plan, 0, 3));
    Path f = dir.resolve(FileBillingStore.STATE_FILE);
    byte[] b = Files.readAllBytes(f);
    for (int i = 0; i < b.length; i += 7) {
      byte[] c = b.clone();
      c[i] ^= 0x10;
      Files.write(f, c);
      assertViolation("DIST-S-06", store::load);
    }
    Files.write(f, java.util.Arrays.copyOf(b, b.length - 1));
    assertViolation("DIST-S-06", store::load);
    Files.write(f, new byte[0]);
    assertViolation("DIST-S-06", store::load);
  }

  @Test
  void stateOfAnotherPlan_isRefused(@TempDir Path dir) throws Exception {
    new FileBillingStore(dir, plan).commit(BillingState.initial().accumulate(plan, 0, 3));
    BillingPlan other = new BillingPlan(Tariff.flat(250_001, 24), 24, 10_000, 3);
    assertViolation("DIST-S-06", () -> new FileBillingStore(dir, other).load());
  }

  @Test
  void wellFormedButInconsistentState_isRefused() {
    // A valid CRC over a state whose last slot lies outside its open cycle.
    BillingState bad = new BillingState(5, 0, 3, 1, java.util.List.of());
    InMemoryBillingStore store = new InMemoryBillingStore(plan);
    store.commit(bad);
    assertViolation("DIST-S-06", store::load);
  }
}
