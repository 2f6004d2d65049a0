// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.network.FaultPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scenarios the network property once found, kept as examples (spec/cmt.md §3.6 step 3). */
class CmtNetworkRegressionTest {
  @Test
  void lcLeftThenRotation_settledGroup_roundIsExact() {
    new CmtNetworkProperties().everyExactRound_isThePlaintextSumOfItsMembers(
        new CmtNetworkProperties.Scenario(new FaultPlan(0, 0, 0, 0, true),
            List.of(CmtNetworkProperties.Action.ROUND, CmtNetworkProperties.Action.LEAVE,
                CmtNetworkProperties.Action.ROUND, CmtNetworkProperties.Action.ROUND,
                CmtNetworkProperties.Action.ROUND, CmtNetworkProperties.Action.ROTATE,
                CmtNetworkProperties.Action.ROUND), 285488, false));
  }
}
