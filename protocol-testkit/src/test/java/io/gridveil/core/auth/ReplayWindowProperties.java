// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import io.gridveil.testkit.pbt.Gens;
import io.gridveil.testkit.pbt.Pbt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** spec/auth.md §7. */
class ReplayWindowProperties {
  /** A window accepts a number iff it is new and within 64 of the highest accepted so far. */
  @Test
  void window_matchesItsSetSemantics() {
    Pbt.property().forAll(Gens.lists(Gens.longs(0, 300), 0, 200)).check(this::matchesSetSemantics);
  }

  private void matchesSetSemantics(List<Long> sequence) {
    ReplayWindow w = ReplayWindow.EMPTY;
    Set<Long> accepted = new HashSet<>();
    long highest = -1;
    for (long s : sequence) {
      boolean expected = !accepted.contains(s) && s > highest - ReplayWindow.SIZE;
      try {
        w = w.accept(s);
        assertEquals(true, expected, "accepted " + s);
        accepted.add(s);
        highest = Math.max(highest, s);
      } catch (AuthenticationException e) {
        assertEquals(false, expected, "rejected " + s);
        assertEquals(
            accepted.contains(s) && s > highest - ReplayWindow.SIZE ? "AUTH-V-08" : "AUTH-V-09",
            e.checkId().value());
      }
    }
  }

  @Test
  void duplicate_andTooOld_areRejectedWithTheirChecks() throws Exception {
    ReplayWindow w = ReplayWindow.EMPTY.accept(100);
    ReplayWindow after = w;
    assertViolation("AUTH-V-08", () -> after.accept(100));
    assertViolation("AUTH-V-09", () -> after.accept(36));
    ReplayWindow w2 = w.accept(37);
    assertViolation("AUTH-V-08", () -> w2.accept(37));
    assertEquals(new ReplayWindow(100, 1L | (1L << 63)), w2);
    assertThrows(IllegalArgumentException.class, () -> ReplayWindow.EMPTY.accept(-1));
  }
}
