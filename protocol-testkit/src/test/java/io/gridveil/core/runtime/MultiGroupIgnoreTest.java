// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.GroupId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.random.DeterministicRandomSource;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * spec/runtime.md §3.5 item 1 for a role whose verifier serves several groups (the distortion
 * utility, distortion.md §13.2): a frame of a served group that is not the role's own is
 * processed; a frame of a group it does not serve is ignored from its header.
 */
class MultiGroupIgnoreTest {
  static final GroupId OTHER = new GroupId("toy-2");
  static final GroupId THIRD = new GroupId("toy-3");

  static RoleRuntime<ToyRole.Tally, ToyRole.In, ToyRole.Ping> aggregator(Set<GroupId> served)
      throws StoreException {
    return RoleRuntime.open(RoleStore.inMemory(), RoleAddress.of(ToyRole.GROUP, Role.AGGREGATOR),
        ToyRole.TIMING, ToyRole.SCHEDULE, DeterministicRandomSource.fromSeed(3), ToyRole.BINDING,
        resumed -> {
          ToyRole.Tally party = new ToyRole.Tally(Address.AGGREGATOR, Address.SUPPLIER, 0, 0);
          return Endpoint.signing(party, ToyRole.CODEC, ToyRole.Received::new,
              EnvelopeVerifier.of(ToyRole.CODEC, party, served, ToyRole.ANCHORS),
              ToyRole.AGGREGATOR_KEY, resumed.sequenceBase());
        });
  }

  static byte[] ping(GroupId group, long n, long seq) {
    return AuthCodec.sign(ToyRole.CODEC.encode(new Envelope<>(Address.SUPPLIER,
        Address.AGGREGATOR, group, Round.FIRST, new ToyRole.Ping(n))), seq, ToyRole.SUPPLIER_KEY);
  }

  @Test
  void frameOfAServedGroup_isProcessed_andOfAnUnservedGroup_isIgnored() throws Exception {
    var multi = aggregator(Set.of(ToyRole.GROUP, OTHER));
    Outbox o = multi.onFrame(ping(OTHER, 5, 0), LogicalTime.ZERO);
    assertFalse(o.ignored());
    assertTrue(o.refusal().isEmpty());
    assertEquals(5, multi.party().total());
    assertTrue(multi.onFrame(ping(THIRD, 7, 1), LogicalTime.ZERO).ignored());
    assertEquals(5, multi.party().total());

    var single = aggregator(Set.of(ToyRole.GROUP));
    assertTrue(single.onFrame(ping(OTHER, 5, 0), LogicalTime.ZERO).ignored());
    assertFalse(single.onFrame(ping(ToyRole.GROUP, 4, 1), LogicalTime.ZERO).ignored());
    assertEquals(4, single.party().total());
  }
}
