// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh.psa;

import io.gridveil.core.GroupId;
import io.gridveil.core.Round;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.ec.P256;
import io.gridveil.core.ec.P256Point;
import java.nio.charset.StandardCharsets;

/** PSA's H(j) (spec/ddh.md §7.2) on core's {@link P256#hashToCurve}. */
final class PsaHash {
  /** L, the domain of H (spec/ddh.md §8; a SHA-512 prefix, not an HKDF label). */
  private static final byte[] DOMAIN =
      "gridveil-v1 psa hash-to-curve".getBytes(StandardCharsets.US_ASCII);

  private PsaHash() {}

  /**
   * H(j) = hashToCurve(L, ascii8(group) || u64(j)) (spec/ddh.md §7.2).
   *
   * @param group the group
   * @param round j
   * @return a point, never the identity
   */
  static P256Point h(GroupId group, Round round) {
    byte[] message = new CanonicalWriter().ascii8(group.value()).u64(round.index()).toByteArray();
    return P256.hashToCurve(DOMAIN, message);
  }
}
