// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.message.Address;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An active network attacker for end-to-end properties (spec/adversary.md, spec/auth.md §10): it
 * sees every frame on the wire and, at a chosen rate, injects replays, misrouted copies, bit-flipped
 * copies, truncations and frames it re-signs with the credentials it holds (its own key, or a
 * licence that is not valid for the target group: foreign, expired or revoked). It holds no key
 * the receivers trust for the group except those of spec/adversary.md §3.1: once a meter's
 * licence is revoked or has expired, {@link #compromise} hands it that meter's key, which it then
 * also uses alone (kind 1, as the device key a CMT supplier may still hold as an enrolment anchor)
 * and with the meter's licence (kind 3).
 *
 * <p>Usage: call {@link #observe} for every frame a party sends, and {@link #inject} once per
 * network tick; deliver the injections like any frame, and report each one the receiver accepted
 * with {@link #accepted}. {@link #forgeriesAccepted()} must stay 0.
 */
public final class ActiveAttacker {
  /** What an injection does. */
  public enum Kind {
    /** An earlier frame, again, to its recipient. */
    REPLAY,
    /** An earlier frame to another recipient. */
    MISROUTE,
    /** A copy with one bit flipped. */
    FLIP,
    /** A copy cut short. */
    TRUNCATE,
    /** The inner frame, modified or not, signed with the attacker's own key. */
    FORGE_SIGNED,
    /** The inner frame, modified or not, signed under a licence not valid for the target. */
    FORGE_LICENSED,
    /** The inner frame under a made-up token and tag. */
    FORGE_MACED,
    /**
     * The inner frame, modified or not, signed (kind 1) with the key of a meter whose licence was
     * revoked or has expired (spec/adversary.md §3.1).
     */
    FORGE_COMPROMISED;

    /** Tells whether a receiver may never accept this kind, whatever happened before. */
    boolean isForgery() {
      return this != REPLAY && this != MISROUTE;
    }
  }

  /** One frame the attacker puts on the wire: where it is delivered, the bytes, what it is. */
  public static final class Injection {
    private final Address recipient;
    private final byte[] bytes;
    private final Kind kind;

    Injection(Address recipient, byte[] bytes, Kind kind) {
      this.recipient = recipient;
      this.bytes = bytes;
      this.kind = kind;
    }

    /**
     * Returns where the frame is delivered.
     *
     * @return the recipient
     */
    public Address recipient() {
      return recipient;
    }

    /**
     * Returns the frame.
     *
     * @return a copy of the bytes
     */
    public byte[] bytes() {
      return bytes.clone();
    }

    /**
     * Returns what the injection does.
     *
     * @return the kind
     */
    public Kind kind() {
      return kind;
    }

    @Override
    public String toString() {
      return "Injection[" + kind + " to " + recipient + "]";
    }
  }

  /**
   * A licence the attacker holds with its key; not valid for the attacked group.
   *
   * @param licence the signed licence
   * @param key its meter key
   */
  public record HeldLicence(SignedLicence licence, Ed25519SigningKey key) {
    /**
     * Validates the components.
     *
     * @param licence the signed licence
     * @param key its meter key
     */
    public HeldLicence {
      Objects.requireNonNull(licence, "licence");
      Objects.requireNonNull(key, "key");
    }
  }

  private static final class Seen {
    final Address recipient;
    final byte[] bytes;

    Seen(Address recipient, byte[] bytes) {
      this.recipient = recipient;
      this.bytes = bytes;
    }
  }

  private static final int MEMORY = 4096;
  private static final List<Kind> KINDS = List.of(Kind.values());

  private final RandomSource random;
  private final int perTick;
  private final Ed25519SigningKey ownKey;
  private final List<HeldLicence> licences;
  private final List<Ed25519SigningKey> compromised = new ArrayList<>();
  private final List<Seen> seen = new ArrayList<>();
  private final List<Address> recipients = new ArrayList<>();
  private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
  private int forgeriesAccepted;
  private long sequence = 1L << 40;

  /**
   * Creates an attacker.
   *
   * @param random its randomness (the test's seeded source)
   * @param perTick how many frames it injects per tick, at least 0
   * @param ownKey a key no receiver trusts
   * @param licences licences it holds that are not valid for the attacked group (may be empty)
   */
  public ActiveAttacker(
      RandomSource random, int perTick, Ed25519SigningKey ownKey, List<HeldLicence> licences) {
    if (perTick < 0) {
      throw new IllegalArgumentException("perTick must be non-negative");
    }
    this.random = Objects.requireNonNull(random, "random");
    this.perTick = perTick;
    this.ownKey = Objects.requireNonNull(ownKey, "ownKey");
    this.licences = new ArrayList<>(licences);
  }

  /**
   * Hands the attacker the key and licence of a meter whose licence has been revoked or has
   * expired (spec/adversary.md §3.1): from now on it signs with that key alone (kind 1) and under
   * that licence (kind 3). Call it only once the revocation has reached the receivers (or the
   * licence has expired at their current round): before that the meter is a legitimate member.
   *
   * @param held the meter's licence and its key
   */
  public void compromise(HeldLicence held) {
    licences.add(Objects.requireNonNull(held, "held"));
    if (!compromised.contains(held.key())) {
      compromised.add(held.key());
    }
  }

  /**
   * Records a frame on the wire.
   *
   * @param recipient its recipient
   * @param bytes the frame
   */
  public void observe(Address recipient, byte[] bytes) {
    if (seen.size() == MEMORY) {
      seen.remove((int) random.uniformLong(MEMORY));
    }
    seen.add(new Seen(recipient, bytes.clone()));
    if (!recipients.contains(recipient)) {
      recipients.add(recipient);
    }
  }

  /**
   * Returns this tick's injections.
   *
   * @return the frames to deliver
   */
  public List<Injection> inject() {
    List<Injection> out = new ArrayList<>();
    if (seen.isEmpty()) {
      return out;
    }
    for (int k = 0; k < perTick; k++) {
      Seen s = seen.get((int) random.uniformLong(seen.size()));
      Kind kind = KINDS.get((int) random.uniformLong(KINDS.size()));
      Injection i = make(kind, s);
      if (i != null) {
        injected.merge(i.kind(), 1, Integer::sum);
        out.add(i);
      }
    }
    return out;
  }

  /**
   * Reports that a receiver accepted an injection. A replay or misroute may be accepted when the
   * genuine copy was lost or the receiver is a legitimate recipient too; a forgery never.
   *
   * @param injection the injection that was accepted
   */
  public void accepted(Injection injection) {
    if (injection.kind().isForgery()) {
      forgeriesAccepted++;
    }
  }

  /**
   * Returns the number of forged, flipped or truncated frames a receiver accepted.
   *
   * @return the count; a sound stack keeps it at 0
   */
  public int forgeriesAccepted() {
    return forgeriesAccepted;
  }

  /**
   * Returns how many injections of a kind were made.
   *
   * @param kind the kind
   * @return the count
   */
  public int injected(Kind kind) {
    return injected.getOrDefault(kind, 0);
  }

  /**
   * Returns the total number of injections.
   *
   * @return the count
   */
  public int injectedTotal() {
    int t = 0;
    for (int c : injected.values()) {
      t += c;
    }
    return t;
  }

  private @Nullable Injection make(Kind kind, Seen s) {
    byte[] b = s.bytes;
    if (kind == Kind.REPLAY) {
      return new Injection(s.recipient, b.clone(), kind);
    }
    if (kind == Kind.MISROUTE) {
      return new Injection(
          recipients.get((int) random.uniformLong(recipients.size())), b.clone(), kind);
    }
    if (kind == Kind.FLIP) {
      byte[] c = b.clone();
      int bit = (int) random.uniformLong(8L * c.length);
      c[bit / 8] ^= (byte) (1 << (bit % 8));
      return new Injection(s.recipient, c, kind);
    }
    if (kind == Kind.TRUNCATE) {
      return new Injection(s.recipient, Arrays.copyOf(b, (int) random.uniformLong(b.length)), kind);
    }
    byte[] frame = innerFrame(b);
    if (frame == null) {
      return null;
    }
    if (random.uniformLong(2) == 0 && frame.length > 0) {
      int bit = (int) random.uniformLong(8L * frame.length);
      frame[bit / 8] ^= (byte) (1 << (bit % 8));
    }
    long seq = sequence++;
    if (kind == Kind.FORGE_COMPROMISED && !compromised.isEmpty()) {
      Ed25519SigningKey k = compromised.get((int) random.uniformLong(compromised.size()));
      return new Injection(s.recipient, AuthCodec.sign(frame, seq, k), kind);
    }
    if (kind == Kind.FORGE_SIGNED || kind == Kind.FORGE_COMPROMISED
        || (kind == Kind.FORGE_LICENSED && licences.isEmpty())) {
      return new Injection(s.recipient, AuthCodec.sign(frame, seq, ownKey), Kind.FORGE_SIGNED);
    }
    if (kind == Kind.FORGE_LICENSED) {
      HeldLicence h = licences.get((int) random.uniformLong(licences.size()));
      return new Injection(
          s.recipient, AuthCodec.signLicensed(frame, seq, h.licence(), h.key()), kind);
    }
    byte[] token = new byte[16];
    random.nextBytes(token);
    byte[] tag = new byte[32];
    random.nextBytes(tag);
    byte[] c =
        new CanonicalWriter().u8(2).fixed(token).u64(seq).bytes32(frame).fixed(tag).toByteArray();
    return new Injection(s.recipient, c, kind);
  }

  /** Extracts the inner frame of a wrapper (spec/auth.md §3.1), or null if it is not one. */
  private static byte @Nullable [] innerFrame(byte[] wrapped) {
    try {
      CanonicalReader r = CanonicalReader.of(wrapped);
      int kind = r.u8("kind");
      if (kind == 1) {
        r.u64("keyId");
      } else if (kind == 2) {
        r.fixed("token", 16);
      } else if (kind == 3) {
        r.bytes16("licence", 512);
      } else {
        return null;
      }
      r.u64("seq");
      return r.bytes32("frame", 1 << 20);
    } catch (MalformedMessageException e) {
      return null;
    }
  }
}
