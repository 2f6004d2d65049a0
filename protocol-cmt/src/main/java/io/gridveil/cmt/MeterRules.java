// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.MeterId;
import io.gridveil.core.Token;
import io.gridveil.core.message.Address;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Checks and helpers shared by a meter's member role and its LC role (spec/cmt.md §5, §11). */
final class MeterRules {
  private MeterRules() {}

  static MeterId senderId(Address sender) throws CmtViolationException {
    if (sender instanceof Address.Identified i) {
      return i.id();
    }
    throw new CmtViolationException(CmtChecks.CMT_V_08, "sender is not a meter identity");
  }

  static Token senderToken(Address sender) throws CmtViolationException {
    if (sender instanceof Address.Meter m) {
      return m.token();
    }
    throw new CmtViolationException(CmtChecks.CMT_V_08, "sender is not a meter token");
  }

  static void checkValue(long v, long mask, String field) throws CmtViolationException {
    if ((v & ~mask) != 0) {
      throw new CmtViolationException(CmtChecks.CMT_V_06, field + " not below M");
    }
  }

  static void require(boolean ok, String rule) throws CmtViolationException {
    if (!ok) {
      throw new CmtViolationException(CmtChecks.CMT_S_01, rule);
    }
  }

  static <T> T present(@Nullable T value, String what) {
    if (value == null) {
      throw new IllegalStateException("unreachable: " + what + " is set in this phase");
    }
    return value;
  }

  /** (e1, t1) above (e2, t2): the greater epoch, then the greater token (spec/cmt.md §3.2). */
  static boolean greater(long e1, Token t1, long e2, Token t2) {
    return e1 > e2 || (e1 == e2 && t1.compareTo(t2) > 0);
  }
}
