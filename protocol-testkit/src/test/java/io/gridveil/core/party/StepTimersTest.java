// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.party;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.runtime.TimerId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spec/runtime.md §4.3 item 3: steps carry timer requests; older constructors request none. */
class StepTimersTest {
  @Test
  void threeArgumentConstructorAndOf_requestNoTimers_withTimersAppendsInOrder() {
    assertEquals(List.of(), new Step<>("s", List.of(), List.of()).timers());
    assertEquals(List.of(), Step.of("s").timers());
    TimerId a = new TimerId("ROUND_DEADLINE", 1);
    TimerId b = new TimerId("DISCOVERY", 0);
    Step<String> s = Step.of("s").withTimers(List.of(new TimerRequest.Arm(a)))
        .withTimers(List.of(new TimerRequest.Disarm(b)));
    assertEquals(List.of(new TimerRequest.Arm(a), new TimerRequest.Disarm(b)), s.timers());
    assertEquals("s", s.next());
  }
}
