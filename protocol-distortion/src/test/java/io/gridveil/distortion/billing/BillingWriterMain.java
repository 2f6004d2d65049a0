// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link BillingCrashTest}: it recovers the billing state from a directory,
 * then accumulates slot after slot, committing each and printing the slot once the commit
 * returned, until it is killed.
 */
public final class BillingWriterMain {
  /** The plan the writer and the test share. */
  static final BillingPlan PLAN =
      new BillingPlan(
          new Tariff(
              List.of(110_000L, 270_000L, 420_000L),
              java.util.stream.IntStream.range(0, 24)
                  .map(h -> h < 7 ? 0 : h >= 17 && h < 21 ? 2 : 1)
                  .boxed()
                  .toList()),
          50,
          5000,
          16);

  private BillingWriterMain() {}

  /** The reading of slot j: a fixed function so that the test can recompute every bill. */
  static long reading(long slot) {
    return Math.floorMod(slot * 2654435761L, 5001L);
  }

  /**
   * Runs the writer.
   *
   * @param args the state directory
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    FileBillingStore store = new FileBillingStore(Path.of(args[0]), PLAN);
    BillingState s = store.load().orElse(BillingState.initial());
    for (long slot = s.lastSlot() + 1; slot < 10_000_000L; slot++) {
      s = s.accumulate(PLAN, slot, reading(slot));
      store.commit(s);
      System.out.println(slot);
      System.out.flush();
    }
  }
}
