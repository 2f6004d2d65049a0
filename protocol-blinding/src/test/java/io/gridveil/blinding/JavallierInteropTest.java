// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.n1analytics.paillier.EncryptedNumber;
import com.n1analytics.paillier.PaillierContext;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretAccess;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with javallier 0.6.0, an independent Paillier implementation with g = N + 1
 * (spec/blinding.md §2.4): each decrypts the other's ciphertexts under the same key.
 */
class JavallierInteropTest {
  private final RandomSource random = DeterministicRandomSource.fromSeed(4);

  private static com.n1analytics.paillier.PaillierPrivateKey javallierKey(PaillierKeyPair keys) {
    BigInteger p = keys.privateKey().p(SecretAccess.grant());
    BigInteger q = keys.privateKey().q(SecretAccess.grant());
    com.n1analytics.paillier.PaillierPublicKey pk =
        new com.n1analytics.paillier.PaillierPublicKey(keys.publicKey().n());
    return new com.n1analytics.paillier.PaillierPrivateKey(
        pk, p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE)));
  }

  @Test
  void gridveilCiphertexts_decryptWithJavallier() {
    for (String name : List.of("key-2048", "key-3072")) {
      PaillierKeyPair keys = TestKeys.get(name);
      com.n1analytics.paillier.PaillierPrivateKey jk = javallierKey(keys);
      BigInteger n = keys.publicKey().n();
      for (BigInteger m : List.of(BigInteger.ZERO, BigInteger.valueOf(987654321), n.subtract(BigInteger.ONE),
          random.uniform(n))) {
        PaillierCiphertext c = keys.publicKey().encrypt(m, random);
        assertEquals(m, jk.raw_decrypt(c.value()), name);
      }
      // The aggregate too.
      PaillierCiphertext sum = keys.publicKey().aggregate(List.of(
          keys.publicKey().encrypt(BigInteger.valueOf(40), random),
          keys.publicKey().encrypt(BigInteger.valueOf(2), random)));
      assertEquals(BigInteger.valueOf(42), jk.raw_decrypt(sum.value()));
      // Through javallier's context API as well.
      PaillierContext ctx = jk.getPublicKey().createUnsignedContext();
      EncryptedNumber e = new EncryptedNumber(ctx, keys.publicKey().encrypt(BigInteger.valueOf(77), random).value(), 0);
      assertEquals(BigInteger.valueOf(77), jk.decrypt(e).decodeBigInteger());
    }
  }

  @Test
  void javallierCiphertexts_decryptWithGridveil() throws Exception {
    for (String name : List.of("key-2048", "key-3072")) {
      PaillierKeyPair keys = TestKeys.get(name);
      com.n1analytics.paillier.PaillierPrivateKey jk = javallierKey(keys);
      PaillierContext ctx = jk.getPublicKey().createUnsignedContext();
      BigInteger n = keys.publicKey().n();
      for (BigInteger m : List.of(BigInteger.ZERO, BigInteger.valueOf(123456), random.uniform(n))) {
        BigInteger raw = jk.getPublicKey().raw_encrypt(m);
        PaillierCiphertext c = keys.publicKey().ciphertext(raw);
        assertEquals(m, keys.privateKey().decrypt(c), name);
      }
      BigInteger secure = ctx.encrypt(31337L).obfuscate().calculateCiphertext();
      PaillierCiphertext c = keys.publicKey().ciphertext(secure);
      assertEquals(BigInteger.valueOf(31337), keys.privateKey().decrypt(c));
      assertEquals(BigInteger.valueOf(31337), keys.privateKey().decryptBounded(c));
      // Mixed aggregate: one ciphertext from each implementation.
      PaillierCiphertext mixed = keys.publicKey().add(c, keys.publicKey().encrypt(BigInteger.ONE, random));
      assertEquals(BigInteger.valueOf(31338), jk.raw_decrypt(mixed.value()));
      assertEquals(BigInteger.valueOf(31338), keys.privateKey().decrypt(mixed));
    }
  }
}
