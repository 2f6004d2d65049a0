// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.keys.SigningKeyHandle;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.EnvelopeCodec;
import io.gridveil.core.party.ProtocolEvent;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.EventCodec;
import io.gridveil.core.runtime.KeyAlias;
import io.gridveil.core.runtime.KeyKind;
import io.gridveil.core.runtime.KeyVault;
import io.gridveil.core.runtime.Role;
import io.gridveil.core.runtime.Route;
import io.gridveil.core.runtime.RuntimeChecks;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.StoredState;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.distortion.reconstruction.BinnedDistribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the three distortion handles share (spec/runtime.md §3.3, §3.4, §6.2): the frame codec,
 * the routes of the distortion role addresses, the event codec of the outbox, the section
 * helpers and the role keys in the vault (§5.4).
 */
final class DistortionHandles {
  static final EnvelopeCodec<DistortionMessage> CODEC = EnvelopeCodec.of(DistortionCodec.INSTANCE);
  /** Every section of a distortion role starts with this u16 schema version. */
  static final int SCHEMA = 1;
  private static final int ID_MAX = 255;

  private DistortionHandles() {}

  /**
   * Routes a distortion recipient (spec/runtime.md §3.4): LOCAL_CONCENTRATOR is the group's
   * collector, SUPPLIER the utility, a meter identity its meter.
   */
  static Optional<Route> route(GroupId group, Address recipient) {
    if (recipient instanceof Address.LocalConcentrator) {
      return Optional.of(new Route.ToRole(group, Role.COLLECTOR));
    }
    if (recipient instanceof Address.Supplier) {
      return Optional.of(new Route.ToRole(group, Role.UTILITY));
    }
    if (recipient instanceof Address.Identified i) {
      return Optional.of(new Route.ToMeter(group, i.id()));
    }
    return Optional.empty();
  }

  /**
   * Returns the role's Ed25519 key under {@code alias}: imported from {@code material} on first
   * open, generated if there is no material, else the vault's, which must then be the one given
   * (RT-S-04; spec/runtime.md §5.2 item 3).
   */
  static Ed25519SigningKey signingKey(
      KeyVault vault, KeyAlias alias, Optional<SecretBytes> material, RandomSource random)
      throws StoreException {
    if (vault.kindOf(alias).isEmpty()) {
      if (material.isPresent()) {
        vault.importKey(alias, KeyKind.ED25519, material.get());
      } else {
        vault.generate(alias, KeyKind.ED25519, random);
      }
    }
    SigningKeyHandle k = vault.signingKey(alias);
    if (!(k instanceof Ed25519SigningKey e)) {
      // The endpoint signs with a software key only until issue 22 (spec/runtime.md §10.4).
      throw new StoreException(RuntimeChecks.RT_S_04, "alias " + alias + " is not a software key");
    }
    if (material.isPresent()
        && !Ed25519SigningKey.fromSeed(material.get()).publicKey().equals(e.publicKey())) {
      throw new StoreException(
          RuntimeChecks.RT_S_04, "the vault's key under " + alias + " is not the one given");
    }
    return e;
  }

  /** Opens a stored section after its schema version (RT-S-05 if missing, RT-S-02 if newer). */
  static CanonicalReader section(StoredState s, String name) throws StoreException {
    return s.reader(name, SCHEMA);
  }

  static StoreException corrupt(String section, String field) {
    return new StoreException(RuntimeChecks.RT_S_05, "section " + section + ": field " + field);
  }

  static MeterId meterId(CanonicalReader r, String field) throws MalformedMessageException {
    String v = r.ascii8(field, ID_MAX);
    if (!MeterId.isValid(v)) {
      throw new MalformedMessageException(RuntimeChecks.RT_S_05, field, "not a meter identity");
    }
    return new MeterId(v);
  }

  static GroupId groupId(CanonicalReader r, String field) throws MalformedMessageException {
    String v = r.ascii8(field, ID_MAX);
    try {
      return new GroupId(v);
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(RuntimeChecks.RT_S_05, field, "not a group identity");
    }
  }

  static long nonNegative(CanonicalReader r, String field) throws MalformedMessageException {
    long v = r.u64(field);
    if (v < 0) {
      throw new MalformedMessageException(RuntimeChecks.RT_S_05, field, "above 2^63 - 1");
    }
    return v;
  }

  /** A distribution as the body of a LocalDistribution (spec/distortion.md §4.2). */
  static void distribution(BinnedDistribution d, CanonicalWriter w) {
    DistortionCodec.INSTANCE.encode(new DistortionMessage.LocalDistribution(d), w);
  }

  static BinnedDistribution distribution(CanonicalReader r) throws MalformedMessageException {
    return ((DistortionMessage.LocalDistribution)
        DistortionCodec.INSTANCE.decode(DistortionCodec.LOCAL_DISTRIBUTION, r)).distribution();
  }

  /**
   * The outbox encoding of the distortion events (spec/runtime.md §3.3): u8 kind, then
   * 1 LocalReconstructed: ascii8 group, u64 round, distribution, u32 iterations, u8 converged,
   * u64 excluded; 2 DistributionReconstructed: u64 round, distribution, u32 n × ascii8 reporting,
   * u32 n × ascii8 missing; 3 BillReceived: ascii8 meter, u64 cycle, u64 total, u64 slots.
   */
  static final EventCodec EVENTS = new EventCodec() {
    @Override
    public void encode(ProtocolEvent event, CanonicalWriter out) {
      if (event instanceof DistortionEvent.LocalReconstructed l) {
        out.u8(1).ascii8(l.group().value()).u64(l.round().index());
        distribution(l.distribution(), out);
        out.u32(l.iterations()).u8(l.converged() ? 1 : 0).u64(l.excluded());
      } else if (event instanceof DistortionEvent.DistributionReconstructed d) {
        out.u8(2).u64(d.round().index());
        distribution(d.distribution(), out);
        groups(d.reporting(), out);
        groups(d.missing(), out);
      } else if (event instanceof DistortionEvent.BillReceived b) {
        out.u8(3).ascii8(b.meter().value()).u64(b.cycle()).u64(b.total()).u64(b.slots());
      } else {
        throw new IllegalArgumentException(
            "not a distortion event: " + event.getClass().getSimpleName());
      }
    }

    @Override
    public ProtocolEvent decode(CanonicalReader in) throws MalformedMessageException {
      int kind = in.u8("event.kind");
      switch (kind) {
        case 1 -> {
          GroupId g = groupId(in, "event.group");
          Round j = new Round(nonNegative(in, "event.round"));
          BinnedDistribution d = distribution(in);
          int iterations = in.u32("event.iterations");
          int converged = in.u8("event.converged");
          if (iterations < 0 || converged > 1) {
            throw new MalformedMessageException(RuntimeChecks.RT_S_05, "event", "out of range");
          }
          return new DistortionEvent.LocalReconstructed(
              g, j, d, iterations, converged == 1, nonNegative(in, "event.excluded"));
        }
        case 2 -> {
          Round j = new Round(nonNegative(in, "event.round"));
          BinnedDistribution d = distribution(in);
          return new DistortionEvent.DistributionReconstructed(j, d, groups(in), groups(in));
        }
        case 3 -> {
          return new DistortionEvent.BillReceived(meterId(in, "event.meter"),
              nonNegative(in, "event.cycle"), nonNegative(in, "event.total"),
              nonNegative(in, "event.slots"));
        }
        default -> throw new MalformedMessageException(
            RuntimeChecks.RT_S_05, "event.kind", "unknown distortion event");
      }
    }

    private void groups(List<GroupId> groups, CanonicalWriter out) {
      out.u32(groups.size());
      groups.forEach(g -> out.ascii8(g.value()));
    }

    private List<GroupId> groups(CanonicalReader in) throws MalformedMessageException {
      int n = in.u32("event.groups");
      if (n < 0 || n > in.remaining()) {
        throw new MalformedMessageException(RuntimeChecks.RT_S_05, "event.groups", "too many");
      }
      List<GroupId> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(groupId(in, "event.group"));
      }
      return out;
    }
  };
}
