// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.GroupId;
import io.gridveil.core.kdf.Prf;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.SecretLong;
import java.util.Objects;

/**
 * One meter's keys for one epoch ε (spec/runtime.md §7.5): the key share k_i1 (spec/cmt.md §2.4)
 * and the delta PRF F_(d_i) (spec/cmt.md §2.5) as core's {@link Prf} (spec/core.md §6.2), derived
 * once when the meter registers for ε and kept while it is registered for it.
 *
 * <p>δ_ij = {@code deltaPrf.evaluateBits(j, b)}: the top b bits of the first 8 bytes of
 * AES_(d_i)(BE64(j) || BE64(0)), one AES block per round. Immutable and thread-safe (core's PRF
 * keeps one cipher per thread). Holds secrets: no equals, redacted toString.
 */
final class EpochKeys {
  private final SecretLong keyShare;
  private final Prf deltaPrf;
  private final int bits;
  private final long mask;

  private EpochKeys(SecretLong keyShare, Prf deltaPrf, int bits) {
    this.keyShare = keyShare;
    this.deltaPrf = deltaPrf;
    this.bits = bits;
    this.mask = bits == 64 ? -1L : (1L << bits) - 1;
  }

  /**
   * Derives k_i1 and d_i from ms_i for (G, ε) (spec/cmt.md §2.4, §2.5).
   *
   * @param secret ms_i
   * @param group G
   * @param epoch ε
   * @param bits b, from 2 to 64
   * @return the epoch's keys
   */
  static EpochKeys derive(MeterSecret secret, GroupId group, long epoch, int bits) {
    long share = CmtScheme.keyShare(secret, group, epoch, bits);
    Prf prf = Prf.derive(secret.bytes(), CmtScheme.LABEL_DELTA, CmtScheme.context(group, epoch));
    return new EpochKeys(SecretLong.of(share), prf, bits);
  }

  /**
   * Builds the keys from explicit material (known-answer tests).
   *
   * @param keyShare k_i1, in [0, 2^b)
   * @param deltaKey d_i, 16 bytes
   * @param bits b, from 2 to 64
   * @return the keys
   * @throws IllegalArgumentException if b, the key length or k_i1 is out of range
   */
  static EpochKeys of(long keyShare, SecretBytes deltaKey, int bits) {
    Objects.requireNonNull(deltaKey, "deltaKey");
    if (bits < 2 || bits > 64) {
      throw new IllegalArgumentException("bits must be in [2, 64]");
    }
    if (bits < 64 && (keyShare >>> bits) != 0) {
      throw new IllegalArgumentException("key share must be below 2^b");
    }
    return new EpochKeys(SecretLong.of(keyShare), Prf.of(deltaKey), bits);
  }

  /**
   * Returns k_i1 (spec/cmt.md §2.4).
   *
   * @return k_i1
   */
  SecretLong keyShare() {
    return keyShare;
  }

  /**
   * Returns the delta PRF F_(d_i) (spec/cmt.md §2.5).
   *
   * @return the PRF
   */
  Prf deltaPrf() {
    return deltaPrf;
  }

  /**
   * δ_ij = F_(d_i)(j) onto Z_(2^b) (spec/cmt.md §2.5).
   *
   * @param round j
   * @return δ_ij
   */
  long delta(long round) {
    return deltaPrf.evaluateBits(round, bits);
  }

  /**
   * k_ij from this meter's delta and the predecessor's (spec/cmt.md §2.6).
   *
   * @param delta δ_ij
   * @param predecessorDelta δ_(i-1)j
   * @return k_ij
   */
  long roundKey(long delta, long predecessorDelta) {
    return CmtScheme.roundKey(keyShare.value(SecretAccess.grant()), delta, predecessorDelta, mask);
  }

  /**
   * A meter's whole per-round work: δ_ij, k_ij and c_ij (spec/cmt.md §2.1, §3.6 steps 2 and 4).
   *
   * @param round j
   * @param reading e_ij, admissible
   * @param predecessorDelta δ_(i-1)j
   * @return c_ij
   */
  long encrypt(long round, long reading, long predecessorDelta) {
    return CmtScheme.encrypt(reading, roundKey(delta(round), predecessorDelta), mask);
  }

  @Override
  public String toString() {
    return "EpochKeys[redacted, b=" + bits + "]";
  }
}
