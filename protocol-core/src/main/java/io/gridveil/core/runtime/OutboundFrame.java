// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import java.util.Arrays;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One authenticated frame to send and its route (spec/runtime.md §3.3). Copies its bytes in and
 * out; prints its route and size only.
 */
public final class OutboundFrame {
  private final Route route;
  private final byte[] bytes;

  /**
   * Creates a frame.
   *
   * @param route where it goes
   * @param bytes the authenticated frame (spec/auth.md §3), copied
   */
  public OutboundFrame(Route route, byte[] bytes) {
    this.route = Objects.requireNonNull(route, "route");
    this.bytes = bytes.clone();
  }

  /**
   * Returns where the frame goes.
   *
   * @return the route
   */
  public Route route() {
    return route;
  }

  /**
   * Returns the frame's bytes.
   *
   * @return a copy
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * Returns the frame's length.
   *
   * @return the number of bytes
   */
  public int size() {
    return bytes.length;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof OutboundFrame f && route.equals(f.route) && Arrays.equals(bytes, f.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * route.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "OutboundFrame[" + route + ", " + bytes.length + " bytes]";
  }
}
