// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.MeterId;
import io.gridveil.core.Token;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.secret.SecretLong;
import java.util.Objects;
import java.util.Optional;

/**
 * A meter's member state (spec/runtime.md §7.2, spec/cmt.md §5.1): one variant per member phase,
 * each with exactly its data, none of it null. Immutable; the variants that hold secrets or key
 * material have a redacted toString.
 */
sealed interface MemberState {
  /** The phase of spec/cmt.md §5.1 this variant stands for. */
  Meter.Phase phase();

  /** Not started. */
  record Off() implements MemberState {
    @Override
    public Meter.Phase phase() {
      return Meter.Phase.OFF;
    }
  }

  /** Licence requested (spec/cmt.md §3.1). */
  record AwaitingLicence() implements MemberState {
    @Override
    public Meter.Phase phase() {
      return Meter.Phase.AWAIT_LICENCE;
    }
  }

  /**
   * Looking for the LC (spec/cmt.md §3.2): the licence, the discovery broadcasts so far, and the LC
   * this meter has heard of, if any (an announcement during discovery, or the LC it followed
   * before it had to join again, spec/cmt.md §3.9).
   */
  record Discovering(SignedLicence licence, int attempts, Optional<LcLink> lc)
      implements MemberState {
    public Discovering {
      Objects.requireNonNull(licence, "licence");
      Objects.requireNonNull(lc, "lc");
    }

    @Override
    public Meter.Phase phase() {
      return Meter.Phase.DISCOVERING;
    }
  }

  /** Token assigned, waiting for a re-registration (spec/cmt.md §3.3). */
  record Joined(SignedLicence licence, LcLink lc, Token token) implements MemberState {
    public Joined {
      Objects.requireNonNull(licence, "licence");
      Objects.requireNonNull(lc, "lc");
      Objects.requireNonNull(token, "token");
    }

    @Override
    public Meter.Phase phase() {
      return Meter.Phase.JOINED;
    }

    Joined withLc(LcLink link) {
      return new Joined(licence, link, token);
    }
  }

  /** Key share sent for ε, waiting for the ring placement (spec/cmt.md §3.4). */
  record Registering(Joined joined, Registration registration) implements MemberState {
    public Registering {
      Objects.requireNonNull(joined, "joined");
      Objects.requireNonNull(registration, "registration");
    }

    @Override
    public Meter.Phase phase() {
      return Meter.Phase.REGISTERING;
    }
  }

  /** In the ring of ε (spec/cmt.md §3.6), with the ring sum forwarded, if any (§3.5). */
  record Active(Registering registering, RingPlacement placement,
      Optional<SecretLong> forwardedSum) implements MemberState {
    public Active {
      Objects.requireNonNull(registering, "registering");
      Objects.requireNonNull(placement, "placement");
      Objects.requireNonNull(forwardedSum, "forwardedSum");
    }

    @Override
    public Meter.Phase phase() {
      return Meter.Phase.ACTIVE;
    }

    @Override
    public String toString() {
      return "Active[epoch=" + placement.epoch() + ", redacted]";
    }
  }

  /**
   * Left the group (spec/cmt.md §3.9). It keeps what it held when it left (licence, ring token,
   * the LC it followed), so that a frame still addressed to it reaches it and is refused by its
   * phase (CMT-S-01), as before the re-cut.
   */
  record Left(SignedLicence licence, LcLink lc, Token token) implements MemberState {
    @Override
    public Meter.Phase phase() {
      return Meter.Phase.LEFT;
    }
  }

  /** The LC this meter follows: its ring token T_LC, its identity and its epoch. */
  record LcLink(Token token, MeterId id, long epoch) {
    public LcLink {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(id, "id");
    }
  }

  /** The ring placement of ε (spec/cmt.md §3.4 step 4). */
  record RingPlacement(long epoch, Token predecessor, MeterId predecessorId, Token successor,
      int n, boolean secureSum) {}

  /**
   * The registration for one epoch: the reading-token key (spec/cmt.md §11.4), pk_T, sent in the
   * key share, and the MAC key derived from sk_T and pk_S (sk_T itself is not kept); and the
   * epoch's keys k_i1 and F_(d_i), derived once here (spec/runtime.md §7.5).
   */
  record Registration(long epoch, X25519PublicKey tokenKey, ReadingKey readingKey,
      EpochKeys keys) {
    @Override
    public String toString() {
      return "Registration[epoch=" + epoch + ", redacted]";
    }
  }
}
