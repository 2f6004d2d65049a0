// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit.fuzz;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.message.MessageCodec;
import io.gridveil.core.message.ProtocolId;
import io.gridveil.testkit.TestPki;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Turns a fuzz input into a sequence of wire frames for one receiving party. Each frame of the
 * input is {@code u8 sealer | u8 sender | u8 recipient | u8 type | i8 roundOffset | u16 length |
 * body}: the target builds the canonical frame of spec/encoding.md §2 with the chosen sender and
 * recipient (from the target's addresses), the target's group, the round {@code now +
 * roundOffset}, the chosen type and the fuzzer's body, and seals it with the chosen {@link Sealer}
 * under a fresh sequence number. One sealer index past the target's sealers sends the body as the
 * whole wire frame, unsealed. A short last body is cut, not padded.
 */
public final class FrameScript {
  /** The most frames one input yields. */
  public static final int MAX_FRAMES = 16;

  private static final int HEADER = 7;

  /** One wire frame and the address it is for, by which a target routes it to a party. */
  public static final class Frame {
    private final Address recipient;
    private final byte[] wire;

    Frame(Address recipient, byte[] wire) {
      this.recipient = recipient;
      this.wire = wire;
    }

    /**
     * Returns the chosen recipient (also for an unsealed frame, whose own header may differ).
     *
     * @return the address
     */
    public Address recipient() {
      return recipient;
    }

    /**
     * Returns the wire bytes.
     *
     * @return the bytes, not copied
     */
    public byte[] wire() {
      return wire;
    }
  }

  private final ProtocolId protocol;
  private final GroupId group;
  private final List<Address> addresses;
  private final List<Sealer> sealers;

  /**
   * Creates the script of a target.
   *
   * @param protocol the scheme's protocol ID
   * @param group the receiver's group
   * @param addresses the senders and recipients the fuzzer chooses from, at least one
   * @param sealers the senders' credentials the fuzzer chooses from
   */
  public FrameScript(
      ProtocolId protocol, GroupId group, List<Address> addresses, List<Sealer> sealers) {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("at least one address");
    }
    this.protocol = protocol;
    this.group = group;
    this.addresses = List.copyOf(addresses);
    this.sealers = List.copyOf(sealers);
  }

  /**
   * The script of a group whose roles sign and whose meters send under their licences: the
   * addresses are the roles, the group broadcast and each meter's identity, in that order; the
   * sealers each role's signing key, then each meter's licence with its key, in that order.
   *
   * @param protocol the scheme's protocol ID
   * @param group the group
   * @param pki the keys and licences of the roles and meters
   * @param roles the role addresses, each with a key in {@code pki}
   * @param meters the meters, each with a licence for {@code group} in {@code pki}
   * @return the script
   */
  public static FrameScript rolesAndMeters(ProtocolId protocol, GroupId group, TestPki pki,
      List<Address> roles, Collection<MeterId> meters) {
    List<Address> addresses = new ArrayList<>(roles);
    addresses.add(Address.GROUP_BROADCAST);
    List<Sealer> sealers = new ArrayList<>();
    for (Address role : roles) {
      sealers.add(Sealer.signed(pki.key(role)));
    }
    for (MeterId id : meters) {
      addresses.add(Address.identified(id));
      sealers.add(Sealer.licensed(pki.licence(id, group), pki.meterKey(id)));
    }
    return new FrameScript(protocol, group, addresses, sealers);
  }

  /**
   * Splits a fuzz input into wire frames.
   *
   * @param data the fuzz input
   * @param now the receiver's round, which round offsets are relative to
   * @return at most {@link #MAX_FRAMES} frames, in input order
   */
  public List<Frame> frames(byte[] data, Round now) {
    List<Frame> out = new ArrayList<>();
    int p = 0;
    long sequence = 0;
    while (out.size() < MAX_FRAMES && data.length - p >= HEADER) {
      int sealer = (data[p] & 0xFF) % (sealers.size() + 1);
      Address sender = addresses.get((data[p + 1] & 0xFF) % addresses.size());
      Address recipient = addresses.get((data[p + 2] & 0xFF) % addresses.size());
      int type = data[p + 3] & 0xFF;
      long round = Math.max(0, now.index() + data[p + 4]);
      int length = ((data[p + 5] & 0xFF) << 8) | (data[p + 6] & 0xFF);
      int start = p + HEADER;
      int end = start + Math.min(length, data.length - start);
      byte[] body = Arrays.copyOfRange(data, start, end);
      p = end;
      if (sealer == sealers.size()) {
        out.add(new Frame(recipient, body));
      } else {
        byte[] frame = envelope(type, sender, recipient, new Round(round), body);
        out.add(new Frame(recipient, sealers.get(sealer).seal(frame, sequence++)));
      }
    }
    return out;
  }

  /**
   * Encodes a frame input for {@link #frames}: the inverse of its parsing, for seed inputs.
   *
   * @param sealer the sealer index
   * @param sender the sender's index among the addresses
   * @param recipient the recipient's index among the addresses
   * @param type the body's type byte
   * @param roundOffset the round relative to the receiver's, in [-128, 127]
   * @param body the body, at most 65535 bytes
   * @return the input bytes of one frame
   */
  public static byte[] input(
      int sealer, int sender, int recipient, int type, int roundOffset, byte[] body) {
    return new CanonicalWriter()
        .u8(sealer)
        .u8(sender)
        .u8(recipient)
        .u8(type)
        .u8(roundOffset & 0xFF)
        .bytes16(body)
        .toByteArray();
  }

  private byte[] envelope(int type, Address sender, Address recipient, Round round, byte[] body) {
    return EnvelopeCodec.of(new RawBodies(protocol, type))
        .encode(new Envelope<>(sender, recipient, group, round, body));
  }

  /**
   * The scheme's frame around a fuzzer-chosen body: {@link EnvelopeCodec} writes the header
   * (spec/encoding.md §2), the body goes in as it is, under the chosen type byte.
   */
  private static final class RawBodies implements MessageCodec<byte[]> {
    private final ProtocolId protocol;
    private final int type;

    RawBodies(ProtocolId protocol, int type) {
      this.protocol = protocol;
      this.type = type;
    }

    @Override
    public ProtocolId protocol() {
      return protocol;
    }

    @Override
    public int typeOf(byte[] body) {
      return type;
    }

    @Override
    public void encode(byte[] body, CanonicalWriter out) {
      out.fixed(body);
    }

    @Override
    public byte[] decode(int type, CanonicalReader in) {
      throw new UnsupportedOperationException("the fuzz script only writes frames");
    }
  }
}
