// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an attack property's active attacker injected and what the receivers refused, tallied
 * across the property's runs (spec/adversary.md §3). Which kinds a short run's draws reach, and so
 * which checks trip, varies with its size and seed; that every kind was made and that the expected
 * checks refused it holds only across runs, so each run {@link #record}s and the property asserts
 * after every run passed. {@link ActiveAttacker.Kind#FORGE_COMPROMISED} needs a compromised
 * meter's key and is tallied by {@link CompromisedKeyRefusals} instead. Thread-safe.
 */
public final class InjectionTally {
  private final Map<ActiveAttacker.Kind, Integer> injected =
      new EnumMap<>(ActiveAttacker.Kind.class);
  private final Map<String, Integer> refused = new TreeMap<>();

  /**
   * Adds one run's injections and refusals.
   *
   * @param attacker the run's attacker
   * @param rejections the run's refusals by check ID
   */
  public synchronized void record(ActiveAttacker attacker, Map<String, Integer> rejections) {
    for (ActiveAttacker.Kind k : ActiveAttacker.Kind.values()) {
      injected.merge(k, attacker.injected(k), Integer::sum);
    }
    rejections.forEach((id, c) -> refused.merge(id, c, Integer::sum));
  }

  /** Asserts that across the runs every kind but FORGE_COMPROMISED was injected at least once. */
  public synchronized void assertEveryKindInjected() {
    for (ActiveAttacker.Kind k : ActiveAttacker.Kind.values()) {
      if (k != ActiveAttacker.Kind.FORGE_COMPROMISED) {
        assertTrue(injected.getOrDefault(k, 0) > 0, "no injection of kind " + k + ": " + injected);
      }
    }
  }

  /**
   * Asserts that across the runs each of the checks refused at least one frame.
   *
   * @param checks check IDs
   */
  public synchronized void assertEachRefused(String... checks) {
    for (String id : checks) {
      assertTrue(refused.getOrDefault(id, 0) > 0, id + " never refused: " + refused);
    }
  }

  /**
   * Asserts that across the runs at least one of the checks refused a frame.
   *
   * @param checks check IDs, any of which will do
   */
  public synchronized void assertAnyRefused(String... checks) {
    int total = 0;
    for (String id : checks) {
      total += refused.getOrDefault(id, 0);
    }
    assertTrue(total > 0, "none of " + String.join(", ", checks) + " refused: " + refused);
  }

  /**
   * Asserts that across the runs a check whose ID starts with the prefix refused a frame.
   *
   * @param prefix a check ID prefix, such as {@code AUTH-V-}
   */
  public synchronized void assertRefusedWithPrefix(String prefix) {
    assertTrue(refused.keySet().stream().anyMatch(id -> id.startsWith(prefix)),
        "no " + prefix + "* refusal: " + refused);
  }
}
