// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.testkit.pbt.Stats;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The refusal checks of the attack properties whose attacker holds an enrolled meter's key with
 * its revoked and expired licences (spec/adversary.md §3.1). Per run: the frames the attacker signed
 * with that key alone (kind 1) were each refused as signed by an unknown key (AUTH-V-02), and
 * every frame it sent under the meter's licences was refused at the endpoint (an AUTH check, or
 * malformed after its bit flip), never by a party's own check, which would mean the endpoint had
 * let the frame through. Across runs ({@link #record}, then {@link #assertSeenAcrossRuns}): frames
 * signed with the key alone were made and refused, and the licences were refused as expired
 * (AUTH-V-10) and as revoked (AUTH-V-11).
 *
 * <p>The attacker of such a property must hold no licence but the compromised meter's, so that
 * every FORGE_LICENSED refusal is one of them. Thread-safe.
 */
public final class CompromisedKeyRefusals {
  /** The {@link Stats} label: in how many runs each check refused the compromised key's frames. */
  public static final String LABEL = "runs in which a check refused the compromised key's frames";

  private final Map<String, Integer> licensed = new TreeMap<>();
  private final Set<String> decodeChecks;
  private int made;
  private int compromised;

  /**
   * Creates an empty tally.
   *
   * @param decodeChecks the check IDs other than *-E-* that the scheme's codec raises while
   *     decoding a frame (a curve point, say): the endpoint decodes a licensed frame after its
   *     signature and before the licence's validity (spec/auth.md §3.3), so a bit-flipped frame
   *     under the stolen key may be refused with one of them (spec/auth.md §3.4)
   */
  public CompromisedKeyRefusals(String... decodeChecks) {
    this.decodeChecks = Set.of(decodeChecks);
  }

  /**
   * Asserts one run's refusals and adds them to the tally.
   *
   * @param attacker the run's attacker, handed the meter's key with {@link
   *     ActiveAttacker#compromise}
   * @param network the run's network
   */
  public synchronized void record(ActiveAttacker attacker, AttackedNetwork network) {
    assertEquals(0, attacker.forgeriesAccepted(), "forged, flipped or truncated frames accepted");
    // A run with little traffic (most meters absent, the victim revoked at once) may give the
    // attacker no chance to sign with the key alone: that it did is asserted across runs.
    made += attacker.injected(ActiveAttacker.Kind.FORGE_COMPROMISED);
    Map<String, Integer> alone = network.rejections(ActiveAttacker.Kind.FORGE_COMPROMISED);
    assertTrue(Set.of("AUTH-V-02").containsAll(alone.keySet()),
        () -> "frames signed with the compromised key alone are refused as from an unknown key: "
            + alone);
    Map<String, Integer> under = network.rejections(ActiveAttacker.Kind.FORGE_LICENSED);
    for (String id : under.keySet()) {
      assertTrue(id.startsWith("AUTH-") || id.contains("-E-") || decodeChecks.contains(id),
          () -> "a frame under the compromised meter's licence passed the endpoint and was refused"
              + " only by the party (" + id + "): " + under);
    }
    compromised += alone.values().stream().mapToInt(Integer::intValue).sum();
    under.forEach((id, c) -> licensed.merge(id, c, Integer::sum));
    alone.keySet().forEach(id -> Stats.collect(LABEL, "kind 1 (key alone): " + id));
    under.keySet().forEach(id -> Stats.collect(LABEL, "kind 3 (its licences): " + id));
  }

  /**
   * Asserts, after every run passed, that the compromised meter's licences were refused as
   * expired and as revoked.
   *
   * @return the refusals of frames under its licences, by check ID, for the report
   */
  public synchronized Map<String, Integer> assertSeenAcrossRuns() {
    Stats.report(LABEL);
    assertTrue(made > 0, "the attacker signed frames with the compromised key alone");
    assertTrue(compromised > 0, "frames signed with the compromised key alone were refused");
    for (String id : new String[] {"AUTH-V-10", "AUTH-V-11"}) {
      assertTrue(licensed.getOrDefault(id, 0) > 0,
          () -> id + " among the refusals of the compromised meter's licences: " + licensed);
    }
    return Map.copyOf(licensed);
  }
}
