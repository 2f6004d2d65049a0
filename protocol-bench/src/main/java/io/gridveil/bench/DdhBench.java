// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.GroupId;
import io.gridveil.core.InvalidReadingException;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.ddh.DdhViolationException;
import io.gridveil.ddh.psa.PsaCiphertext;
import io.gridveil.ddh.psa.PsaDiscreteLog;
import io.gridveil.ddh.psa.PsaKeys;
import io.gridveil.ddh.psa.PsaMeter;
import io.gridveil.ddh.psa.PsaParameters;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The DDH targets of issue 7: an EDAT meter's per-round work against one PSA encryption on P-256
 * (protocol-ddh's own PSA, which hashes H(j) each round, and the independent
 * {@link PsaP256Baseline}), the supplier's per-round work per meter, and PSA's bounded discrete
 * logarithm over a range of 10^10.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DdhBench {
  /** The group size of the supplier benchmark; scored per meter. */
  public static final int SUPPLIER_METERS = 1000;

  /** The PSA search range of the decryption target: n_max * t_max = 10^4 * 10^6 = 10^10. */
  public static final long PSA_RANGE = 10_000_000_000L;

  private final DdhGroup group;
  private final Reading reading = new Reading(4242, ReadingUnit.WATT_HOUR);
  private final PsaMeter psaMeter;
  private long round = 1;

  /** Sets up a 1000-meter EDAT group and a PSA meter (benchmark data from fixed seeds). */
  public DdhBench() {
    try {
      group = new DdhGroup(SUPPLIER_METERS);
    } catch (DdhViolationException | InvalidReadingException | AuthenticationException e) {
      throw new IllegalStateException("honestly generated EDAT group refused", e);
    }
    PsaParameters psa = psaParameters();
    RandomSource random = DeterministicRandomSource.fromSeed(99L);
    PsaKeys keys = PsaKeys.deal(psa, 3, random);
    psaMeter =
        PsaMeter.create(psa, new GroupId("bench-psa"), new MeterId("m0"), keys.meterKeys().get(0));
  }

  /**
   * The PSA parameters of the 10^10 range: n_max = 10^4 meters of at most 10^6 Wh.
   *
   * @return the parameters, W = 10^10 + 1
   */
  static PsaParameters psaParameters() {
    return new PsaParameters(AggregationParameters.unsignedPowerOfTwo(10_000, 1_000_000L, 64));
  }

  /** Checks that the supplier decrypts the group's round to its plaintext sum. */
  @Setup
  public void check() {
    group.decryptChecked();
  }

  /**
   * An EDAT meter's per-round work: c_ij = e_ij + r_ij + u_ij (three PRF evaluations, spec/ddh.md
   * §3.1), for a new round j each call.
   *
   * @return c_ij
   * @throws InvalidReadingException never: the reading is within t_max
   */
  @Benchmark
  public long meterRound() throws InvalidReadingException {
    return group.meters[0].encrypt(new Round(round++), reading);
  }

  /**
   * One PSA encryption on P-256 by protocol-ddh (spec/ddh.md §7.3), for a new round j each call.
   *
   * @return c_ij
   * @throws InvalidReadingException never: the reading is within t_max
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public PsaCiphertext psaEncrypt() throws InvalidReadingException {
    return psaMeter.encrypt(new Round(round++), reading);
  }

  /**
   * The supplier's per-round work for 1000 meters (spec/ddh.md §3.3); scored per meter.
   *
   * @return the outcome
   */
  @Benchmark
  @OperationsPerInvocation(SUPPLIER_METERS)
  public RoundOutcome supplierRound() {
    return group.supplier.decryptSum(group.round, group.aggregate);
  }

  /**
   * PSA decryption of the largest sum of the 10^10 range, S = 10^10 (the most giant steps), with
   * the table built once.
   *
   * @param table the solver
   * @return S
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public OptionalLong psaDecrypt(PsaTable table) {
    return table.solver.log(table.worst);
  }

  /**
   * PSA decryption of sums drawn uniformly from the 10^10 range, a different one each call.
   *
   * @param table the solver
   * @return S
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public OptionalLong psaDecryptRandom(PsaTable table) {
    PsaCiphertext v = table.random.get(table.next);
    table.next = (table.next + 1) % table.random.size();
    return table.solver.log(v);
  }

  /** PSA's baby-step table for the 10^10 range, built once per trial. */
  @State(Scope.Benchmark)
  public static class PsaTable {
    final PsaDiscreteLog solver = PsaDiscreteLog.forParameters(psaParameters());
    final PsaCiphertext worst = PsaDiscreteLog.power(PSA_RANGE);
    final List<PsaCiphertext> random;
    final long[] randomSums = new long[16];
    int next;

    /** Builds the table and the sums to decrypt. */
    public PsaTable() {
      RandomSource r = DeterministicRandomSource.fromSeed(1010L);
      PsaCiphertext[] v = new PsaCiphertext[randomSums.length];
      for (int i = 0; i < v.length; i++) {
        randomSums[i] = r.uniformLong(PSA_RANGE + 1);
        v[i] = PsaDiscreteLog.power(randomSums[i]);
      }
      random = List.of(v);
    }

    /** Checks the worst case and one random sum decrypt exactly. */
    @Setup
    public void check() {
      if (solver.log(worst).orElse(-1) != PSA_RANGE
          || solver.log(random.get(0)).orElse(-1) != randomSums[0]) {
        throw new IllegalStateException("PSA discrete logarithm is wrong");
      }
    }
  }
}
