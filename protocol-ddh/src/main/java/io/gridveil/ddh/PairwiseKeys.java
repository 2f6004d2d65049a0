// SPDX-License-Identifier: Apache-2.0
package io.gridveil.ddh;

import io.gridveil.core.MeterId;
import io.gridveil.core.auth.AuthenticationException;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.ec.X25519PrivateKey;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.kdf.Label;
import io.gridveil.core.kdf.Prf;
import io.gridveil.core.secret.SecretBytes;

/** The pairwise PRF keys of spec/ddh.md §2.5. */
final class PairwiseKeys {
  /** The label of a ring key k_(i,i+1). */
  static final Label RING = Label.of("gridveil-v1 ddh ring key");
  /** The label of a supplier key k_(i,S). */
  static final Label SUPPLIER = Label.of("gridveil-v1 ddh supplier key");

  private PairwiseKeys() {}

  /**
   * k_(a,b) for ring neighbours a and b: HKDF over X25519(x_a, X_b), bound to the group, the roster
   * version and both members ordered canonically by ID (spec/ddh.md §2.5 step 2).
   */
  static Prf ring(X25519PrivateKey own, RosterEntry self, RosterEntry peer, Roster roster)
      throws DdhViolationException {
    SecretBytes z = agree(own, peer.key());
    boolean selfFirst = self.id().value().compareTo(peer.id().value()) < 0;
    RosterEntry lo = selfFirst ? self : peer;
    RosterEntry hi = selfFirst ? peer : self;
    CanonicalWriter ctx = new CanonicalWriter()
        .ascii8(roster.group().value())
        .u64(roster.version());
    member(ctx, lo.id(), lo.key());
    member(ctx, hi.id(), hi.key());
    return Prf.derive(z, RING, ctx.toByteArray());
  }

  /** k_(i,S): HKDF over X25519(x_i, X_S) = X25519(x_S, X_i) (spec/ddh.md §2.5 step 3). */
  static Prf supplier(X25519PrivateKey own, X25519PublicKey peer, RosterEntry meter, Roster roster)
      throws DdhViolationException {
    SecretBytes z = agree(own, peer);
    CanonicalWriter ctx = new CanonicalWriter()
        .ascii8(roster.group().value())
        .u64(roster.version());
    member(ctx, meter.id(), meter.key());
    ctx.fixed(roster.supplierKey().toBytes());
    return Prf.derive(z, SUPPLIER, ctx.toByteArray());
  }

  /**
   * X25519(x, U), refusing an all-zero result with AUTH-V-14 (spec/ddh.md §2.1, the one rule of
   * spec/runtime.md §9.3, checked in core's {@link X25519PrivateKey#agree}); rethrown as a
   * DdhViolationException with the same check ID so EDAT's signatures keep one exception type.
   */
  private static SecretBytes agree(X25519PrivateKey own, X25519PublicKey peer)
      throws DdhViolationException {
    try {
      return own.agree(peer);
    } catch (AuthenticationException e) {
      throw new DdhViolationException(e.checkId(), "X25519 shared secret is all zero");
    }
  }

  private static void member(CanonicalWriter ctx, MeterId id, X25519PublicKey key) {
    ctx.ascii8(id.value()).fixed(key.toBytes());
  }
}
