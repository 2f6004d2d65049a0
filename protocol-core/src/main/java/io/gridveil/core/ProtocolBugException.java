// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core;

/**
 * An impossible state was reached: a bug in GridVeil, never a consequence of input from outside
 * or of a misused handle (spec/runtime.md §5.6 item 2, spec/core.md §7). Unchecked; a caller
 * should not catch it except to report it.
 */
public final class ProtocolBugException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param detail what was impossible, naming no secret or reading
   */
  public ProtocolBugException(String detail) {
    super(detail);
  }

  /**
   * Creates the exception for an impossible checked exception.
   *
   * @param detail what was impossible, naming no secret or reading
   * @param cause the exception that cannot happen
   */
  public ProtocolBugException(String detail, Throwable cause) {
    super(detail, cause);
  }

  /**
   * A computation whose checked exceptions cannot happen (a JDK algorithm every platform has).
   *
   * @param <T> the result type
   */
  @FunctionalInterface
  public interface Infallible<T> {
    /**
     * Runs the computation.
     *
     * @return its result
     * @throws Exception an exception that is a bug if it happens
     */
    T get() throws Exception;
  }

  /**
   * Runs a computation whose exceptions are impossible, for building constants and JDK engines
   * every Java platform provides (spec/runtime.md §5.6 item 2).
   *
   * @param <T> the result type
   * @param what names the computation, for the message
   * @param computation the computation
   * @return its result
   * @throws ProtocolBugException wrapping any exception it throws
   */
  public static <T> T exceptionIsBug(String what, Infallible<T> computation) {
    try {
      return computation.get();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ProtocolBugException(what, e);
    }
  }
}
