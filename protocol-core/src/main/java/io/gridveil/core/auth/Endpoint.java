// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.GroupId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.party.Step;
import io.gridveil.core.party.TimerRequest;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The authenticated shell around one sans-I/O party (spec/auth.md §10): it verifies inbound bytes
 * into {@link VerifiedEnvelope}s, applies the replay windows, steps the immutable party, and seals
 * the party's outbound envelopes (signed, licensed or MACed) with per-stream sequence numbers.
 *
 * <p>The endpoint is the one mutable object of the stack, on purpose: its replay windows and
 * sequence counters grow with the number of peers (a local concentrator talks to every member),
 * and an immutable copy per frame would cost O(n) per frame. The party inside stays immutable. A
 * rejected input (a failed verification, a replay, a check of the party) throws and leaves the
 * endpoint unchanged. Not thread-safe: one endpoint per party, driven by one thread.
 *
 * @param <S> the party's state type
 * @param <I> the party's input type
 * @param <M> the scheme's message type
 */
public final class Endpoint<S extends AuthenticatedParty<S, I>, I, M> {
  /** A sealed frame to hand to the transport: where it goes and its bytes. */
  public static final class Outbound {
    private final Address recipient;
    private final GroupId group;
    private final byte[] bytes;

    Outbound(Address recipient, GroupId group, byte[] bytes) {
      this.recipient = recipient;
      this.group = group;
      this.bytes = bytes;
    }

    /**
     * Returns the envelope's recipient, for routing.
     *
     * @return the recipient address
     */
    public Address recipient() {
      return recipient;
    }

    /**
     * Returns the envelope's group, for routing.
     *
     * @return the group
     */
    public GroupId group() {
      return group;
    }

    /**
     * Returns the authenticated frame.
     *
     * @return a copy of the bytes
     */
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public String toString() {
      return "Outbound[to=" + recipient + ", " + bytes.length + " bytes]";
    }
  }

  /**
   * What one input produced. Its {@link #toString()} shows sealed frames by size and the
   * received envelope redacted (spec/core.md §4.3).
   *
   * @param outbound the sealed frames to deliver, in order
   * @param events what the party observed
   * @param received the verified inbound envelope the party accepted, for {@link #receive}
   */
  public record Output(
      List<Outbound> outbound,
      List<ProtocolEvent> events,
      Optional<Envelope<?>> received,
      List<TimerRequest> timers) {
    /**
     * Copies the lists.
     *
     * @param outbound the sealed frames to deliver, in order
     * @param events what the party observed
     * @param received the verified inbound envelope the party accepted, for {@link #receive}
     * @param timers the step's timer requests, in order (spec/runtime.md §4.3)
     */
    public Output {
      outbound = List.copyOf(outbound);
      events = List.copyOf(events);
      Objects.requireNonNull(received, "received");
      timers = List.copyOf(timers);
    }

    /**
     * An output without timer requests.
     *
     * @param outbound the sealed frames to deliver, in order
     * @param events what the party observed
     * @param received the verified inbound envelope the party accepted, for {@link #receive}
     */
    public Output(
        List<Outbound> outbound, List<ProtocolEvent> events, Optional<Envelope<?>> received) {
      this(outbound, events, received, List.of());
    }

    @Override
    public String toString() {
      return "Output[outbound=" + outbound + ", events=" + events + ", received="
          + received.map(Envelope::toString).orElse("none") + ", timers=" + timers + "]";
    }
  }

  /**
   * A stream: frames of one principal and key (two anchors may share a principal), under one
   * sender address, to one recipient address.
   */
  private record Stream(
      Address principal, Optional<KeyId> signer, Address sender, Address recipient) {}

  /**
   * An outbound stream: one sender address to one recipient address, MACed under a reading token
   * or not. A MACed stream is counted apart and from 0 (spec/auth.md §7), so no number of a
   * signed or licensed stream between the same addresses can reach it.
   */
  private record OutStream(Address sender, Address recipient, boolean maced) {}

  private final EnvelopeCodec<M> codec;
  private final Function<VerifiedEnvelope<M>, I> inbound;
  private Ed25519SigningKey signingKey;
  private @Nullable SignedLicence licence;
  private final long sequenceBase;
  private final Map<Stream, ReplayWindow> windows = new HashMap<>();
  private final Map<OutStream, Long> counters = new HashMap<>();
  private LicenceCache licences = new LicenceCache();
  private EnvelopeVerifier<M> verifier;
  private S party;

  private Endpoint(
      S party,
      EnvelopeCodec<M> codec,
      Function<VerifiedEnvelope<M>, I> inbound,
      EnvelopeVerifier<M> verifier,
      Ed25519SigningKey signingKey,
      @Nullable SignedLicence licence,
      long sequenceBase) {
    this.party = party;
    this.codec = codec;
    this.inbound = inbound;
    this.verifier = verifier;
    this.signingKey = signingKey;
    this.licence = licence;
    this.sequenceBase = sequenceBase;
  }

  /**
   * Creates the endpoint of a role whose key is a trust anchor of its peers (supplier, TTP,
   * aggregator, collector): its frames are signed (kind 1).
   *
   * @param <S> the party's state type
   * @param <I> the party's input type
   * @param <M> the scheme's message type
   * @param party the party's initial state
   * @param codec the scheme's frame codec
   * @param inbound wraps a verified envelope into the party's input type
   * @param verifier what the party trusts (anchors, group, revocations)
   * @param signingKey the party's control-plane key
   * @param sequenceBase the first sequence number of each signed or licensed stream: 0 for a new
   *     party, and above every number used before for a party restarted from persisted state; a
   *     MACed stream starts at 0 whatever the base, so that no pseudonymous frame carries this
   *     device-wide counter (spec/auth.md §7)
   * @return the endpoint
   */
  public static <S extends AuthenticatedParty<S, I>, I, M> Endpoint<S, I, M> signing(
      S party,
      EnvelopeCodec<M> codec,
      Function<VerifiedEnvelope<M>, I> inbound,
      EnvelopeVerifier<M> verifier,
      Ed25519SigningKey signingKey,
      long sequenceBase) {
    return create(party, codec, inbound, verifier, signingKey, null, sequenceBase);
  }

  /**
   * Creates the endpoint of a licensed meter: its control frames carry its licence (kind 3), its
   * frames from a token it holds a reading key for go to the supplier MACed (kind 2).
   *
   * @param <S> the party's state type
   * @param <I> the party's input type
   * @param <M> the scheme's message type
   * @param party the party's initial state
   * @param codec the scheme's frame codec
   * @param inbound wraps a verified envelope into the party's input type
   * @param verifier what the party trusts (anchors, group, revocations)
   * @param licence the meter's signed licence
   * @param licenceKey the private key of the licence's meter key
   * @param sequenceBase as for {@link #signing}
   * @return the endpoint
   * @throws IllegalArgumentException if the key is not the licence's key
   */
  public static <S extends AuthenticatedParty<S, I>, I, M> Endpoint<S, I, M> licensed(
      S party,
      EnvelopeCodec<M> codec,
      Function<VerifiedEnvelope<M>, I> inbound,
      EnvelopeVerifier<M> verifier,
      SignedLicence licence,
      Ed25519SigningKey licenceKey,
      long sequenceBase) {
    Objects.requireNonNull(licence, "licence");
    if (!licence.licence().meterKey().equals(licenceKey.publicKey())) {
      throw new IllegalArgumentException("the signing key is not the licence's meter key");
    }
    return create(party, codec, inbound, verifier, licenceKey, licence, sequenceBase);
  }

  private static <S extends AuthenticatedParty<S, I>, I, M> Endpoint<S, I, M> create(
      S party,
      EnvelopeCodec<M> codec,
      Function<VerifiedEnvelope<M>, I> inbound,
      EnvelopeVerifier<M> verifier,
      Ed25519SigningKey signingKey,
      @Nullable SignedLicence licence,
      long sequenceBase) {
    if (sequenceBase < 0) {
      throw new IllegalArgumentException("sequenceBase must be non-negative");
    }
    return new Endpoint<>(
        Objects.requireNonNull(party, "party"),
        Objects.requireNonNull(codec, "codec"),
        Objects.requireNonNull(inbound, "inbound"),
        Objects.requireNonNull(verifier, "verifier"),
        Objects.requireNonNull(signingKey, "signingKey"),
        licence,
        sequenceBase);
  }

  /**
   * Returns the party's current state.
   *
   * @return the state
   */
  public S party() {
    return party;
  }

  /**
   * Returns the verifier in use (anchors, revocations).
   *
   * @return the verifier
   */
  public EnvelopeVerifier<M> verifier() {
    return verifier;
  }

  /**
   * Verifies a frame from the transport and, if it is authentic, fresh and accepted by the
   * party, steps the party with it (spec/auth.md §1 steps 1 to 3).
   *
   * @param bytes the bytes received
   * @param now the receiver's current round (key rotation, licence validity)
   * @param random the injected random source for the party's step
   * @return the sealed frames and the events
   * @throws ProtocolViolationException the malformed, authentication or replay check that failed
   *     (AUTH-V-08, AUTH-V-09), or the party's own check; the endpoint is unchanged
   */
  public Output receive(byte[] bytes, Round now, RandomSource random)
      throws ProtocolViolationException {
    VerifiedEnvelope<M> v =
        verifier.verify(
            bytes, now, party, party.readingKeyring().orElse(null), licences);
    Envelope<M> e = v.envelope();
    Stream stream = new Stream(v.principal(), v.signer(), e.sender(), e.recipient());
    ReplayWindow window = windows.getOrDefault(stream, ReplayWindow.EMPTY).accept(v.sequence());
    Step<S> step = party.step(inbound.apply(v), random);
    Output out = seal(step, e);
    windows.put(stream, window);
    party = step.next();
    return out;
  }

  /**
   * Steps the party with a local input (a timer, a reading, an operator command).
   *
   * @param input the input
   * @param random the injected random source
   * @return the sealed frames and the events
   * @throws ProtocolViolationException the party's check; the endpoint is unchanged
   */
  public Output input(I input, RandomSource random) throws ProtocolViolationException {
    Step<S> step = party.step(input, random);
    Output out = seal(step, null);
    party = step.next();
    return out;
  }

  /**
   * Installs a newer supplier-signed revocation list (spec/auth.md §5.3): licences it revokes are
   * refused from now on, at every frame that carries them.
   *
   * @param list the signed list
   * @param now the current round
   * @throws AuthenticationException AUTH-V-01, -02, -03, -06, or AUTH-V-12 if not newer; the
   *     endpoint is unchanged
   */
  public void updateRevocations(SignedRevocationList list, Round now)
      throws AuthenticationException {
    RevocationList next = Licences.update(verifier.revocations(), list, verifier.anchors(), now);
    verifier = verifier.withRevocations(next);
  }

  /**
   * Replaces the trust anchors (a key rotation, spec/auth.md §4.2).
   *
   * @param anchors the new anchors
   */
  public void trust(TrustAnchors anchors) {
    verifier = verifier.withAnchors(anchors);
    licences = new LicenceCache();
  }

  /**
   * Switches the endpoint to a new licence (a renewal, or the first licence of a meter that
   * signed with its enrolment key until then): later control frames carry it (kind 3).
   *
   * @param next the signed licence
   * @param key the private key of its meter key
   * @throws IllegalArgumentException if the key is not the licence's key
   */
  public void relicense(SignedLicence next, Ed25519SigningKey key) {
    if (!next.licence().meterKey().equals(key.publicKey())) {
      throw new IllegalArgumentException("the signing key is not the licence's meter key");
    }
    licence = next;
    signingKey = key;
  }

  private Output seal(Step<S> step, @Nullable Envelope<M> received) {
    S next = step.next();
    List<Outbound> out = new ArrayList<>(step.outbound().size());
    Map<OutStream, Long> used = new HashMap<>();
    for (Envelope<?> raw : step.outbound()) {
      @SuppressWarnings("unchecked") // parties of this endpoint emit envelopes of its scheme only
      Envelope<M> e = (Envelope<M>) raw;
      byte[] frame = codec.encode(e);
      ReadingKey macKey = readingKeyFor(next, e);
      OutStream s = new OutStream(e.sender(), e.recipient(), macKey != null);
      // §7: a MACed (pseudonymous) stream starts at 0, never at the device-wide base.
      long first = macKey != null ? 0 : sequenceBase;
      long seq = used.getOrDefault(s, counters.getOrDefault(s, first));
      used.put(s, seq + 1);
      byte[] wrapped =
          macKey != null ? AuthCodec.mac(frame, seq, macKey) : signed(next, frame, seq);
      out.add(new Outbound(e.recipient(), e.group(), wrapped));
    }
    counters.putAll(used);
    return new Output(out, step.events(), Optional.ofNullable(received), step.timers());
  }

  /** §10: a frame from a token the party holds a reading key for, to the supplier, is MACed. */
  private @Nullable ReadingKey readingKeyFor(S next, Envelope<M> e) {
    if (e.sender() instanceof Address.Meter m && e.recipient().equals(Address.SUPPLIER)) {
      return next.readingKey(m.token()).orElse(null);
    }
    return null;
  }

  private byte[] signed(S next, byte[] frame, long seq) {
    SignedLicence held = next.licence().orElse(licence);
    return held == null
        ? AuthCodec.sign(frame, seq, signingKey)
        : AuthCodec.signLicensed(frame, seq, held, signingKey);
  }

  /** The schema version of {@link #exportWindows()}. */
  public static final int WINDOWS_SCHEMA = 1;

  /**
   * Returns the first sequence number not yet used on any signed or licensed stream: the
   * sequence base, or one above the highest number sealed. A handle persists a ceiling at or
   * above it before releasing the frames (spec/auth.md §7, spec/runtime.md §6.2); MACed streams
   * are not counted (they start at 0 per token and are never persisted).
   *
   * @return the first unused number
   */
  public long nextUnusedSequence() {
    long next = sequenceBase;
    for (Map.Entry<OutStream, Long> e : counters.entrySet()) {
      if (!e.getKey().maced()) {
        next = Math.max(next, e.getValue());
      }
    }
    return next;
  }

  /**
   * Encodes the replay windows canonically (spec/runtime.md §6.2, the {@code windows} section):
   * u16 schema, u32 count, then per stream in ascending order of its key encoding: bytes16 key
   * (principal, signer flag and key ID, sender, recipient as frame addresses), u64 highest,
   * u64 seen. The encoding depends only on the windows' content.
   *
   * @return the encoding
   */
  public byte[] exportWindows() {
    java.util.TreeMap<String, byte[]> sorted = new java.util.TreeMap<>();
    for (Map.Entry<Stream, ReplayWindow> e : windows.entrySet()) {
      byte[] key = streamKey(e.getKey());
      byte[] entry = new CanonicalWriter().bytes16(key).u64(e.getValue().highest())
          .u64(e.getValue().seen()).toByteArray();
      sorted.put(java.util.HexFormat.of().formatHex(key), entry);
    }
    CanonicalWriter w = new CanonicalWriter().u16(WINDOWS_SCHEMA).u32(sorted.size());
    sorted.values().forEach(w::fixed);
    return w.toByteArray();
  }

  /**
   * Replaces the replay windows with exported ones, for a handle restored from its store; the
   * rest of the endpoint is unchanged.
   *
   * @param encoding the output of {@link #exportWindows()}
   * @throws MalformedMessageException if the encoding is not one {@link #exportWindows()} writes
   */
  public void importWindows(byte[] encoding) throws MalformedMessageException {
    CanonicalReader r = CanonicalReader.of(encoding);
    if (r.u16("windows.schema") != WINDOWS_SCHEMA) {
      throw new MalformedMessageException(
          io.gridveil.core.CoreChecks.CORE_E_07, "windows.schema", "unknown schema");
    }
    int n = r.u32("windows.count");
    Map<Stream, ReplayWindow> read = new HashMap<>();
    for (int i = 0; i < n; i++) {
      CanonicalReader k = CanonicalReader.of(r.bytes16("windows.stream", 1024));
      Address principal = EnvelopeCodec.readAddress(k, "windows.principal");
      int hasSigner = k.u8("windows.signer");
      Optional<KeyId> signer;
      if (hasSigner == 0) {
        signer = Optional.empty();
      } else if (hasSigner == 1) {
        signer = Optional.of(new KeyId(k.u64("windows.keyId")));
      } else {
        throw new MalformedMessageException(
            io.gridveil.core.CoreChecks.CORE_E_07, "windows.signer", "flag must be 0 or 1");
      }
      Address sender = EnvelopeCodec.readAddress(k, "windows.sender");
      Address recipient = EnvelopeCodec.readAddress(k, "windows.recipient");
      k.requireEnd("windows.stream");
      long highest = r.u64("windows.highest");
      long seen = r.u64("windows.seen");
      if (highest < -1 || (highest == -1 && seen != 0)) {
        throw new MalformedMessageException(
            io.gridveil.core.CoreChecks.CORE_E_07, "windows.highest", "window out of range");
      }
      if (read.put(new Stream(principal, signer, sender, recipient),
          new ReplayWindow(highest, seen)) != null) {
        throw new MalformedMessageException(
            io.gridveil.core.CoreChecks.CORE_E_07, "windows.stream", "stream repeated");
      }
    }
    r.requireEnd("windows");
    windows.clear();
    windows.putAll(read);
  }

  private static byte[] streamKey(Stream s) {
    CanonicalWriter w = new CanonicalWriter();
    EnvelopeCodec.writeAddress(w, s.principal());
    if (s.signer().isPresent()) {
      w.u8(1).u64(s.signer().get().value());
    } else {
      w.u8(0);
    }
    EnvelopeCodec.writeAddress(w, s.sender());
    EnvelopeCodec.writeAddress(w, s.recipient());
    return w.toByteArray();
  }

  /**
   * Returns the next sequence number of a stream, for tests of the sealing.
   *
   * @param sender the sender address
   * @param recipient the recipient address
   * @return the number the next frame of that stream will carry
   */
  long nextSequence(Address sender, Address recipient) {
    return counters.getOrDefault(new OutStream(sender, recipient, false), sequenceBase);
  }
}
