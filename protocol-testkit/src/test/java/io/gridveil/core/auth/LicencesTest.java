// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import static io.gridveil.testkit.CheckAssertions.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.random.DeterministicRandomSource;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** spec/auth.md §4 and §5: licence validity, revocation, rotation. */
class LicencesTest {
  private final DeterministicRandomSource rng = DeterministicRandomSource.fromSeed(77);
  private final Ed25519SigningKey supplier = Ed25519SigningKey.generate(rng);
  private final Ed25519SigningKey meter = Ed25519SigningKey.generate(rng);
  private final GroupId group = new GroupId("north-7");
  private final TrustAnchors anchors =
      TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER, supplier.publicKey()));
  private final Licence licence =
      new Licence(5, new MeterId("SM-05"), meter.publicKey(), group, new Round(10), new Round(20));
  private final SignedLicence signed = SignedLicence.issue(licence, supplier);

  @Test
  void licence_isAcceptedOnlyInsideItsPeriod() throws Exception {
    assertEquals(licence, Licences.verify(signed, anchors, RevocationList.NONE, group, new Round(10)));
    assertEquals(licence, Licences.verify(signed, anchors, RevocationList.NONE, group, new Round(20)));
    assertViolation(
        "AUTH-V-10", () -> Licences.verify(signed, anchors, RevocationList.NONE, group, new Round(9)));
    assertViolation(
        "AUTH-V-10", () -> Licences.verify(signed, anchors, RevocationList.NONE, group, new Round(21)));
    assertViolation(
        "AUTH-V-07",
        () -> Licences.verify(signed, anchors, RevocationList.NONE, new GroupId("x"), new Round(12)));
  }

  @Test
  void revokedLicence_isRefused_andRevocationListsOnlyMoveForward() throws Exception {
    SignedRevocationList v1 = SignedRevocationList.issue(new RevocationList(1, Set.of(5L)), supplier);
    RevocationList current =
        Licences.update(RevocationList.NONE, SignedRevocationList.decode(v1.encode()), anchors,
            new Round(12));
    assertViolation(
        "AUTH-V-11", () -> Licences.verify(signed, anchors, current, group, new Round(12)));
    assertViolation("AUTH-V-12", () -> Licences.update(current, v1, anchors, new Round(12)));
    SignedRevocationList forged =
        SignedRevocationList.issue(new RevocationList(2, Set.of()), meter);
    assertViolation("AUTH-V-02", () -> Licences.update(current, forged, anchors, new Round(12)));
  }

  @Test
  void licenceSignedByANonSupplierAnchor_isRefused() {
    Ed25519SigningKey ttp = Ed25519SigningKey.generate(rng);
    TrustAnchors withTtp = anchors.with(Anchor.of(Address.TRUSTED_THIRD_PARTY, ttp.publicKey()));
    SignedLicence byTtp = SignedLicence.issue(licence, ttp);
    assertViolation(
        "AUTH-V-06",
        () -> Licences.verify(byTtp, withTtp, RevocationList.NONE, group, new Round(12)));
    byte[] tampered = signed.encode();
    tampered[5] ^= 1; // inside the serial number
    assertViolation(
        "AUTH-V-01",
        () -> Licences.verify(SignedLicence.decode(tampered), anchors, RevocationList.NONE, group,
            new Round(12)));
  }

  @Test
  void rotation_acceptsTheOldKeyUntilTheStatedRound_thenOnlyTheNew() throws Exception {
    Ed25519SigningKey next = Ed25519SigningKey.generate(rng);
    TrustAnchors rotated = anchors.rotate(supplier.publicKey().keyId(), new Round(15), next.publicKey());
    assertEquals(licence, Licences.verify(signed, rotated, RevocationList.NONE, group, new Round(15)));
    assertViolation(
        "AUTH-V-03",
        () -> Licences.verify(signed, rotated, RevocationList.NONE, group, new Round(16)));
    SignedLicence renewed = SignedLicence.issue(licence, next);
    assertEquals(licence, Licences.verify(renewed, rotated, RevocationList.NONE, group, new Round(16)));
    assertViolation(
        "AUTH-V-03",
        () -> Licences.verify(renewed, rotated, RevocationList.NONE, group, new Round(15)));
  }
}
