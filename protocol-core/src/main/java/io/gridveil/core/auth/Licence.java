// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.CoreChecks;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import java.util.Objects;

/**
 * The supplier's licence for a meter (spec/auth.md §5.1): it binds the meter's identity, its
 * Ed25519 public key and its group for a period of rounds.
 *
 * @param serial the licence's serial number, the handle for revocation
 * @param meter the meter's identity
 * @param meterKey the meter's control-plane public key
 * @param group the group it may join
 * @param validFrom the first round of validity
 * @param validUntil the last round of validity (inclusive)
 */
public record Licence(
    long serial, MeterId meter, Ed25519PublicKey meterKey, GroupId group, Round validFrom,
    Round validUntil) {

  /**
   * Validates the components.
   *
   * @param serial the licence's serial number, the handle for revocation
   * @param meter the meter's identity
   * @param meterKey the meter's control-plane public key
   * @param group the group it may join
   * @param validFrom the first round of validity
   * @param validUntil the last round of validity (inclusive)
   * @throws IllegalArgumentException if validUntil precedes validFrom
   */
  public Licence {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(meterKey, "meterKey");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validUntil, "validUntil");
    if (validUntil.isBefore(validFrom)) {
      throw new IllegalArgumentException("validUntil precedes validFrom");
    }
  }

  /**
   * Returns the trust anchor for the licensed meter's key: it signs as the meter's identity
   * during the licence's validity.
   *
   * @return the anchor
   */
  public Anchor anchor() {
    return new Anchor(Address.identified(meter), meterKey, validFrom, validUntil);
  }

  byte[] encode() {
    return new CanonicalWriter()
        .u64(serial)
        .ascii8(meter.value())
        .fixed(meterKey.toBytes())
        .ascii8(group.value())
        .u64(validFrom.index())
        .u64(validUntil.index())
        .toByteArray();
  }

  static Licence decode(CanonicalReader r) throws MalformedMessageException {
    long serial = r.u64("licence.serial");
    String meter = r.ascii8("licence.meter", MeterId.MAX_LENGTH);
    byte[] key = r.fixed("licence.meterKey", Ed25519PublicKey.LENGTH);
    String group = r.ascii8("licence.group", GroupId.MAX_LENGTH);
    long from = r.u64("licence.validFrom");
    long until = r.u64("licence.validUntil");
    if (!MeterId.isValid(meter) || !GroupId.isValid(group)) {
      throw new MalformedMessageException(CoreChecks.CORE_E_07, "licence", "bad identifier");
    }
    if (from < 0 || until < 0 || from == Long.MAX_VALUE || until == Long.MAX_VALUE || until < from) {
      throw new MalformedMessageException(CoreChecks.CORE_E_07, "licence", "bad validity period");
    }
    return new Licence(serial, new MeterId(meter), Ed25519PublicKey.of(key), new GroupId(group),
        new Round(from), new Round(until));
  }
}
