// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.run;

import io.gridveil.core.network.NetworkStats;
import io.gridveil.sim.driver.CostLedger.RoleCost;
import io.gridveil.sim.driver.RefusalCount;
import io.gridveil.sim.driver.Role;
import io.gridveil.sim.driver.SchemeFacts;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything one scheme's run measured (spec/sim.md §5), checked before it gets here: every exact
 * aggregate equals the plaintext sum of its contributors.
 *
 * @param scheme the scheme's name
 * @param facts what the scheme's spec states it leaks
 * @param config the run's settings
 * @param loads where the readings came from
 * @param exactRounds group-rounds with an exact aggregate over every member
 * @param recoveredRounds group-rounds with an exact aggregate over the members present, after
 *     recovering the missing ones
 * @param recoveredMeters missing contributions recovered out of those sums, in total
 * @param voidReasons void group-rounds by reason
 * @param billsChecked on-meter bills checked exact (distortion only)
 * @param costs messages, bytes and CPU time per role
 * @param cpuMeasured whether the JVM measured thread CPU time
 * @param network the network's fault counters, summed over the groups
 * @param refusals inbound messages refused by a party, by check ID, message type and receiving
 *     role, each classified expected or problem (spec/sim.md §4.7)
 * @param truth the neighbourhood's true consumption per round, in Wh
 * @param aggregate the sum of the checked aggregates per round, in Wh (void groups add nothing)
 * @param voidGroups the number of void groups per round
 * @param distortion the distorted data, for a distortion run
 * @param wallNanos the run's wall-clock time
 */
public record RunResult(
    String scheme,
    SchemeFacts facts,
    SimulationConfig config,
    String loads,
    long exactRounds,
    long recoveredRounds,
    long recoveredMeters,
    Map<String, Long> voidReasons,
    long billsChecked,
    Map<Role, RoleCost> costs,
    boolean cpuMeasured,
    NetworkStats network,
    List<RefusalCount> refusals,
    List<Long> truth,
    List<Long> aggregate,
    List<Integer> voidGroups,
    Optional<DistortionData> distortion,
    long wallNanos) {
  /**
   * Copies the collections.
   *
   * @param scheme the scheme's name
   * @param facts what the scheme's spec states it leaks
   * @param config the run's settings
   * @param loads where the readings came from
   * @param exactRounds group-rounds with an exact aggregate over every member
   * @param recoveredRounds group-rounds with an exact aggregate over the members present, after
   *     recovering the missing ones
   * @param recoveredMeters missing contributions recovered out of those sums, in total
   * @param voidReasons void group-rounds by reason
   * @param billsChecked on-meter bills checked exact (distortion only)
   * @param costs messages, bytes and CPU time per role
   * @param cpuMeasured whether the JVM measured thread CPU time
   * @param network the network's fault counters, summed over the groups
   * @param refusals inbound messages refused by a party, by check ID, message type and receiving
 *     role, each classified expected or problem (spec/sim.md §4.7)
   * @param truth the neighbourhood's true consumption per round, in Wh
   * @param aggregate the sum of the checked aggregates per round, in Wh (void groups add nothing)
   * @param voidGroups the number of void groups per round
   * @param distortion the distorted data, for a distortion run
   * @param wallNanos the run's wall-clock time
   * @throws NullPointerException if a component is null
   */
  public RunResult {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(loads, "loads");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(distortion, "distortion");
    voidReasons = Map.copyOf(voidReasons);
    costs = Map.copyOf(costs);
    refusals = List.copyOf(refusals);
    truth = List.copyOf(truth);
    aggregate = List.copyOf(aggregate);
    voidGroups = List.copyOf(voidGroups);
  }

  /**
   * Returns the number of void group-rounds.
   *
   * @return the sum over the reasons
   */
  public long voidRounds() {
    return voidReasons.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Returns the number of group-rounds run.
   *
   * @return groups times rounds
   */
  public long groupRounds() {
    return (long) config.groups() * config.rounds();
  }

  /**
   * Returns the messages sent per meter per round, all roles counted.
   *
   * @return the mean
   */
  public double messagesPerMeterRound() {
    long m = costs.values().stream().mapToLong(RoleCost::messages).sum();
    return (double) m / ((double) config.meters() * config.rounds());
  }

  /**
   * Returns the bytes sent per meter per round, all roles counted.
   *
   * @return the mean
   */
  public double bytesPerMeterRound() {
    long b = costs.values().stream().mapToLong(RoleCost::bytes).sum();
    return (double) b / ((double) config.meters() * config.rounds());
  }

  /**
   * Returns the CPU time per meter per round, all roles counted.
   *
   * @return microseconds
   */
  public double cpuMicrosPerMeterRound() {
    long c = costs.values().stream().mapToLong(RoleCost::cpuNanos).sum();
    return c / 1000.0 / ((double) config.meters() * config.rounds());
  }

  /**
   * Returns the number of refusals the schemes cause by design (spec/sim.md §4.7).
   *
   * @return the sum of the expected counts
   */
  public long expectedRefusals() {
    return refusals.stream().filter(r -> !r.problem()).mapToLong(RefusalCount::count).sum();
  }

  /**
   * Returns the refusals that indicate a fault, an attack or a defect, for the terminal.
   *
   * @return {@code "CHECK-ID MessageType at role"} to count, sorted
   */
  public Map<String, Long> problemRefusals() {
    Map<String, Long> m = new TreeMap<>();
    for (RefusalCount r : refusals) {
      if (r.problem()) {
        m.put(r.refusal().describe(), r.count());
      }
    }
    return m;
  }
}
