// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.party.Step;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Full rounds of spec/vectors/blinding/rounds.json through the meter, aggregator and supplier
 * (spec/blinding.md §4.2 to §4.5), with the meters' exponents given explicitly.
 */
class BlindingRoundKnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();
  private final RandomSource random = DeterministicRandomSource.fromSeed(11);
  private final BlindingCodec codec = new BlindingCodec();

  @Test
  void rounds_matchVectorsThroughEveryParty() throws Exception {
    PaillierKeyPair keys = TestKeys.k2048();
    BigInteger n = keys.publicKey().n();
    for (Vector v : Vectors.load("blinding/rounds.json")) {
      GroupId group = new GroupId(v.string("group"));
      Round round = new Round(v.longValue("round"));
      List<?> seeds = v.list("seeds");
      int size = seeds.size();
      List<?> missingRaw = v.list("missing");
      List<Integer> missing = new ArrayList<>();
      for (Object o : missingRaw) {
        missing.add(Vector.toInteger(o instanceof String ? o : o.toString()).intValue());
      }
      // The aggregation parameters the vector declares (spec/blinding.md §1.3, §4.4 step 4).
      Vector prm = v.object("parameters");
      assertEquals(false, prm.get("signed"));
      assertEquals(2048, prm.integer("keySize").intValueExact());
      BlindingParameters params = BlindingParameters.of(prm.integer("nMax").intValueExact(),
          prm.longValue("tMax"), (Boolean) prm.get("recovery"));
      assertEquals(!missing.isEmpty(), params.recovery());
      List<MeterId> roster = new ArrayList<>();
      for (int i = 1; i <= size; i++) {
        roster.add(new MeterId("m" + i));
      }
      Aggregator aggregator = Aggregator.create(group, params);
      aggregator =
          aggregator.step(inbound(Address.TRUSTED_THIRD_PARTY, Address.AGGREGATOR, group, Round.FIRST,
              new BlindingMessage.GroupSetup(KeySize.BITS_2048, n, keys.publicKey().hs(), roster)), random).next();
      for (int i = 1; i <= size; i++) {
        Meter meter = Meter.create(group, roster.get(i - 1), params);
        SecretBytes own = seed(seeds, i - 1);
        SecretBytes previous = seed(seeds, Math.floorMod(i - 2, size));
        meter =
            meter.step(inbound(Address.TRUSTED_THIRD_PARTY, Address.identified(roster.get(i - 1)), group,
                Round.FIRST, new BlindingMessage.SeedDeal(KeySize.BITS_2048, i, size, n,
                    keys.publicKey().hs(), own, previous)), random).next();
        Step<Meter> s =
            meter.encryptReading(round, Reading.ofWattHours(v.list("readings").size() > 0
                ? Vector.toInteger(v.list("readings").get(i - 1)).longValue() : 0),
                Vector.toInteger(v.list("exponents").get(i - 1)));
        @SuppressWarnings("unchecked") // the meter sends blinding messages
        Envelope<BlindingMessage> out = (Envelope<BlindingMessage>) s.outbound().get(0);
        BlindingMessage.Contribution c = (BlindingMessage.Contribution) out.body();
        assertEquals(Vector.toInteger(v.list("ciphertexts").get(i - 1)), c.c(), "c_ij");
        CanonicalWriter w = new CanonicalWriter();
        codec.encode(c, w);
        assertEquals(v.list("contributionBodies").get(i - 1), HEX.formatHex(w.toByteArray()));
        if (!missing.contains(i)) {
          aggregator = aggregator.step(TestAuth.inbound(out, aggregator), random).next();
        }
      }
      Step<Aggregator> forwarded;
      if (missing.isEmpty()) {
        // The last contribution completed the round; replay it to get the forwarded aggregate.
        forwarded = null;
      } else {
        Step<Aggregator> d = aggregator.step(new BlindingInput.Deadline(round), random);
        BlindingMessage.RecoveryRequest req =
            (BlindingMessage.RecoveryRequest) d.outbound().get(0).body();
        assertEquals(missing, req.missing());
        aggregator = d.next();
        forwarded =
            aggregator.step(inbound(Address.TRUSTED_THIRD_PARTY, Address.AGGREGATOR, group, round,
                new BlindingMessage.RecoveryRelease(missing, KeySize.BITS_2048, v.integer("correction"))), random);
      }
      BlindingMessage.Aggregate agg =
          forwarded == null
              ? completeAggregate(v, group, round, params, keys, roster)
              : (BlindingMessage.Aggregate) forwarded.outbound().get(0).body();
      assertEquals(v.integer("aggregate"), agg.c(), "C_j");
      CanonicalWriter w = new CanonicalWriter();
      codec.encode(agg, w);
      assertEquals(v.string("aggregateBody"), HEX.formatHex(w.toByteArray()));

      Supplier supplier = Supplier.create(group, params);
      supplier = supplier.step(inbound(Address.TRUSTED_THIRD_PARTY, Address.SUPPLIER, group, Round.FIRST,
          keyDelivery(keys, size)), random).next();
      Step<Supplier> s = supplier.step(inbound(Address.AGGREGATOR, Address.SUPPLIER, group, round, agg), random);
      RoundOutcome.Exact exact = assertInstanceOf(RoundOutcome.Exact.class, s.events().get(0));
      assertEquals(v.longValue("sum"), exact.sum());
      assertEquals(size - missing.size(), exact.contributors());
      assertEquals(missing.size(), exact.recovered());
    }
  }

  private BlindingMessage.Aggregate completeAggregate(
      Vector v, GroupId group, Round round, BlindingParameters params, PaillierKeyPair keys,
      List<MeterId> roster) throws Exception {
    Aggregator a = Aggregator.create(group, params);
    a = a.step(inbound(Address.TRUSTED_THIRD_PARTY, Address.AGGREGATOR, group, Round.FIRST,
        new BlindingMessage.GroupSetup(KeySize.BITS_2048, keys.publicKey().n(), keys.publicKey().hs(), roster)),
        random).next();
    Step<Aggregator> s = null;
    for (int i = 0; i < roster.size(); i++) {
      s = a.step(inbound(Address.identified(roster.get(i)), Address.AGGREGATOR, group, round,
          new BlindingMessage.Contribution(KeySize.BITS_2048, Vector.toInteger(v.list("ciphertexts").get(i)))),
          random);
      a = s.next();
    }
    return (BlindingMessage.Aggregate) s.outbound().get(0).body();
  }

  static BlindingMessage.KeyDelivery keyDelivery(PaillierKeyPair keys, int n) {
    CanonicalWriter p = new CanonicalWriter().unsignedFixed(keys.privateKey().p(SecretAccess.grant()), 128);
    CanonicalWriter q = new CanonicalWriter().unsignedFixed(keys.privateKey().q(SecretAccess.grant()), 128);
    return new BlindingMessage.KeyDelivery(
        KeySize.BITS_2048, n, SecretBytes.copyOf(p.toByteArray()), SecretBytes.copyOf(q.toByteArray()));
  }

  /**
   * The envelope as its recipient's endpoint would hand it over: sealed by the sender (role key or
   * licence) and verified (TestAuth).
   */
  static BlindingInput inbound(Address from, Address to, GroupId group, Round round, BlindingMessage m)
      throws io.gridveil.core.ProtocolViolationException {
    return TestAuth.inbound(new Envelope<>(from, to, group, round, m));
  }

  private static SecretBytes seed(List<?> seeds, int i) {
    return SecretBytes.copyOf(HEX.parseHex((String) seeds.get(i)));
  }
}
