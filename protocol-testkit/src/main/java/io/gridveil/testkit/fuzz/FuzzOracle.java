// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.random.RandomSource;
import java.lang.management.ManagementFactory;
import java.util.Objects;
import java.util.function.Function;

/**
 * The oracles the fuzz targets and the decoder properties share (issue 15): only the documented
 * checked exceptions escape (any other throwable propagates and is the finding), a refused frame
 * leaves the endpoint unchanged, and a decoder allocates no more than its input justifies.
 */
public final class FuzzOracle {
  /**
   * Bytes a decoder may allocate per input byte: copies of fields, the decoded objects and their
   * encodings for the canonicality check.
   */
  public static final long PER_BYTE = 64;

  /**
   * Bytes any decode may allocate whatever its input: one exception with its stack trace, and
   * under Jazzer the instrumentation's own allocations (hooks on comparisons and the value
   * profile). The bound held over every fuzzing run recorded in SECURITY.md; the first use of a
   * class, which allocates far more, is measured again (see {@link #boundedAllocation}).
   */
  public static final long CONSTANT = 512 * 1024;

  private FuzzOracle() {}

  /** A decode or a step that may fail only with a checked protocol exception. */
  @FunctionalInterface
  public interface Action {
    /**
     * Runs the action.
     *
     * @throws ProtocolViolationException the documented refusal
     */
    void run() throws ProtocolViolationException;
  }

  /**
   * Runs an action and fails unless it allocated at most {@code perByte * inputLength +
   * constant} bytes on this thread; a refusal ({@link ProtocolViolationException}, including
   * MalformedMessageException) counts as an outcome and must name its check ID in its message.
   *
   * @param inputLength the untrusted input's length
   * @param perByte the bytes allowed per input byte
   * @param constant the bytes allowed whatever the input
   * @param action the decode or step; it runs twice if the first run exceeds the bound, so it
   *     must be repeatable
   * @return whether the action completed without a refusal
   */
  public static boolean boundedAllocation(
      long inputLength, long perByte, long constant, Action action) {
    long bound = perByte * inputLength + constant;
    long[] allocated = new long[1];
    boolean accepted = measured(action, allocated);
    if (allocated[0] > bound) {
      // The first use of a class loads and initialises it on the calling thread, which can
      // allocate megabytes; the decode itself is deterministic, so measure it once more.
      accepted = measured(action, allocated);
    }
    assertTrue(
        allocated[0] <= bound,
        "allocated " + allocated[0] + " bytes for " + inputLength + " input bytes");
    return accepted;
  }

  /**
   * Runs a decode under the default bound ({@link #PER_BYTE}, {@link #CONSTANT}).
   *
   * @param inputLength the untrusted input's length
   * @param action the decode
   * @return whether the decode succeeded
   */
  public static boolean boundedAllocation(long inputLength, Action action) {
    return boundedAllocation(inputLength, PER_BYTE, CONSTANT, action);
  }

  /**
   * The frame codec's oracle: any bytes decode to a frame whose encoding is those bytes, or fail
   * with a refusal naming its check, and the decode allocates no more than the input justifies
   * (the default bound).
   *
   * @param <M> the scheme's message type
   * @param codec the frame codec over the scheme's body codec
   * @param input the untrusted bytes
   */
  public static <M> void canonicalFrame(EnvelopeCodec<M> codec, byte[] input) {
    boundedAllocation(input.length, () -> {
      Envelope<M> e = codec.decode(input);
      assertArrayEquals(input, codec.encode(e), "an accepted frame is canonical");
    });
  }

  /**
   * Hands one frame to an endpoint: either the endpoint accepts it, or it refuses with a
   * ProtocolViolationException naming its check and both the party state (by identity, since
   * states are immutable) and its observable description are unchanged.
   *
   * @param <S> the party's state type
   * @param <I> the party's input type
   * @param <M> the scheme's message type
   * @param endpoint the receiving endpoint
   * @param frame the wire bytes
   * @param now the receiver's round
   * @param random the injected random source
   * @param observe what a test can see of the party's state (phase, round, counts)
   * @return whether the endpoint accepted the frame
   */
  public static <S extends AuthenticatedParty<S, I>, I, M> boolean receive(
      Endpoint<S, I, M> endpoint,
      byte[] frame,
      Round now,
      RandomSource random,
      Function<S, ?> observe) {
    S before = endpoint.party();
    Object seen = observe.apply(before);
    try {
      endpoint.receive(frame, now, random);
      return true;
    } catch (ProtocolViolationException refused) {
      assertTrue(
          Objects.requireNonNullElse(refused.getMessage(), "").contains(refused.checkId().value()),
          "a refusal names its check: " + refused.getMessage());
      assertSame(before, endpoint.party(), "a refused frame leaves the party's state");
      assertEquals(seen, observe.apply(endpoint.party()), "a refused frame changes nothing seen");
      return false;
    }
  }

  private static boolean measured(Action action, long[] allocated) {
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(tid);
    boolean accepted = refusalNamesCheck(action);
    allocated[0] = mx.getThreadAllocatedBytes(tid) - before;
    return accepted;
  }

  private static boolean refusalNamesCheck(Action action) {
    try {
      action.run();
      return true;
    } catch (ProtocolViolationException refused) {
      assertTrue(
          Objects.requireNonNullElse(refused.getMessage(), "").contains(refused.checkId().value()),
          "a refusal names its check: " + refused.getMessage());
      return false;
    }
  }
}
