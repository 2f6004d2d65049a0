// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.GroupId;
import io.gridveil.core.Round;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.party.ProtocolEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What one step of a {@link Meter} sends and reports, and the messages that stay inside the meter
 * between its LC role and its member role (spec/runtime.md §7.3): the LC → member messages for its
 * own ring token or the broadcast, and the member's answers to its own LC. Mutable, confined to
 * one step.
 */
final class MeterOut {
  /** A message between the meter's two roles, as it would travel: sender, round, body. */
  record Internal(Address sender, Round round, CmtMessage body) {}

  final List<Envelope<?>> envelopes = new ArrayList<>();
  final List<ProtocolEvent> events = new ArrayList<>();
  final ArrayDeque<Internal> toMember = new ArrayDeque<>();
  final ArrayDeque<Internal> toLc = new ArrayDeque<>();
  private final GroupId group;

  MeterOut(GroupId group) {
    this.group = group;
  }

  /** Sends an envelope on the wire. */
  void send(Address from, Address to, Round round, CmtMessage body) {
    envelopes.add(new Envelope<>(from, to, group, round, body));
  }

  /** Hands an LC → member message to this meter's own member role. */
  void toMember(Address from, Round round, CmtMessage body) {
    toMember.add(new Internal(from, round, body));
  }

  /** Hands a member → LC message to this meter's own LC role. */
  void toLc(Address from, Round round, CmtMessage body) {
    toLc.add(new Internal(from, round, body));
  }
}
