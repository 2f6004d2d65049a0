// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.run;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.Modulus;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.network.NetworkStats;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.sim.data.LoadSet;
import io.gridveil.sim.data.PowerLimits;
import io.gridveil.sim.driver.Billing;
import io.gridveil.sim.driver.CostLedger;
import io.gridveil.sim.driver.ExpectedRefusals;
import io.gridveil.sim.driver.FrameNetwork;
import io.gridveil.sim.driver.GroupSession;
import io.gridveil.sim.driver.GroupSpec;
import io.gridveil.sim.driver.Refusal;
import io.gridveil.sim.driver.RoundInput;
import io.gridveil.sim.driver.RoundResult;
import io.gridveil.sim.driver.SchemeDriver;
import io.gridveil.sim.driver.SimulationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs one scheme over the neighbourhood (spec/sim.md §4.3): group by group, round by round,
 * every aggregate checked against the plaintext sum of its contributors.
 *
 * <p>Memory: a run keeps the readings of one group at a time (n x rounds longs) plus the
 * per-round series; nothing per meter survives its group, so memory does not grow with the number
 * of meters beyond the pooled sample of a distortion run (capped at {@link #POOLED_CAP}).
 */
public final class Simulation {
  /** The largest number of (meter, round) pairs pooled for the distribution plots. */
  public static final int POOLED_CAP = 200_000;

  private final SimulationConfig config;
  private final AggregateChecker checker;

  /**
   * Creates a simulation.
   *
   * @param config the run's settings
   * @param checker the aggregate checker ({@link AggregateChecker#strict()} in the program)
   */
  public Simulation(SimulationConfig config, AggregateChecker checker) {
    this.config = Objects.requireNonNull(config, "config");
    this.checker = Objects.requireNonNull(checker, "checker");
  }

  /**
   * Returns the aggregation parameters of the run: n_max the largest group, t_max the energy of
   * 50 kW over one round, M = 2^64, unsigned Wh.
   *
   * @return the parameters every driver receives
   */
  public AggregationParameters parameters() {
    return new AggregationParameters(
        Math.max(2, config.largestGroup()),
        PowerLimits.tMaxWattHours(config.intervalMinutes()),
        Modulus.powerOfTwo(64),
        false,
        ReadingUnit.WATT_HOUR);
  }

  /**
   * Runs a scheme.
   *
   * @param driver the scheme's driver
   * @param loads the households' true consumption
   * @param progress receives the group-rounds done
   * @return the checked measurements
   * @throws SimulationException if a party fails in a way the protocol does not provide for
   * @throws WrongAggregateException if an aggregate differs from the plaintext sum: never expected
   */
  public RunResult run(SchemeDriver driver, LoadSet loads, ProgressListener progress)
      throws SimulationException, WrongAggregateException {
    long started = System.nanoTime();
    String scheme = driver.scheme().id();
    int rounds = config.rounds();
    long[] truth = new long[rounds];
    long[] aggregate = new long[rounds];
    int[] voidGroups = new int[rounds];
    double[] estimate = new double[rounds];
    Map<String, Long> voidReasons = new TreeMap<>();
    Map<Refusal, Long> refusals = new TreeMap<>();
    CostLedger costs = new CostLedger();
    long exact = 0;
    long recoveredRounds = 0;
    long recoveredMeters = 0;
    long billsChecked = 0;
    long[] net = new long[5];
    long[] household0 = new long[rounds];
    double[] household0Distorted = new double[rounds];
    double[] pooledTrue = new double[0];
    double[] pooledDistorted = new double[0];
    int pooled = 0;
    boolean distorted = false;
    AggregationParameters parameters = parameters();
    long total = (long) config.groups() * rounds;
    long done = 0;

    for (int g = 0; g < config.groups(); g++) {
      int n = config.groupSize(g);
      int start = config.groupStart(g);
      GroupId group = new GroupId(String.format("g-%06d", g));
      long[][] readings = new long[n][rounds];
      for (int i = 0; i < n; i++) {
        loads.trace((start + i) % loads.households(), readings[i]);
      }
      if (g == 0) {
        System.arraycopy(readings[0], 0, household0, 0, rounds);
      }
      long groupSeed = seed(config.seed(), "group", g);
      CostLedger ledger = new CostLedger();
      FrameNetwork network =
          new FrameNetwork(config.faults().network(), random(groupSeed, "network"), ledger);
      GroupSpec spec =
          new GroupSpec(
              group,
              n,
              Math.min(config.minGroup(), n),
              config.intervalMinutes(),
              rounds,
              parameters,
              config.faults().network(),
              groupSeed);
      network.faults(false);
      GroupSession session = driver.open(spec, network);
      network.faults(true);
      RandomSource failures = random(groupSeed, "meter-failures");
      BitSet[] failedByRound = new BitSet[rounds];
      long[] column = new long[n];
      for (int j = 0; j < rounds; j++) {
        BitSet failed = new BitSet(n);
        for (int i = 0; i < n; i++) {
          column[i] = readings[i][j];
          truth[j] += column[i];
          if (config.faults().meterFailure() > 0
              && failures.nextUnitDouble() < config.faults().meterFailure()) {
            failed.set(i);
          }
        }
        failedByRound[j] = failed;
        boolean lcFailed = config.faults().concentratorFailureRound().orElse(-1) == j;
        RoundResult result = session.run(new RoundInput(new Round(j), column, failed, lcFailed));
        if (result instanceof RoundResult.Aggregated a) {
          long sum = checker.check(scheme, j, a, column);
          RoundOutcome o = a.outcome();
          if (o instanceof RoundOutcome.Exact e) {
            aggregate[j] += sum;
            if (e.recovered() > 0) {
              recoveredRounds++;
              recoveredMeters += e.recovered();
            } else {
              exact++;
            }
          } else if (o instanceof RoundOutcome.Voided v) {
            voidGroups[j]++;
            voidReasons.merge(v.reason().name(), 1L, Long::sum);
          }
        } else if (result instanceof RoundResult.Distorted d) {
          distorted = true;
          if (pooledTrue.length == 0) {
            int cap = (int) Math.min(POOLED_CAP, (long) config.meters() * rounds);
            pooledTrue = new double[cap];
            pooledDistorted = new double[cap];
          }
          for (int i = 0; i < n; i++) {
            if (d.received(i)) {
              estimate[j] += d.distorted(i);
              if (pooled < pooledTrue.length) {
                pooledTrue[pooled] = column[i];
                pooledDistorted[pooled] = d.distorted(i);
                pooled++;
              }
            }
          }
          if (g == 0) {
            household0Distorted[j] = d.distorted(0);
          }
        }
        done++;
        progress.progress(scheme, done, total);
      }
      Optional<Billing> billing = session.finish();
      if (billing.isPresent()) {
        Billing b = billing.get();
        for (int i = 0; i < n; i++) {
          if (!b.received(i)) {
            continue;
          }
          long expected = 0;
          for (int j = 0; j < b.rounds(); j++) {
            if (!failedByRound[j].get(i)) {
              expected += readings[i][j] * b.price(j);
            }
          }
          checker.checkBill(scheme, group.value(), i, b.bill(i), expected);
          billsChecked++;
        }
      }
      session.refusals().forEach((k, v) -> refusals.merge(k, v, Long::sum));
      NetworkStats s = network.stats();
      net[0] += s.sent();
      net[1] += s.delivered();
      net[2] += s.dropped();
      net[3] += s.duplicated();
      net[4] += s.delayed();
      costs.add(ledger);
    }
    progress.finish();
    List<Long> truthList = new ArrayList<>(rounds);
    List<Long> aggregateList = new ArrayList<>(rounds);
    List<Integer> voidList = new ArrayList<>(rounds);
    for (int j = 0; j < rounds; j++) {
      truthList.add(truth[j]);
      aggregateList.add(aggregate[j]);
      voidList.add(voidGroups[j]);
    }
    Optional<DistortionData> distortion =
        distorted
            ? Optional.of(
                new DistortionData(
                    household0,
                    household0Distorted,
                    estimate,
                    Arrays.copyOf(pooledTrue, pooled),
                    Arrays.copyOf(pooledDistorted, pooled)))
            : Optional.empty();
    return new RunResult(
        scheme,
        driver.facts(),
        config,
        loads.describe(),
        exact,
        recoveredRounds,
        recoveredMeters,
        voidReasons,
        billsChecked,
        costs.byRole(),
        costs.cpuMeasured(),
        new NetworkStats(net[0], net[1], net[2], net[3], net[4]),
        ExpectedRefusals.classify(driver.scheme(), refusals),
        truthList,
        aggregateList,
        voidList,
        distortion,
        System.nanoTime() - started);
  }

  /**
   * Derives a sub-seed from the run's seed, a purpose and an index.
   *
   * @param seed the run's seed
   * @param purpose what the sub-seed is for
   * @param index the group or item index
   * @return a 64-bit seed
   */
  static long seed(long seed, String purpose, long index) {
    byte[] p = purpose.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer b = ByteBuffer.allocate(16 + p.length).putLong(seed).putLong(index).put(p);
    return DeterministicRandomSource.fromSeed(b.array()).nextLong();
  }

  private static RandomSource random(long seed, String purpose) {
    byte[] p = purpose.getBytes(StandardCharsets.US_ASCII);
    return DeterministicRandomSource.fromSeed(
        ByteBuffer.allocate(8 + p.length).putLong(seed).put(p).array());
  }
}
