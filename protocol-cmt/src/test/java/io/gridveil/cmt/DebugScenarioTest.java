// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.network.FaultPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebugScenarioTest {
  @Test
  void run() {
    new CmtNetworkProperties().everyExactRound_isThePlaintextSumOfItsMembers(
        new CmtNetworkProperties.Scenario(new FaultPlan(0, 0, 0, 0, true),
            List.of(CmtNetworkProperties.Action.ROUND, CmtNetworkProperties.Action.LEAVE,
                CmtNetworkProperties.Action.ROUND, CmtNetworkProperties.Action.ROUND,
                CmtNetworkProperties.Action.ROUND, CmtNetworkProperties.Action.ROTATE,
                CmtNetworkProperties.Action.ROUND), 285488, false));
  }
}
