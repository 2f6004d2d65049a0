// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.message;

/** Exposes the opaque test codec to the tests of other packages. */
public final class OpaqueCodecAccess {
  private OpaqueCodecAccess() {}

  /**
   * Returns the frame codec over opaque CORE bodies.
   *
   * @return the codec
   */
  public static EnvelopeCodec<?> codec() {
    return EnvelopeCodec.of(new OpaqueCodec());
  }
}
