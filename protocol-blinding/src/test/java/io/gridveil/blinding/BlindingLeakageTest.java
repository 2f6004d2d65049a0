// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.leakage.exact.ExactViewChecker;
import io.gridveil.leakage.exact.View;
import io.gridveil.leakage.exact.ViewFunction;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Leakage checks of spec/blinding.md §7.2 and §7.3: exact at toy size (N = 15, the PRF replaced by
 * its ideal functionality, uniform draws from the enumerated tape), statistical at 2048 bits.
 */
class BlindingLeakageTest {
  /** A toy key: p = 3, q = 5, y = 2, ℓ = 1 (spec/blinding.md §1.3: package-private path only). */
  private static final PaillierKeyPair TOY =
      PaillierKeyPair.toy(BigInteger.valueOf(3), BigInteger.valueOf(5), BigInteger.TWO, 1);

  private static final BigInteger N = TOY.publicKey().n();

  /** One round of the group with ideal PRF outputs F_i drawn from the tape; returns F and c. */
  private record Run(BigInteger[] f, BigInteger[] c, BigInteger sum) {}

  private static Run run(long[] readings, RandomSource tape, boolean encrypt) {
    int n = readings.length;
    BigInteger[] f = new BigInteger[n];
    for (int i = 0; i < n; i++) {
      f[i] = tape.uniform(N); // F(s_i, j), ideal
    }
    BigInteger[] c = new BigInteger[n];
    BigInteger product = BigInteger.ONE;
    for (int i = 0; i < n; i++) {
      BigInteger b = f[i].subtract(f[(i + n - 1) % n]).mod(N); // §3.3
      BigInteger m = BigInteger.valueOf(readings[i]).add(b).mod(N);
      c[i] = encrypt ? TOY.publicKey().encrypt(m, tape.uniform(BigInteger.TWO)).value() : m;
      product = product.multiply(encrypt ? c[i] : BigInteger.ONE).mod(TOY.publicKey().nSquared());
    }
    BigInteger sum = TOY.privateKey().decrypt(new PaillierCiphertext(encrypt ? product : BigInteger.ONE));
    return new Run(f, c, sum);
  }

  /** The supplier's view: the product C_j and its decryption (§7.2 claim 2). */
  private static final ViewFunction<long[]> SUPPLIER = (in, tape) -> {
    Run r = run(in, tape, true);
    BigInteger product = BigInteger.ONE;
    for (BigInteger c : r.c()) {
      product = product.multiply(c).mod(TOY.publicKey().nSquared());
    }
    return View.of(product, r.sum());
  };

  /** Supplier and aggregator together: every ciphertext, linked to its meter, and the sum. */
  private static final ViewFunction<long[]> SUPPLIER_AND_AGGREGATOR =
      (in, tape) -> {
        Run r = run(in, tape, true);
        return View.of(List.of(r.c()), r.sum());
      };

  /** Supplier and aggregator with the seeds of both ring edges of SM_2 (its two neighbours). */
  private static final ViewFunction<long[]> WITH_BOTH_EDGES_OF_METER_2 =
      (in, tape) -> {
        Run r = run(in, tape, false);
        return View.of(List.of(r.c()), r.f()[0], r.f()[1]);
      };

  /** Supplier and aggregator with one edge seed of SM_2 (one neighbour). */
  private static final ViewFunction<long[]> WITH_ONE_EDGE_OF_METER_2 =
      (in, tape) -> {
        Run r = run(in, tape, false);
        return View.of(List.of(r.c()), r.f()[0]);
      };

  @Test
  void supplierView_dependsOnlyOnTheSum() {
    ExactViewChecker.assertIndistinguishable(SUPPLIER, new long[] {1, 2, 3}, new long[] {3, 3, 0});
    ExactViewChecker.assertDistinguishable(SUPPLIER, new long[] {1, 2, 3}, new long[] {0, 0, 5});
  }

  @Test
  void supplierAndAggregator_learnOnlyTheSum() {
    ExactViewChecker.assertIndistinguishable(
        SUPPLIER_AND_AGGREGATOR, new long[] {1, 2, 3}, new long[] {3, 3, 0});
    ExactViewChecker.assertDistinguishable(
        SUPPLIER_AND_AGGREGATOR, new long[] {1, 2, 3}, new long[] {1, 2, 4});
  }

  @Test
  void bothNeighboursOfAMeter_withSupplierAndAggregator_learnItsReading() {
    // n = 4, so the two neighbours are not n - 1 meters; the readings differ only at SM_2 and SM_4.
    ExactViewChecker.assertDistinguishable(
        WITH_BOTH_EDGES_OF_METER_2, new long[] {1, 2, 1, 3}, new long[] {1, 3, 1, 2});
    ExactViewChecker.assertIndistinguishable(
        WITH_ONE_EDGE_OF_METER_2, new long[] {1, 2, 1, 3}, new long[] {1, 3, 1, 2});
  }

  @Test
  void singleDecryptions_at2048Bits_areUniform() throws Exception {
    // §7.2 claim 2: Dec(c_ij) = e_ij + b_ij mod N is uniform in Z_N, whatever the reading.
    PaillierKeyPair keys = TestKeys.k2048();
    RandomSource random = DeterministicRandomSource.fromSeed(2024);
    int bins = 4;
    int samples = 400;
    // Chi-square with 3 degrees of freedom: P(X > 16.27) = 0.001; the seed is fixed, so the test
    // is deterministic, and a biased decryption (for example a static or missing blinding term,
    // which puts every sample in one bin, chi-square 1200) fails it.
    double critical = 16.27;
    for (long reading : new long[] {0, 1_000_000}) {
      GroupId group = new GroupId("stat");
      BlindingParameters params = BlindingParameters.of(4, 1_000_000, false);
      Meter meter = Meter.create(group, new MeterId("m"), params);
      meter = meter.step(BlindingRoundKnownAnswerTest.inbound(Address.TRUSTED_THIRD_PARTY,
          Address.identified(new MeterId("m")), group, Round.FIRST,
          new BlindingMessage.SeedDeal(KeySize.BITS_2048, 2, 3, keys.publicKey().n(), keys.publicKey().hs(),
              SecretBytes.random(32, random), SecretBytes.random(32, random))), random).next();
      long[] counts = new long[bins];
      for (int j = 0; j < samples; j++) {
        var s = meter.step(new BlindingInput.LocalReading(new Round(j), Reading.ofWattHours(reading)), random);
        meter = s.next();
        BigInteger c = ((BlindingMessage.Contribution) ((Envelope<?>) s.outbound().get(0)).body()).c();
        BigInteger m = keys.privateKey().decrypt(new PaillierCiphertext(c));
        counts[m.multiply(BigInteger.valueOf(bins)).divide(keys.publicKey().n()).intValueExact()]++;
      }
      double expected = (double) samples / bins;
      double chi2 = 0;
      for (long k : counts) {
        chi2 += (k - expected) * (k - expected) / expected;
      }
      assertTrue(chi2 < critical, "chi-square " + chi2 + " for reading " + reading);
    }
  }
}
