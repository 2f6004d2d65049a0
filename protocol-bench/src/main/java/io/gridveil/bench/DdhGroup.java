// SPDX-License-Identifier: Apache-2.0
package io.gridveil.bench;

import io.gridveil.core.GroupId;
import io.gridveil.core.InvalidReadingException;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.ReadingUnit;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.RevocationList;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.ec.X25519PrivateKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.party.RoundOutcome;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.ddh.Admission;
import io.gridveil.ddh.DdhEnrolment;
import io.gridveil.ddh.DdhMeter;
import io.gridveil.ddh.DdhParameters;
import io.gridveil.ddh.DdhSupplier;
import io.gridveil.ddh.DdhViolationException;
import java.util.ArrayList;
import java.util.List;

/**
 * An EDAT group held in memory (spec/ddh.md §2, §3): n meters with their X25519 keys and a signed
 * roster, the supplier, one round's readings and the aggregate of their ciphertexts.
 */
final class DdhGroup {
  /** The largest reading, Wh. */
  static final long T_MAX = 1L << 20;

  final DdhParameters parameters;
  final DdhSupplier supplier;
  final DdhMeter[] meters;
  final Reading[] readings;
  final Round round = new Round(7);
  final long aggregate;
  final long expectedSum;

  /**
   * Sets up a group from a fixed seed (benchmark data) and encrypts one round.
   *
   * @param n the number of meters, at least 3
   * @throws DdhViolationException never for honestly generated keys
   * @throws InvalidReadingException never: readings are drawn within t_max
   * @throws AuthenticationException never: the licences are issued here for the group
   */
  DdhGroup(int n) throws DdhViolationException, InvalidReadingException, AuthenticationException {
    parameters = DdhParameters.of(Math.max(n, 3), T_MAX, 64);
    RandomSource random = DeterministicRandomSource.fromSeed(77L + n);
    GroupId group = new GroupId("bench-ddh");
    Ed25519SigningKey signing = Ed25519SigningKey.generate(random);
    X25519PrivateKey supplierKey = X25519PrivateKey.generate(random);
    List<DdhEnrolment> members = new ArrayList<>(n);
    X25519PrivateKey[] keys = new X25519PrivateKey[n];
    // One licence key shared by the benchmark's meters: the set-up checks licences, the measured
    // operations (encryption, decryption) do not touch them.
    Ed25519SigningKey licenceKey = Ed25519SigningKey.generate(random);
    for (int i = 0; i < n; i++) {
      keys[i] = X25519PrivateKey.generate(random);
      SignedLicence licence =
          SignedLicence.issue(
              new Licence(i + 1L, new MeterId("m" + i), licenceKey.publicKey(), group, Round.FIRST,
                  Anchor.FOREVER),
              signing);
      members.add(new DdhEnrolment(licence, keys[i].publicKey()));
    }
    Admission admission =
        new Admission(
            TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER, signing.publicKey())),
            RevocationList.NONE,
            Round.FIRST);
    supplier = DdhSupplier.create(parameters, group, 1, members, admission, supplierKey, signing);
    meters = new DdhMeter[n];
    readings = new Reading[n];
    long sum = 0;
    long agg = 0;
    for (int i = 0; i < n; i++) {
      meters[i] =
          DdhMeter.create(
              parameters, members.get(i).licence().licence().meter(), keys[i], signing.publicKey(),
              supplier.signedRoster());
      readings[i] = new Reading(random.uniformLong(T_MAX + 1), ReadingUnit.WATT_HOUR);
      sum += readings[i].value();
      agg += meters[i].encrypt(round, readings[i]);
    }
    aggregate = agg;
    expectedSum = sum;
  }

  /**
   * The supplier's decryption of the round, which must be exact and equal the plaintext sum.
   *
   * @return the decrypted sum
   */
  long decryptChecked() {
    RoundOutcome outcome = supplier.decryptSum(round, aggregate);
    if (!(outcome instanceof RoundOutcome.Exact exact) || exact.sum() != expectedSum) {
      throw new IllegalStateException("EDAT round did not decrypt to the plaintext sum");
    }
    return exact.sum();
  }
}
