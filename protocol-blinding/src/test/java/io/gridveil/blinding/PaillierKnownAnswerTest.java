// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers of spec/vectors/blinding/paillier.json (spec/blinding.md §2). */
class PaillierKnownAnswerTest {
  @Test
  void keysEncryptionDecryptionAndProduct_matchVectors() {
    List<Vector> vectors = Vectors.load("blinding/paillier.json");
    assertEquals(3, vectors.size());
    for (Vector v : vectors) {
      PaillierKeyPair keys = TestKeys.get(v.string("name"));
      Vector k = v.object("key");
      PaillierPublicKey pk = keys.publicKey();
      assertEquals(k.integer("n"), pk.n(), "N");
      assertEquals(k.integer("hs"), pk.hs(), "h_s = y^N mod N^2");
      assertEquals(v.integer("bits").intValue(), pk.bits());
      List<PaillierCiphertext> cts = new ArrayList<>();
      for (Object o : v.list("cases")) {
        Vector c = new Vector(castMap(o));
        BigInteger m = c.integer("m");
        PaillierCiphertext ct = pk.encrypt(m, c.integer("a"));
        assertEquals(c.integer("c"), ct.value(), "Enc(m; a)");
        assertEquals(c.integer("cClassical"), pk.encryptClassical(m, c.integer("r")).value(), "Enc'");
        assertEquals(m, keys.privateKey().decrypt(ct), "Dec");
        assertEquals(m, keys.privateKey().decrypt(new PaillierCiphertext(c.integer("cClassical"))));
        assertEquals(c.integer("mModP"), keys.privateKey().decryptBounded(ct), "DecB");
        cts.add(ct);
      }
      PaillierCiphertext product = pk.aggregate(cts);
      assertEquals(v.integer("product"), product.value(), "product");
      assertEquals(v.integer("productPlaintext"), keys.privateKey().decrypt(product));
    }
  }

  @Test
  void keyGeneration_fromDeterministicSource_matchesVectors() {
    for (Vector v : Vectors.load("blinding/keygen.json")) {
      KeySize size = KeySize.ofBits(v.integer("bits").intValue()).orElseThrow();
      PaillierKeyPair keys =
          PaillierKeyPair.generate(size, DeterministicRandomSource.fromSeed(v.longValue("seed")));
      assertEquals(v.integer("p"), keys.privateKey().p(SecretAccess.grant()), "p");
      assertEquals(v.integer("q"), keys.privateKey().q(SecretAccess.grant()), "q");
      assertEquals(v.integer("p").multiply(v.integer("q")), keys.publicKey().n());
      assertEquals(v.integer("hs"), keys.publicKey().hs(), "h_s from y");
    }
  }

  @SuppressWarnings("unchecked") // JSON objects are parsed as Map<String, Object>
  static java.util.Map<String, Object> castMap(Object o) {
    return (java.util.Map<String, Object>) o;
  }
}
