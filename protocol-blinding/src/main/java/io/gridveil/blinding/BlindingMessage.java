// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.MeterId;
import io.gridveil.core.secret.SecretBytes;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * The messages of the blinding protocol (spec/blinding.md §5.1). The message type is derived from
 * the record class by {@link BlindingCodec}.
 */
public sealed interface BlindingMessage {
  /**
   * TTP to SM_i: the public key and the two ring seeds of SM_i (spec/blinding.md §4.1 step 3).
   *
   * @param keySize k
   * @param index i, the meter's ring position in 1..n
   * @param groupSize n
   * @param n N
   * @param hs h_s
   * @param ownSeed s_i, 32 bytes
   * @param previousSeed s_(i-1), 32 bytes
   */
  record SeedDeal(
      KeySize keySize,
      int index,
      int groupSize,
      BigInteger n,
      BigInteger hs,
      SecretBytes ownSeed,
      SecretBytes previousSeed)
      implements BlindingMessage {
    /**
     * Validates the seeds' length.
     *
     * @param keySize k
     * @param index i, the meter's ring position in 1..n
     * @param groupSize n
     * @param n N
     * @param hs h_s
     * @param ownSeed s_i, 32 bytes
     * @param previousSeed s_(i-1), 32 bytes
     * @throws IllegalArgumentException if a seed is not 32 bytes
     */
    public SeedDeal {
      Objects.requireNonNull(keySize, "keySize");
      Objects.requireNonNull(n, "n");
      Objects.requireNonNull(hs, "hs");
      if (ownSeed.length() != RingPrf.SEED_LENGTH || previousSeed.length() != RingPrf.SEED_LENGTH) {
        throw new IllegalArgumentException("ring seeds must be 32 bytes");
      }
    }
  }

  /**
   * TTP to the aggregator: the public key and the roster in ring order (spec/blinding.md §4.1
   * step 4).
   *
   * @param keySize k
   * @param n N
   * @param hs h_s
   * @param roster the meters' identities, SM_1 .. SM_n
   */
  record GroupSetup(KeySize keySize, BigInteger n, BigInteger hs, List<MeterId> roster)
      implements BlindingMessage {
    /**
     * Copies the roster.
     *
     * @param keySize k
     * @param n N
     * @param hs h_s
     * @param roster the meters' identities, SM_1 .. SM_n
     */
    public GroupSetup {
      Objects.requireNonNull(keySize, "keySize");
      Objects.requireNonNull(n, "n");
      Objects.requireNonNull(hs, "hs");
      roster = List.copyOf(roster);
    }
  }

  /**
   * TTP to the supplier: the decryption key (spec/blinding.md §4.1 step 5).
   *
   * @param keySize k
   * @param groupSize n
   * @param p the prime p, k/16 bytes big-endian
   * @param q the prime q, k/16 bytes big-endian
   */
  record KeyDelivery(KeySize keySize, int groupSize, SecretBytes p, SecretBytes q)
      implements BlindingMessage {
    /**
     * Validates the primes' encoded length.
     *
     * @param keySize k
     * @param groupSize n
     * @param p the prime p, k/16 bytes big-endian
     * @param q the prime q, k/16 bytes big-endian
     * @throws IllegalArgumentException if a prime is not k/16 bytes
     */
    public KeyDelivery {
      Objects.requireNonNull(keySize, "keySize");
      if (p.length() != keySize.primeLength() || q.length() != keySize.primeLength()) {
        throw new IllegalArgumentException("primes must be k/16 bytes");
      }
    }
  }

  /**
   * SM_i to the aggregator: c_ij = Enc(e_ij + b_ij) (spec/blinding.md §4.2 step 6).
   *
   * @param keySize k
   * @param c c_ij
   */
  record Contribution(KeySize keySize, BigInteger c) implements BlindingMessage {
    /**
     * Validates the components.
     *
     * @param keySize k
     * @param c c_ij
     */
    public Contribution {
      Objects.requireNonNull(keySize, "keySize");
      Objects.requireNonNull(c, "c");
    }
  }

  /**
   * Aggregator to the supplier: the product C_j and the counts (spec/blinding.md §4.3).
   *
   * @param keySize k
   * @param c C_j
   * @param contributors the number of meters whose ciphertexts are in C_j
   * @param recovered the number of missing meters whose terms were recovered
   */
  record Aggregate(KeySize keySize, BigInteger c, int contributors, int recovered)
      implements BlindingMessage {
    /**
     * Validates the components.
     *
     * @param keySize k
     * @param c C_j
     * @param contributors the number of meters whose ciphertexts are in C_j
     * @param recovered the number of missing meters whose terms were recovered
     */
    public Aggregate {
      Objects.requireNonNull(keySize, "keySize");
      Objects.requireNonNull(c, "c");
    }
  }

  /**
   * Aggregator to the TTP: the missing meters' ring indices, ascending (spec/blinding.md §4.3).
   *
   * @param missing the indices in 1..n
   */
  record RecoveryRequest(List<Integer> missing) implements BlindingMessage {
    /**
     * Copies the list.
     *
     * @param missing the indices in 1..n
     */
    public RecoveryRequest {
      missing = List.copyOf(missing);
    }
  }

  /**
   * TTP to the aggregator: B_Mj, the sum of the missing meters' blinding terms (spec/blinding.md
   * §4.5 step 2). A blinding value: its {@link #toString()} is redacted (spec/core.md §4.3).
   *
   * @param missing the indices in 1..n, ascending
   * @param keySize k
   * @param correction B_Mj in Z_N
   */
  record RecoveryRelease(List<Integer> missing, KeySize keySize, BigInteger correction)
      implements BlindingMessage {
    /**
     * Copies the list.
     *
     * @param missing the indices in 1..n, ascending
     * @param keySize k
     * @param correction B_Mj in Z_N
     */
    public RecoveryRelease {
      missing = List.copyOf(missing);
      Objects.requireNonNull(keySize, "keySize");
      Objects.requireNonNull(correction, "correction");
    }

    @Override
    public String toString() {
      return "RecoveryRelease[missing=" + missing + ", keySize=" + keySize
          + ", correction=redacted]";
    }
  }
}
