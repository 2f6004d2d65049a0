// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.testkit.Vector;
import io.gridveil.testkit.Vectors;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The encoding of spec/blinding.md §5.1. */
class BlindingCodecTest {
  private final EnvelopeCodec<BlindingMessage> frames = EnvelopeCodec.of(new BlindingCodec());
  private final GroupId group = new GroupId("g-1");

  @Test
  void everyMessage_roundTripsThroughTheFrame() throws Exception {
    PaillierKeyPair keys = TestKeys.k2048();
    BigInteger n = keys.publicKey().n();
    var rng = DeterministicRandomSource.fromSeed(3);
    SecretBytes s1 = SecretBytes.random(32, rng);
    SecretBytes s2 = SecretBytes.random(32, rng);
    List<BlindingMessage> messages =
        List.of(
            new BlindingMessage.SeedDeal(KeySize.BITS_2048, 2, 3, n, keys.publicKey().hs(), s1, s2),
            new BlindingMessage.GroupSetup(
                KeySize.BITS_2048, n, keys.publicKey().hs(), List.of(new MeterId("a"), new MeterId("b"))),
            BlindingRoundKnownAnswerTest.keyDelivery(keys, 3),
            new BlindingMessage.Contribution(KeySize.BITS_2048, n.multiply(n).subtract(BigInteger.ONE)),
            new BlindingMessage.Aggregate(KeySize.BITS_2048, BigInteger.TWO, 2, 1),
            new BlindingMessage.RecoveryRequest(List.of(1, 3)),
            new BlindingMessage.RecoveryRelease(List.of(2), KeySize.BITS_2048, n.subtract(BigInteger.ONE)));
    int type = 1;
    for (BlindingMessage m : messages) {
      Envelope<BlindingMessage> e = new Envelope<>(Address.AGGREGATOR, Address.SUPPLIER, group, new Round(7), m);
      byte[] frame = frames.encode(e);
      assertEquals(type++, frame[2], "type byte");
      Envelope<BlindingMessage> back = frames.decode(frame);
      assertArrayEquals(frame, frames.encode(back), "canonical re-encoding");
      assertEquals(m.getClass(), back.body().getClass());
      if (m instanceof BlindingMessage.SeedDeal d) {
        BlindingMessage.SeedDeal b = (BlindingMessage.SeedDeal) back.body();
        assertTrue(d.ownSeed().equalsConstantTime(b.ownSeed()));
        assertTrue(d.previousSeed().equalsConstantTime(b.previousSeed()));
        assertEquals(d.hs(), b.hs());
      } else if (!(m instanceof BlindingMessage.KeyDelivery)) {
        assertEquals(m, back.body());
      }
    }
  }

  @Test
  void negativeBodies_failWithTheirCheckIds() {
    BlindingCodec codec = new BlindingCodec();
    int count = 0;
    for (Vector v : Vectors.load("blinding/negative.json")) {
      if (!v.string("kind").equals("body")) {
        continue;
      }
      byte[] body = v.hex("body");
      int type = v.integer("type").intValue();
      MalformedMessageException e =
          (MalformedMessageException)
              assertViolation(
                  v.string("check"),
                  () -> {
                    CanonicalReader r = CanonicalReader.of(body);
                    codec.decode(type, r);
                    r.requireEnd("body");
                  });
      assertEquals(v.string("field"), e.field());
      count++;
    }
    assertEquals(7, count);
  }

  @Test
  void keySizeField_otherThan2048Or3072_isRefused() {
    byte[] body = HexFormat.of().parseHex("0400" + "00".repeat(256));
    assertViolation("BLND-E-01", () -> new BlindingCodec().decode(4, CanonicalReader.of(body)));
  }

  @Test
  void recoveryList_above65535_isRefused() {
    byte[] body = HexFormat.of().parseHex("00010000");
    assertViolation("BLND-E-02", () -> new BlindingCodec().decode(6, CanonicalReader.of(body)));
  }

  @Test
  void secretsNeverInToString() throws Exception {
    PaillierKeyPair keys = TestKeys.k2048();
    String p = keys.privateKey().p(SecretAccess.grant()).toString();
    BlindingMessage.KeyDelivery k = BlindingRoundKnownAnswerTest.keyDelivery(keys, 2);
    assertTrue(!k.toString().contains(p.substring(0, 20)));
    assertTrue(!keys.privateKey().toString().contains(p.substring(0, 20)));
    assertTrue(keys.toString().contains("redacted"));
  }
}
