// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.GroupId;
import io.gridveil.core.kdf.Hkdf;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers of spec/vectors/blinding/terms.json (spec/blinding.md §3). */
class RingPrfKnownAnswerTest {
  @Test
  void prfKeysOutputsAndTerms_matchVectors() {
    for (Vector v : Vectors.load("blinding/terms.json")) {
      GroupId group = new GroupId(v.string("group"));
      BigInteger n = v.integer("n");
      List<?> seeds = v.list("seeds");
      List<?> prfKeys = v.list("prfKeys");
      int size = seeds.size();
      RingPrf[] ring = new RingPrf[size];
      for (int i = 1; i <= size; i++) {
        SecretBytes seed = SecretBytes.copyOf(HexFormat.of().parseHex((String) seeds.get(i - 1)));
        byte[] ctx = RingPrf.context(group, i, n, 256);
        byte[] key = Hkdf.derive(seed, RingPrf.LABEL, ctx, 16).toByteArray(SecretAccess.grant());
        assertEquals(prfKeys.get(i - 1), HexFormat.of().formatHex(key), "K_i");
        ring[i - 1] = RingPrf.of(seed, group, i, n, 256);
      }
      for (Object o : v.list("rounds")) {
        Vector r = new Vector(PaillierKnownAnswerTest.castMap(o));
        long j = r.longValue("round");
        List<?> f = r.list("f");
        List<?> b = r.list("b");
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < size; i++) {
          assertEquals(Vector.toInteger(f.get(i)), ring[i].evaluate(j), "F(s_i, j)");
          BigInteger term = RingPrf.blindingTerm(ring[i], ring[Math.floorMod(i - 1, size)], j, n);
          assertEquals(Vector.toInteger(b.get(i)), term, "b_ij");
          sum = sum.add(term);
        }
        assertEquals(BigInteger.ZERO, sum.mod(n), "sum of b_ij = 0 mod N");
      }
    }
  }
}
