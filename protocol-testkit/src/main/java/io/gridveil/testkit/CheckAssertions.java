// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.core.ProtocolViolationException;
import org.junit.jupiter.api.function.Executable;

/**
 * Assertions that a failure carries the expected check ID of spec/checks.md. The spec-conformance
 * check requires every check ID to appear, as a string literal, in some test: pass it here.
 */
public final class CheckAssertions {
  private CheckAssertions() {}

  /**
   * Asserts that the call throws a checked protocol violation with the given check ID.
   *
   * @param checkId the expected ID, for example {@code "CORE-E-04"}
   * @param call the call
   * @return the exception, for further assertions
   */
  public static ProtocolViolationException assertViolation(String checkId, Executable call) {
    ProtocolViolationException e = assertThrows(ProtocolViolationException.class, call);
    assertEquals(checkId, e.checkId().value(), "check ID");
    return e;
  }

  /**
   * Asserts that the call refuses a parameter with the given check ID.
   *
   * @param checkId the expected ID, for example {@code "CORE-P-04"}
   * @param call the call
   * @return the exception, for further assertions
   */
  public static IllegalParameterException assertRefused(String checkId, Executable call) {
    IllegalParameterException e = assertThrows(IllegalParameterException.class, call);
    assertEquals(checkId, e.checkId().value(), "check ID");
    return e;
  }
}
