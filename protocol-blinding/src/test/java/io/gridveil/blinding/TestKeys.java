// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/** The fixed test keys of spec/vectors/blinding/paillier.json, loaded once per JVM. */
final class TestKeys {
  private static final Map<String, PaillierKeyPair> KEYS = new HashMap<>();

  private TestKeys() {}

  static synchronized PaillierKeyPair get(String name) {
    return KEYS.computeIfAbsent(name, TestKeys::load);
  }

  static PaillierKeyPair k2048() {
    return get("key-2048");
  }

  static Vector vector(String name) {
    for (Vector v : Vectors.load("blinding/paillier.json")) {
      if (v.string("name").equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("no key " + name);
  }

  private static PaillierKeyPair load(String name) {
    Vector k = vector(name).object("key");
    BigInteger p = k.integer("p");
    BigInteger q = k.integer("q");
    BigInteger y = k.integer("y");
    int ell = k.integer("exponentBits").intValueExact();
    PaillierPrivateKey sk =
        p.multiply(q).bitLength() >= 2048 ? PaillierPrivateKey.fromPrimes(p, q) : PaillierPrivateKey.toy(p, q);
    return PaillierKeyPair.withBase(sk, y, ell);
  }
}
