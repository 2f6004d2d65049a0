// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.MeterId;
import io.gridveil.core.Token;
import io.gridveil.core.auth.ReadingKey;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.secret.SecretLong;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Every message of the CMT ring (spec/cmt.md §4.1); the message type is derived from the record
 * class by {@link CmtCodec#typeOf}. Which authentication wrapper each message travels in, and
 * under which sender address, is spec/cmt.md §11.1.
 */
public sealed interface CmtMessage {
  /**
   * A member of a handed-over group: its ring token and the identity it belongs to (spec/cmt.md
   * §3.10, §11.2). Not a message by itself.
   *
   * @param token T_i
   * @param meter the meter's identity
   */
  record Member(Token token, MeterId meter) {
    /**
     * Validates that no component is null.
     *
     * @param token T_i
     * @param meter the meter's identity
     * @throws NullPointerException if a component is null
     */
    public Member {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(meter, "meter");
    }
  }

  /**
   * A meter asks the supplier for a licence (spec/cmt.md §3.1).
   *
   * @param meter the requesting identity
   */
  record LicenceRequest(MeterId meter) implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param meter the requesting identity
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a component is null
     */
    public LicenceRequest {
      Objects.requireNonNull(meter, "meter");
    }
  }
  /**
   * The supplier's signed licence for a meter (spec/cmt.md §3.1, spec/auth.md §5.1). The record's
   * equality is that of {@link SignedLicence} (identity); compare encodings instead.
   *
   * @param licence the licence, binding (serial, id, device key, group, validity)
   */
  record LicenceGrant(SignedLicence licence) implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param licence the licence
     * @throws NullPointerException if a component is null
     */
    public LicenceGrant {
      Objects.requireNonNull(licence, "licence");
    }
  }
  /**
   * A licensed meter looks for its group's LC by broadcast (spec/cmt.md §3.2). The licence
   * travels in the wrapper (kind 3), so the body is empty.
   */
  record LcDiscovery() implements CmtMessage {}
  /**
   * An LC announces itself to the group (spec/cmt.md §3.2, §3.10).
   *
   * @param lc T_LC, the LC's token
   * @param epoch the LC's key epoch
   */
  record LcAnnouncement(Token lc, long epoch) implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param lc T_LC, the LC's token
     * @param epoch the LC's key epoch
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a component is null
     */
    public LcAnnouncement {
      Objects.requireNonNull(lc, "lc");
    }
  }
  /**
   * The LC assigns a token to an identity (spec/cmt.md §3.3).
   *
   * @param meter the identity
   * @param token T_i, drawn independently of the identity
   * @param lc T_LC
   * @param epoch the LC's current key epoch
   */
  record TokenAssignment(MeterId meter, Token token, Token lc, long epoch) implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param meter the identity
     * @param token T_i, drawn independently of the identity
     * @param lc T_LC
     * @param epoch the LC's current key epoch
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a component is null
     */
    public TokenAssignment {
      Objects.requireNonNull(meter, "meter");
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(lc, "lc");
    }
  }
  /**
   * The LC opens a re-key for epoch ε (spec/cmt.md §3.4); sent under the LC's identity, it also
   * tells the members which ring token the LC uses.
   *
   * @param epoch ε, the new key epoch
   * @param lc T_LC, the LC's ring token
   */
  record ReRegister(long epoch, Token lc) implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param epoch ε, the new key epoch
     * @param lc T_LC
     * @throws NullPointerException if a component is null
     */
    public ReRegister {
      Objects.requireNonNull(lc, "lc");
    }
  }
  /**
   * A meter's registration, key share and reading-token key for an epoch (spec/cmt.md §3.4). The
   * share is a {@link SecretLong} (spec/core.md §4.3): the record's equality does not compare it
   * by value and its toString does not show it.
   *
   * @param token T_i, the meter's ring token
   * @param epoch ε
   * @param share k_i1, or 0 under the secure sum
   * @param tokenKey pk_T, the meter's fresh X25519 token key of epoch ε (spec/cmt.md §11.4)
   */
  record KeyShare(Token token, long epoch, SecretLong share, X25519PublicKey tokenKey)
      implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param token T_i
     * @param epoch ε
     * @param share k_i1, or 0 under the secure sum
     * @param tokenKey pk_T
     * @throws NullPointerException if a component is null
     */
    public KeyShare {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(share, "share");
      Objects.requireNonNull(tokenKey, "tokenKey");
    }
  }
  /**
   * The LC's ring placement of a meter (spec/cmt.md §3.4).
   *
   * @param epoch ε
   * @param predecessor T_(i-1)
   * @param predecessorId the identity behind T_(i-1), so the meter accepts its deltas only from
   *     that licence (spec/cmt.md §11.2)
   * @param successor T_(i+1)
   * @param n the ring size
   * @param secureSum whether K is computed by the ring secure sum
   */
  record SuccessorAssignment(
      long epoch,
      Token predecessor,
      MeterId predecessorId,
      Token successor,
      int n,
      boolean secureSum) implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param epoch ε
     * @param predecessor T_(i-1)
     * @param predecessorId the identity behind T_(i-1)
     * @param successor T_(i+1)
     * @param n the ring size
     * @param secureSum whether K is computed by the ring secure sum
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a component is null
     */
    public SuccessorAssignment {
      Objects.requireNonNull(predecessor, "predecessor");
      Objects.requireNonNull(predecessorId, "predecessorId");
      Objects.requireNonNull(successor, "successor");
      if (n < 1 || n > 0xffff) {
        throw new IllegalArgumentException("n must be in [1, 65535]");
      }
    }
  }
  /**
   * A partial sum of the secure-sum ring (spec/cmt.md §3.5), a {@link SecretLong} (spec/core.md
   * §4.3).
   *
   * @param epoch ε
   * @param partial r plus the key shares so far, mod M
   */
  record RingSum(long epoch, SecretLong partial) implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param epoch ε
     * @param partial r plus the key shares so far, mod M
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a component is null
     */
    public RingSum {
      Objects.requireNonNull(partial, "partial");
    }
  }
  /**
   * The LC's group key for the supplier, with the members' reading-token keys of the epoch
   * (spec/cmt.md §3.4 step 5, §11.4): the supplier registers them atomically with the key, so no
   * reordering of frames can make it see the key before the tokens. K is a {@link SecretLong}
   * (spec/core.md §4.3).
   *
   * @param epoch ε
   * @param groupKey K
   * @param tokenKeys the members' X25519 token keys pk_T of epoch ε, in strictly ascending order
   *     of their reading tokens {@code ReadingKey.tokenOf(pk_T)} (not ring order); no identity
   */
  record GroupKey(long epoch, SecretLong groupKey, List<X25519PublicKey> tokenKeys)
      implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param epoch ε
     * @param groupKey K
     * @param tokenKeys the members' token keys, ascending by reading token
     * @throws IllegalArgumentException if a key repeats or the keys are not in ascending order
     *     of their reading tokens
     * @throws NullPointerException if a component is null
     */
    public GroupKey {
      Objects.requireNonNull(groupKey, "groupKey");
      tokenKeys = List.copyOf(tokenKeys);
      if (!ascending(tokenKeys)) {
        throw new IllegalArgumentException(
            "token keys must be in strictly ascending order of their reading tokens");
      }
    }

    /**
     * Returns a group key whose token keys are put in the canonical order (ascending reading
     * token).
     *
     * @param epoch ε
     * @param groupKey K
     * @param tokenKeys the members' token keys, in any order, without repeats
     * @return the message
     * @throws IllegalArgumentException if a key repeats
     */
    public static GroupKey sorted(
        long epoch, SecretLong groupKey, Collection<X25519PublicKey> tokenKeys) {
      List<X25519PublicKey> keys = new ArrayList<>(tokenKeys);
      keys.sort(Comparator.comparing(ReadingKey::tokenOf));
      return new GroupKey(epoch, groupKey, keys);
    }

    /**
     * Returns the members' reading tokens R_i = {@code ReadingKey.tokenOf(pk_T)}, in the order of
     * {@link #tokenKeys()} (ascending).
     *
     * @return the reading tokens
     */
    public List<Token> readingTokens() {
      List<Token> out = new ArrayList<>(tokenKeys.size());
      for (X25519PublicKey k : tokenKeys) {
        out.add(ReadingKey.tokenOf(k));
      }
      return List.copyOf(out);
    }

    /**
     * Tells whether token keys are in strictly ascending order of their reading tokens (spec/cmt.md
     * §4.2 rule 2), which also rules out repeats.
     *
     * @param tokenKeys the keys
     * @return true if canonical
     */
    static boolean ascending(List<X25519PublicKey> tokenKeys) {
      @Nullable Token last = null;
      for (X25519PublicKey k : tokenKeys) {
        Token t = ReadingKey.tokenOf(k);
        if (last != null && last.compareTo(t) >= 0) {
          return false;
        }
        last = t;
      }
      return true;
    }
  }
  /**
   * A request for round j, the round travelling in the envelope (spec/cmt.md §3.6).
   *
   * @param epoch ε
   */
  record ReadingRequest(long epoch) implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param epoch ε
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a component is null
     */
    public ReadingRequest {

    }
  }
  /**
   * A meter's delta for its successor (spec/cmt.md §3.6), a {@link SecretLong} (spec/core.md
   * §4.3).
   *
   * @param from T_i, the sender
   * @param epoch ε
   * @param delta δ_ij
   */
  record Delta(Token from, long epoch, SecretLong delta) implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param from T_i, the sender
     * @param epoch ε
     * @param delta δ_ij
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a component is null
     */
    public Delta {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(delta, "delta");
    }
  }
  /**
   * A meter's ciphertext (spec/cmt.md §3.6), MACed under its reading token.
   *
   * @param token the meter's reading token of epoch ε (not its ring token)
   * @param epoch ε
   * @param ciphertext c_ij
   */
  record EncryptedReading(Token token, long epoch, long ciphertext) implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param token T_i
     * @param epoch ε
     * @param ciphertext c_ij
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a component is null
     */
    public EncryptedReading {
      Objects.requireNonNull(token, "token");
    }
  }
  /**
   * A meter tells the LC it sent its ciphertext (spec/cmt.md §3.8).
   *
   * @param token T_i
   * @param epoch ε
   */
  record RoundAck(Token token, long epoch) implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param token T_i
     * @param epoch ε
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a component is null
     */
    public RoundAck {
      Objects.requireNonNull(token, "token");
    }
  }
  /**
   * A meter leaves the group (spec/cmt.md §3.9).
   *
   * @param token T_i
   * @param epoch ε
   */
  record Leave(Token token, long epoch) implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param token T_i
     * @param epoch ε
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a component is null
     */
    public Leave {
      Objects.requireNonNull(token, "token");
    }
  }
  /**
   * The LC hands the role to a member (spec/cmt.md §3.10), or to a greater LC (§3.2 step 4).
   *
   * @param epoch ε, the epoch at hand-over
   * @param members the members' ring tokens with their identities
   */
  record LcHandover(long epoch, List<Member> members) implements CmtMessage {
    /**
     * Validates the components.
     *
     * @param epoch ε, the epoch at hand-over
     * @param members the members' ring tokens with their identities
     * @throws IllegalArgumentException if a token repeats
     * @throws NullPointerException if a component is null
     */
    public LcHandover {
      members = List.copyOf(members);
      Set<Token> seen = new HashSet<>();
      for (Member m : members) {
        if (!seen.add(m.token())) {
          throw new IllegalArgumentException("tokens must not repeat");
        }
      }
    }
  }
}
