// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.CoreChecks;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The supplier's list of revoked licence serials, with a version that only increases
 * (spec/auth.md §5.3).
 *
 * @param version the list's version; a verifier accepts only a newer one
 * @param revoked the revoked serial numbers
 */
public record RevocationList(long version, Set<Long> revoked) {
  /** The largest number of serials in one list. */
  public static final int MAX_SERIALS = 100_000;

  /** The list before any revocation. */
  public static final RevocationList NONE = new RevocationList(0, Set.of());

  /**
   * Copies the set.
   *
   * @param version the list's version; a verifier accepts only a newer one
   * @param revoked the revoked serial numbers
   * @throws IllegalArgumentException if the version is negative or the list too long
   */
  public RevocationList {
    if (version < 0) {
      throw new IllegalArgumentException("version must be non-negative");
    }
    if (revoked.size() > MAX_SERIALS) {
      throw new IllegalArgumentException("too many revoked serials");
    }
    revoked = Set.copyOf(revoked);
  }

  /**
   * Tells whether a licence is revoked.
   *
   * @param serial the licence serial
   * @return true if listed
   */
  public boolean isRevoked(long serial) {
    return revoked.contains(serial);
  }

  byte[] encode() {
    SortedSet<Long> sorted = new TreeSet<>(Long::compareUnsigned);
    sorted.addAll(revoked);
    CanonicalWriter w = new CanonicalWriter().u64(version).u32(sorted.size());
    for (long s : sorted) {
      w.u64(s);
    }
    return w.toByteArray();
  }

  static RevocationList decode(CanonicalReader r) throws MalformedMessageException {
    long version = r.u64("revocation.version");
    int n = r.u32("revocation.count");
    if (version < 0 || n > MAX_SERIALS || n > r.remaining() / 8) {
      throw new MalformedMessageException(CoreChecks.CORE_E_07, "revocation", "bad header");
    }
    List<Long> serials = new ArrayList<>(n);
    long previous = 0;
    for (int i = 0; i < n; i++) {
      long s = r.u64("revocation.serial");
      if (i > 0 && Long.compareUnsigned(s, previous) <= 0) {
        throw new MalformedMessageException(
            CoreChecks.CORE_E_07, "revocation.serial", "serials not strictly increasing");
      }
      serials.add(s);
      previous = s;
    }
    return new RevocationList(version, Set.copyOf(serials));
  }
}
