// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim;

import io.gridveil.blinding.BlindingParameters;
import io.gridveil.blinding.KeySize;
import io.gridveil.cmt.CmtParameters;
import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.ec.X25519PrivateKey;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.ddh.DdhParameters;
import io.gridveil.ddh.DdhViolationException;
import io.gridveil.ddh.Roster;
import io.gridveil.ddh.RosterEntry;
import io.gridveil.ddh.SignedRoster;
import io.gridveil.ddh.psa.PsaKeys;
import io.gridveil.ddh.psa.PsaParameters;
import io.gridveil.sim.driver.Scheme;
import io.gridveil.sim.run.AggregateChecker;
import io.gridveil.sim.run.Simulation;
import io.gridveil.sim.run.SimulationConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before any scheme runs, that every selected scheme accepts the run's sizes (spec/sim.md
 * §2.5): for every group size of the run, each scheme's parameters are built with the scheme
 * module's own constructors and validators, as its driver builds them, so the limits are the
 * schemes' own.
 */
final class SchemeLimits {
  private SchemeLimits() {}

  /**
   * Checks the schemes of a run.
   *
   * @param command {@code simulate} or {@code compare}, for the hint of the message
   * @param schemes the schemes the run will run
   * @param config the run's settings
   * @param settings the scheme-specific settings
   * @throws UsageException naming the option, the scheme and the limit it refuses
   */
  static void check(String command, List<Scheme> schemes, SimulationConfig config, DriverSettings settings)
      throws UsageException {
    AggregationParameters aggregation = new Simulation(config, AggregateChecker.strict()).parameters();
    int smallest = config.groupSize(config.groups() - 1);
    int largest = config.largestGroup();
    int[] sizes = smallest == largest ? new int[] {largest} : new int[] {smallest, largest};
    for (Scheme s : schemes) {
      for (int n : sizes) {
        try {
          check(s, aggregation, n, Math.min(config.minGroup(), n), config, settings);
        } catch (IllegalArgumentException | DdhViolationException e) {
          throw new UsageException(
              "--meters "
                  + config.meters()
                  + " --groups "
                  + config.groups()
                  + " gives a group of "
                  + n
                  + " meters, which "
                  + s.id()
                  + " refuses ("
                  + Main.oneLine(e.getMessage())
                  + ")"
                  + hint(command, schemes));
        }
      }
    }
  }

  private static String hint(String command, List<Scheme> schemes) {
    if (command.equals("compare")) {
      return "; compare runs every scheme: run the others with simulate --scheme";
    }
    return schemes.size() > 1 ? "; --scheme all runs every scheme: choose one" : "";
  }

  /** Builds scheme s's parameters for a group of n meters as its driver does (spec/sim.md §4.2). */
  private static void check(
      Scheme s, AggregationParameters aggregation, int n, int minGroup, SimulationConfig config,
      DriverSettings settings)
      throws UsageException, DdhViolationException {
    switch (s) {
      case CMT -> CmtParameters.defaults(aggregation).withMinGroupSize(Math.max(2, minGroup));
      case BLINDING -> {
        KeySize size =
            KeySize.ofBits(settings.paillierBits())
                .orElseThrow(
                    () -> new UsageException(
                        "--paillier-bits " + settings.paillierBits() + ": blinding needs 2048 or 3072"));
        new BlindingParameters(
            aggregation.nMax(), aggregation.tMax(), aggregation.unit(), false, size, true);
      }
      case DDH -> roster(
          new DdhParameters(aggregation, Math.max(2, Math.min(minGroup, aggregation.nMax()))), n);
      case PSA -> PsaKeys.deal(new PsaParameters(aggregation), n, random(n));
      case DISTORTION -> {
        if (1440 % config.intervalMinutes() != 0) {
          throw new UsageException(
              "--interval "
                  + config.intervalMinutes()
                  + ": distortion needs a round length that divides 1440 minutes (its tariff is per day)");
        }
      }
    }
  }

  /**
   * Signs and verifies a roster of n members under the parameters: the structural rules of
   * spec/ddh.md §2.3 that the supplier applies to the roster it builds (DDH-P-04).
   */
  private static void roster(DdhParameters params, int n) throws DdhViolationException {
    RandomSource random = random(n);
    GroupId group = new GroupId("limits");
    List<RosterEntry> members = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      X25519PublicKey key = X25519PrivateKey.generate(random).publicKey();
      members.add(new RosterEntry(new MeterId(group.value() + "." + i), key));
    }
    Roster roster = new Roster(group, 1, X25519PrivateKey.generate(random).publicKey(), members);
    Ed25519SigningKey signing = Ed25519SigningKey.generate(random);
    SignedRoster.sign(roster, signing).verify(signing.publicKey(), params, group);
  }

  private static RandomSource random(int n) {
    return DeterministicRandomSource.fromSeed(n);
  }
}
