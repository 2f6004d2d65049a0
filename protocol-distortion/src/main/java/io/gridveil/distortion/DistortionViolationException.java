// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.CheckId;
import io.gridveil.core.ProtocolViolationException;

/**
 * Input from outside a distortion party (a sensor, a peer, stored state) broke a rule of
 * spec/distortion.md; the party's state is unchanged (spec/distortion.md §8).
 *
 * <p>The message names the check and the rule, never a reading or a bill.
 */
public final class DistortionViolationException extends ProtocolViolationException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param checkId the check that failed, one of {@link DistortionChecks}
   * @param detail the rule that failed, naming fields only
   */
  public DistortionViolationException(CheckId checkId, String detail) {
    super(checkId, detail);
  }
}
