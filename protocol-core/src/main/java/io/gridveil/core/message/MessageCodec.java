// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.message;

import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;

/**
 * A scheme's codec for the bodies of its sealed message type (spec/encoding.md §4).
 *
 * <p>The message type byte is derived from the body's class, never stored beside it.
 *
 * @param <M> the scheme's sealed message type
 */
public interface MessageCodec<M> {
  /**
   * Returns the protocol whose bodies this codec reads.
   *
   * @return the protocol ID
   */
  ProtocolId protocol();

  /**
   * Returns the message type byte of a body.
   *
   * @param body the message
   * @return a value in [0, 255] assigned in the scheme's message table
   */
  int typeOf(M body);

  /**
   * Writes a body's fields.
   *
   * @param body the message
   * @param out the writer
   */
  void encode(M body, CanonicalWriter out);

  /**
   * Reads the fields of a body of the given type; the caller then requires the end of the body.
   *
   * @param type the message type byte
   * @param in a reader confined to the body
   * @return the message
   * @throws MalformedMessageException CORE-E-03 for an unknown type, or the check of the field
   *     that is malformed
   */
  M decode(int type, CanonicalReader in) throws MalformedMessageException;
}
