// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.CoreChecks;
import io.gridveil.core.MeterId;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.message.MessageCodec;
import io.gridveil.core.message.ProtocolId;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import io.gridveil.core.secret.Wipe;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical encoding of {@link BlindingMessage} bodies (spec/blinding.md §5.1): fixed-length
 * big-endian integers sized by the key-size field, u32-counted lists.
 */
public final class BlindingCodec implements MessageCodec<BlindingMessage> {
  /** The largest list length (spec/blinding.md §5.1, BLND-E-02). */
  public static final int MAX_LIST = 65535;

  /** Creates the codec (stateless). */
  public BlindingCodec() {}

  @Override
  public ProtocolId protocol() {
    return ProtocolId.BLINDING;
  }

  @Override
  public int typeOf(BlindingMessage body) {
    if (body instanceof BlindingMessage.SeedDeal) {
      return 1;
    } else if (body instanceof BlindingMessage.GroupSetup) {
      return 2;
    } else if (body instanceof BlindingMessage.KeyDelivery) {
      return 3;
    } else if (body instanceof BlindingMessage.Contribution) {
      return 4;
    } else if (body instanceof BlindingMessage.Aggregate) {
      return 5;
    } else if (body instanceof BlindingMessage.RecoveryRequest) {
      return 6;
    } else if (body instanceof BlindingMessage.RecoveryRelease) {
      return 7;
    }
    throw new IllegalStateException("unreachable: BlindingMessage is sealed");
  }

  @Override
  public void encode(BlindingMessage body, CanonicalWriter out) {
    if (body instanceof BlindingMessage.SeedDeal m) {
      out.u16(m.keySize().bits()).u32(m.index()).u32(m.groupSize());
      out.unsignedFixed(m.n(), m.keySize().residueLength());
      out.unsignedFixed(m.hs(), m.keySize().ciphertextLength());
      writeSecret(out, m.ownSeed());
      writeSecret(out, m.previousSeed());
    } else if (body instanceof BlindingMessage.GroupSetup m) {
      out.u16(m.keySize().bits());
      out.unsignedFixed(m.n(), m.keySize().residueLength());
      out.unsignedFixed(m.hs(), m.keySize().ciphertextLength());
      checkList(m.roster().size());
      out.u32(m.roster().size());
      for (MeterId id : m.roster()) {
        out.ascii8(id.value());
      }
    } else if (body instanceof BlindingMessage.KeyDelivery m) {
      out.u16(m.keySize().bits()).u32(m.groupSize());
      writeSecret(out, m.p());
      writeSecret(out, m.q());
    } else if (body instanceof BlindingMessage.Contribution m) {
      out.u16(m.keySize().bits()).unsignedFixed(m.c(), m.keySize().ciphertextLength());
    } else if (body instanceof BlindingMessage.Aggregate m) {
      out.u16(m.keySize().bits()).unsignedFixed(m.c(), m.keySize().ciphertextLength());
      out.u32(m.contributors()).u32(m.recovered());
    } else if (body instanceof BlindingMessage.RecoveryRequest m) {
      writeIndices(out, m.missing());
    } else if (body instanceof BlindingMessage.RecoveryRelease m) {
      writeIndices(out, m.missing());
      out.u16(m.keySize().bits()).unsignedFixed(m.correction(), m.keySize().residueLength());
    } else {
      throw new IllegalStateException("unreachable: BlindingMessage is sealed");
    }
  }

  @Override
  public BlindingMessage decode(int type, CanonicalReader in) throws MalformedMessageException {
    switch (type) {
      case 1 -> {
        KeySize k = keySize(in);
        int index = in.u32("index");
        int groupSize = in.u32("groupSize");
        BigInteger n = integer(in, "n", k.residueLength());
        BigInteger hs = integer(in, "hs", k.ciphertextLength());
        SecretBytes own = readSecret(in, "ownSeed", RingPrf.SEED_LENGTH);
        SecretBytes previous = readSecret(in, "previousSeed", RingPrf.SEED_LENGTH);
        return new BlindingMessage.SeedDeal(k, index, groupSize, n, hs, own, previous);
      }
      case 2 -> {
        KeySize k = keySize(in);
        BigInteger n = integer(in, "n", k.residueLength());
        BigInteger hs = integer(in, "hs", k.ciphertextLength());
        int count = listLength(in, "roster");
        List<MeterId> roster = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          String id = in.ascii8("roster", MeterId.MAX_LENGTH);
          if (!MeterId.isValid(id)) {
            throw new MalformedMessageException(CoreChecks.CORE_E_07, "roster", "not a meter id");
          }
          roster.add(new MeterId(id));
        }
        return new BlindingMessage.GroupSetup(k, n, hs, roster);
      }
      case 3 -> {
        KeySize k = keySize(in);
        int groupSize = in.u32("groupSize");
        SecretBytes p = readSecret(in, "p", k.primeLength());
        SecretBytes q = readSecret(in, "q", k.primeLength());
        return new BlindingMessage.KeyDelivery(k, groupSize, p, q);
      }
      case 4 -> {
        KeySize k = keySize(in);
        return new BlindingMessage.Contribution(k, integer(in, "c", k.ciphertextLength()));
      }
      case 5 -> {
        KeySize k = keySize(in);
        BigInteger c = integer(in, "c", k.ciphertextLength());
        int contributors = in.u32("contributors");
        int recovered = in.u32("recovered");
        return new BlindingMessage.Aggregate(k, c, contributors, recovered);
      }
      case 6 -> {
        return new BlindingMessage.RecoveryRequest(readIndices(in));
      }
      case 7 -> {
        List<Integer> missing = readIndices(in);
        KeySize k = keySize(in);
        return new BlindingMessage.RecoveryRelease(
            missing, k, integer(in, "correction", k.residueLength()));
      }
      default -> throw new MalformedMessageException(
          CoreChecks.CORE_E_03, "type", "unknown blinding message type");
    }
  }

  private static KeySize keySize(CanonicalReader in) throws MalformedMessageException {
    int bits = in.u16("keySize");
    return KeySize.ofBits(bits)
        .orElseThrow(
            () ->
                new MalformedMessageException(
                    BlindingChecks.BLND_E_01, "keySize", "key size is not 2048 or 3072"));
  }

  private static BigInteger integer(CanonicalReader in, String field, int length)
      throws MalformedMessageException {
    return in.unsignedFixed(field, length, BigInteger.ONE.shiftLeft(8 * length));
  }

  private static int listLength(CanonicalReader in, String field) throws MalformedMessageException {
    int count = in.u32(field);
    if (count > MAX_LIST) {
      throw new MalformedMessageException(BlindingChecks.BLND_E_02, field, "list longer than 65535");
    }
    return count;
  }

  private static void checkList(int size) {
    if (size > MAX_LIST) {
      throw new IllegalArgumentException("list longer than 65535");
    }
  }

  private static void writeIndices(CanonicalWriter out, List<Integer> indices) {
    checkList(indices.size());
    out.u32(indices.size());
    for (int i : indices) {
      out.u32(i);
    }
  }

  private static List<Integer> readIndices(CanonicalReader in) throws MalformedMessageException {
    int count = listLength(in, "missing");
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(in.u32("missing"));
    }
    return out;
  }

  private static void writeSecret(CanonicalWriter out, SecretBytes secret) {
    byte[] raw = secret.toByteArray(SecretAccess.grant());
    try {
      out.fixed(raw);
    } finally {
      Wipe.bytes(raw);
    }
  }

  private static SecretBytes readSecret(CanonicalReader in, String field, int length)
      throws MalformedMessageException {
    byte[] raw = in.fixed(field, length);
    try {
      return SecretBytes.copyOf(raw);
    } finally {
      Wipe.bytes(raw);
    }
  }

  @Override
  public String toString() {
    return "BlindingCodec";
  }
}
