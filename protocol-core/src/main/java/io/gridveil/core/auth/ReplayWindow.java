// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

/**
 * A sliding window over one sender's sequence numbers (spec/auth.md §7): the highest accepted
 * number and a bitmap of the 64 numbers at and below it. Immutable.
 *
 * @param highest the highest sequence number accepted, or -1 if none
 * @param seen bit d is set if highest - d was accepted
 */
public record ReplayWindow(long highest, long seen) {
  /** The window size W. */
  public static final int SIZE = 64;

  /** A window that has accepted nothing. */
  public static final ReplayWindow EMPTY = new ReplayWindow(-1, 0);

  /**
   * Accepts a sequence number.
   *
   * @param sequence the number from a verified envelope, at least 0
   * @return the window after accepting it
   * @throws AuthenticationException AUTH-V-08 if already accepted, AUTH-V-09 if older than the
   *     window
   */
  public ReplayWindow accept(long sequence) throws AuthenticationException {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence numbers are non-negative");
    }
    if (sequence > highest) {
      long shift = sequence - highest;
      long bits = shift >= SIZE ? 1L : (seen << shift) | 1L;
      return new ReplayWindow(sequence, bits);
    }
    long d = highest - sequence;
    if (d >= SIZE) {
      throw new AuthenticationException(AuthChecks.AUTH_V_09, "sequence number below the window");
    }
    if ((seen >>> d & 1L) != 0) {
      throw new AuthenticationException(AuthChecks.AUTH_V_08, "sequence number already accepted");
    }
    return new ReplayWindow(highest, seen | (1L << d));
  }
}
