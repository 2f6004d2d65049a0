// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.secret;

import java.util.Arrays;

/**
 * Best-effort wiping of temporary copies of secrets (spec/core.md §4.2).
 *
 * <p>The JVM may have copied the data already (garbage collection moves objects, JIT registers
 * hold values); wiping narrows the window, it does not close it. SECURITY.md states the policy.
 */
public final class Wipe {
  private Wipe() {}

  /**
   * Overwrites the array with zeros.
   *
   * @param temporary a temporary copy of secret bytes; may be shared by nobody else
   */
  public static void bytes(byte[] temporary) {
    Arrays.fill(temporary, (byte) 0);
  }

  /**
   * Overwrites the array with zeros.
   *
   * @param temporary a temporary copy of secret values
   */
  public static void longs(long[] temporary) {
    Arrays.fill(temporary, 0L);
  }
}
