// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.party;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gridveil.core.CheckId;
import io.gridveil.core.GroupId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec/core.md §8: a toy summing party obeys the contract. */
class PartyContractTest {
  /** Sums inputs; refuses negative ones; emits an Exact outcome every third input. */
  record Summer(long total, int count) implements Party<Summer, Long> {
    @Override
    public Step<Summer> step(Long input, RandomSource random) throws ProtocolViolationException {
      if (input < 0) {
        throw new ProtocolViolationException(CheckId.of("TEST-V-01"), "negative input");
      }
      Summer next = new Summer(total + input, count + 1);
      if (next.count % 3 != 0) {
        return Step.of(next);
      }
      GroupId g = new GroupId("g");
      Round r = new Round(next.count / 3);
      List<Envelope<?>> out = new ArrayList<>();
      out.add(new Envelope<>(Address.AGGREGATOR, Address.SUPPLIER, g, r, next.total));
      return new Step<>(next, out, List.of(new RoundOutcome.Exact(g, r, next.total, 3, 0)));
    }
  }

  @Test
  void rejectedInput_leavesTheStateUsableAndUnchanged() throws Exception {
    RandomSource rng = DeterministicRandomSource.fromSeed(0);
    Summer s = new Summer(0, 0);
    Summer frozen = s.step(5L, rng).next();
    assertViolation("TEST-V-01", () -> frozen.step(-1L, rng));
    // The rejected input left no trace: the same state goes on summing from 5.
    Step<Summer> a = frozen.step(2L, rng);
    Step<Summer> b = a.next().step(3L, rng);
    assertEquals(new Summer(10, 3), b.next());
    assertEquals(1, b.outbound().size());
    assertEquals(List.of(new RoundOutcome.Exact(new GroupId("g"), new Round(1), 10, 3, 0)),
        b.events());
  }

  @Test
  void step_copiesItsLists() {
    List<ProtocolEvent> events = new ArrayList<>();
    Step<String> step = new Step<>("s", List.of(), events);
    events.add(new RoundOutcome.Voided(new GroupId("g"), Round.FIRST, VoidReason.RING_BROKEN));
    assertEquals(0, step.events().size());
    assertThrows(UnsupportedOperationException.class, () -> step.events().add(null));
  }
}
