// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.EndpointTest.Counter;
import io.gridveil.core.auth.EndpointTest.In;
import io.gridveil.core.auth.EndpointTest.Ping;
import io.gridveil.core.auth.EndpointTest.Received;
import io.gridveil.core.auth.EndpointTest.Send;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * spec/runtime.md §6.2: the endpoint exports and imports its replay windows and tells the first
 * unused sequence number, without changing its behaviour (spec/auth.md §7); and the header-only
 * decode of spec/runtime.md §3.5 item 1.
 */
class EndpointStateTest {
  private static final GroupId GROUP = new GroupId("north-7");
  private final RandomSource random = DeterministicRandomSource.fromSeed(9);
  private final Ed25519SigningKey supplierKey = Ed25519SigningKey.generate(random);
  private final Ed25519SigningKey aggregatorKey = Ed25519SigningKey.generate(random);
  private final TrustAnchors anchors = TrustAnchors.empty()
      .with(Anchor.of(Address.SUPPLIER, supplierKey.publicKey()))
      .with(Anchor.of(Address.AGGREGATOR, aggregatorKey.publicKey()));

  private Endpoint<Counter, In, Ping> at(Address self, Ed25519SigningKey key, long base) {
    Counter party = Counter.at(self);
    return Endpoint.signing(party, EndpointTest.CODEC, Received::new,
        EnvelopeVerifier.of(EndpointTest.CODEC, party, GROUP, anchors), key, base);
  }

  private byte[] ping(Endpoint<Counter, In, Ping> from, Address self, Address to, long n)
      throws Exception {
    return from.input(new Send(self, to, n), random).outbound().get(0).bytes();
  }

  @Test
  void importedWindows_refuseTheFramesTheExporterAccepted_andAcceptNewOnes() throws Exception {
    Endpoint<Counter, In, Ping> agg = at(Address.AGGREGATOR, aggregatorKey, 0);
    Endpoint<Counter, In, Ping> sup = at(Address.SUPPLIER, supplierKey, 0);
    byte[] f1 = ping(sup, Address.SUPPLIER, Address.AGGREGATOR, 1);
    byte[] f2 = ping(sup, Address.SUPPLIER, Address.AGGREGATOR, 2);
    agg.receive(f1, new Round(3), random);
    agg.receive(f2, new Round(3), random);
    byte[] exported = agg.exportWindows();

    Endpoint<Counter, In, Ping> fresh = at(Address.AGGREGATOR, aggregatorKey, 0);
    fresh.importWindows(exported);
    assertArrayEquals(exported, fresh.exportWindows());
    assertViolation("AUTH-V-08", () -> fresh.receive(f2, new Round(3), random));
    fresh.receive(ping(sup, Address.SUPPLIER, Address.AGGREGATOR, 3), new Round(3), random);
    assertEquals(1, fresh.party().accepted);
    assertFalse(java.util.Arrays.equals(exported, fresh.exportWindows()));
  }

  @Test
  void exportWindows_dependsOnContentOnly_andMalformedImportIsRefused() throws Exception {
    Endpoint<Counter, In, Ping> a = at(Address.AGGREGATOR, aggregatorKey, 0);
    Endpoint<Counter, In, Ping> b = at(Address.AGGREGATOR, aggregatorKey, 0);
    Endpoint<Counter, In, Ping> sup = at(Address.SUPPLIER, supplierKey, 0);
    byte[] f1 = ping(sup, Address.SUPPLIER, Address.AGGREGATOR, 1);
    byte[] f2 = ping(sup, Address.SUPPLIER, Address.GROUP_BROADCAST, 1);
    a.receive(f1, new Round(3), random);
    a.receive(f2, new Round(3), random);
    b.receive(f2, new Round(3), random);
    b.receive(f1, new Round(3), random);
    assertArrayEquals(a.exportWindows(), b.exportWindows());
    byte[] bad = a.exportWindows();
    bad[1] = 9;
    assertViolation("CORE-E-07", () -> b.importWindows(bad));
    byte[] longer = java.util.Arrays.copyOf(a.exportWindows(), a.exportWindows().length + 1);
    assertViolation("CORE-E-06", () -> b.importWindows(longer));
    assertArrayEquals(a.exportWindows(), b.exportWindows(), "a refused import changes nothing");
  }

  @Test
  void nextUnusedSequence_isTheBaseOrOneAboveTheHighestSealed() throws Exception {
    Endpoint<Counter, In, Ping> sup = at(Address.SUPPLIER, supplierKey, 700);
    assertEquals(700, sup.nextUnusedSequence());
    ping(sup, Address.SUPPLIER, Address.AGGREGATOR, 1);
    ping(sup, Address.SUPPLIER, Address.AGGREGATOR, 1);
    ping(sup, Address.SUPPLIER, Address.GROUP_BROADCAST, 1);
    assertEquals(702, sup.nextUnusedSequence());
  }

  @Test
  void headerOnlyDecode_readsRecipientAndGroup_withoutVerifying() throws Exception {
    Endpoint<Counter, In, Ping> sup = at(Address.SUPPLIER, supplierKey, 0);
    byte[] f = ping(sup, Address.SUPPLIER, Address.identified(new MeterId("m-9")), 1);
    f[f.length - 1] ^= 1; // breaks the signature, not the header
    EnvelopeCodec.Header h = EnvelopeCodec.header(AuthCodec.unverifiedFrame(f));
    assertEquals(Address.identified(new MeterId("m-9")), h.recipient());
    assertEquals(Address.SUPPLIER, h.sender());
    assertEquals(GROUP, h.group());
    assertEquals(new Round(3), h.round());
    assertViolation("AUTH-E-01", () -> AuthCodec.unverifiedFrame(new byte[] {9}));
    assertViolation("CORE-E-01", () -> EnvelopeCodec.header(new byte[] {2, 0, 0}));
    assertTrue(AuthCodec.unverifiedFrame(f).length < f.length);
  }
}
