// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.AggregationParameters;
import io.gridveil.core.MeterId;
import io.gridveil.core.ProtocolViolationException;
import io.gridveil.core.Round;
import io.gridveil.core.Token;
import io.gridveil.core.auth.AuthCodec;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.auth.ReceiverPolicy;
import io.gridveil.core.auth.VerifiedEnvelope;
import io.gridveil.core.ec.X25519KeyPair;
import io.gridveil.core.ec.X25519PublicKey;
import io.gridveil.core.message.Address;
import io.gridveil.core.message.Envelope;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.secret.SecretLong;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * spec/cmt.md §11.6: every message type, from every kind of principal, under the legitimate
 * sender address and under the principal's own, to the receiver of the authorisation table; the
 * frame passes authorisation (it is accepted, or refused only by a state or content check) exactly
 * where the table says.
 */
class CmtAuthorisationTest {
  private static final CmtParameters PARAMS =
      CmtParameters.defaults(AggregationParameters.unsignedPowerOfTwo(16, 1000, 16))
          .withMinGroupSize(3);
  /** The refusals that are authorisation decisions (§11.6, last column, and the verifier's). */
  private static final Set<String> AUTHORISATION = Set.of(
      "AUTH-V-01", "AUTH-V-02", "AUTH-V-03", "AUTH-V-04", "AUTH-V-05", "AUTH-V-06", "AUTH-V-07",
      "AUTH-V-10", "AUTH-V-11", "AUTH-V-13", "CMT-V-02", "CMT-V-05", "CMT-V-08", "CMT-V-10",
      "CMT-V-11", "CMT-V-12", "CMT-V-13", "CMT-V-14");

  /** The principals of §11.6. */
  enum Principal {
    /** S: the supplier's key, kind 1. */
    SUPPLIER,
    /** E(other): another member's device key alone, kind 1. */
    DEVICE_KEY,
    /** L(id_LC). */
    LICENSED_LC,
    /** L(id_pred): the receiving member's predecessor. */
    LICENSED_PREDECESSOR,
    /** L(other): a licensed member that is neither the LC nor the predecessor. */
    LICENSED_OTHER,
    /** M(R_other): the other member's reading token, kind 2. */
    MACED
  }

  enum Receiver { SUPPLIER, MEMBER, LC }

  /** One row: receiver, legitimate sender, recipient, body per principal, allowed principals. */
  record Row(String name, Receiver receiver, Address sender, Address recipient,
      Function<Principal, CmtMessage> body, Set<Principal> allowed) {}

  private final RandomSource rng = DeterministicRandomSource.fromSeed(116);
  private CmtGroupDriver d;
  private MeterId lc;
  private MeterId member;
  private MeterId pred;
  private MeterId other;
  private long epoch;
  private Supplier supplier;

  @BeforeEach
  void keyedGroup() {
    d = CmtGroupDriver.keyed(PARAMS, 11, 4);
    lc = d.lcs().get(0);
    List<Token> ring = d.meter(lc).keyedRing();
    epoch = d.meter(lc).keyedEpoch();
    Map<Token, MeterId> owner = new TreeMap<>();
    for (MeterId id : d.live()) {
      owner.put(d.meter(id).token().orElseThrow(), id);
    }
    // ring LC, a, b, c: the member is the one whose predecessor is a member, not the LC
    int at = ring.indexOf(d.meter(lc).token().orElseThrow());
    pred = owner.get(ring.get((at + 1) % 4));
    member = owner.get(ring.get((at + 2) % 4));
    other = owner.get(ring.get((at + 3) % 4));
    // the supplier with round 1 open, so a ciphertext is in its state
    try {
      supplier = d.supplier().step(new CmtInput.RequestRound(new Round(1)), rng).next();
    } catch (ProtocolViolationException e) {
      throw new AssertionError(e);
    }
  }

  private MeterId idOf(Principal p) {
    return switch (p) {
      case LICENSED_LC -> lc;
      case LICENSED_PREDECESSOR -> pred;
      default -> other;
    };
  }

  private Token ringToken(MeterId id) {
    return d.meter(id).token().orElseThrow();
  }

  private Token readingToken(MeterId id) {
    return d.meter(id).readingToken().orElseThrow();
  }

  /** The principal's own address of the form the row's sender has. */
  private Address own(Principal p, Address legit) {
    return switch (p) {
      case SUPPLIER -> Address.SUPPLIER;
      case MACED -> Address.meter(readingToken(other));
      default -> legit instanceof Address.Meter
          ? Address.meter(ringToken(idOf(p))) : Address.identified(idOf(p));
    };
  }

  private byte[] seal(Principal p, byte[] frame, long seq) {
    return switch (p) {
      case SUPPLIER -> AuthCodec.sign(frame, seq, d.pki.key(Address.SUPPLIER));
      case DEVICE_KEY -> AuthCodec.sign(frame, seq, d.pki.meterKey(other));
      case MACED -> AuthCodec.mac(frame, seq,
          d.meter(other).readingKey(readingToken(other)).orElseThrow());
      default -> AuthCodec.signLicensed(frame, seq,
          d.meter(idOf(p)).licence().orElseThrow(), d.pki.meterKey(idOf(p)));
    };
  }

  private List<Row> rows() {
    Set<Principal> licensed = EnumSet.of(Principal.LICENSED_LC, Principal.LICENSED_PREDECESSOR,
        Principal.LICENSED_OTHER);
    X25519KeyPair pair = X25519KeyPair.generate(rng);
    Token tLc = ringToken(lc);
    Token tMember = ringToken(member);
    Address memberAt = Address.meter(tMember);
    Address lcAt = Address.meter(tLc);
    List<Row> rows = new ArrayList<>();
    Set<Principal> askers = EnumSet.copyOf(licensed);
    askers.add(Principal.DEVICE_KEY);
    rows.add(new Row("LicenceRequest", Receiver.SUPPLIER, Address.identified(other),
        Address.SUPPLIER, p -> new CmtMessage.LicenceRequest(idOf(p)), askers));
    rows.add(new Row("LicenceGrant", Receiver.MEMBER, Address.SUPPLIER,
        Address.identified(member),
        p -> new CmtMessage.LicenceGrant(d.meter(member).licence().orElseThrow()),
        EnumSet.of(Principal.SUPPLIER)));
    rows.add(new Row("LcDiscovery", Receiver.LC, Address.identified(other),
        Address.GROUP_BROADCAST, p -> new CmtMessage.LcDiscovery(), licensed));
    rows.add(new Row("LcAnnouncement", Receiver.MEMBER, Address.identified(lc),
        Address.GROUP_BROADCAST, p -> new CmtMessage.LcAnnouncement(ringToken(idOf(p)), epoch + 5),
        licensed));
    rows.add(new Row("TokenAssignment", Receiver.MEMBER, Address.identified(lc),
        Address.identified(member),
        p -> new CmtMessage.TokenAssignment(member, new Token(7, 7), ringToken(idOf(p)), epoch),
        licensed));
    rows.add(new Row("ReRegister", Receiver.MEMBER, Address.identified(lc),
        Address.GROUP_BROADCAST, p -> new CmtMessage.ReRegister(epoch, ringToken(idOf(p))),
        EnumSet.of(Principal.LICENSED_LC)));
    rows.add(new Row("LcHandover", Receiver.MEMBER, Address.identified(lc), memberAt,
        p -> new CmtMessage.LcHandover(epoch, List.of(
            new CmtMessage.Member(tMember, member),
            new CmtMessage.Member(ringToken(idOf(p)), idOf(p)))),
        EnumSet.of(Principal.LICENSED_LC)));
    Set<Principal> members = EnumSet.copyOf(licensed);
    rows.add(new Row("KeyShare", Receiver.LC, Address.meter(ringToken(other)), lcAt,
        p -> new CmtMessage.KeyShare(ringToken(idOf(p)), epoch, SecretLong.of(1),
            pair.publicKey()), members));
    rows.add(new Row("RoundAck", Receiver.LC, Address.meter(ringToken(other)), lcAt,
        p -> new CmtMessage.RoundAck(ringToken(idOf(p)), epoch), members));
    rows.add(new Row("Leave", Receiver.LC, Address.meter(ringToken(other)), lcAt,
        p -> new CmtMessage.Leave(ringToken(idOf(p)), epoch), members));
    rows.add(new Row("SuccessorAssignment", Receiver.MEMBER, lcAt, memberAt,
        p -> new CmtMessage.SuccessorAssignment(epoch, ringToken(pred), pred,
            ringToken(other), 4, false), EnumSet.of(Principal.LICENSED_LC)));
    // the supplier's own request reaches a member only as a state refusal (CMT-S-06)
    rows.add(new Row("ReadingRequest (relay)", Receiver.MEMBER, lcAt, Address.GROUP_BROADCAST,
        p -> new CmtMessage.ReadingRequest(epoch),
        EnumSet.of(Principal.LICENSED_LC, Principal.SUPPLIER)));
    rows.add(new Row("Delta", Receiver.MEMBER, Address.meter(ringToken(pred)), memberAt,
        p -> new CmtMessage.Delta(ringToken(idOf(p)), epoch, SecretLong.of(3)),
        EnumSet.of(Principal.LICENSED_PREDECESSOR)));
    rows.add(new Row("RingSum", Receiver.MEMBER, Address.meter(ringToken(pred)), memberAt,
        p -> new CmtMessage.RingSum(epoch, SecretLong.of(3)),
        EnumSet.of(Principal.LICENSED_PREDECESSOR)));
    List<X25519PublicKey> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      keys.add(X25519KeyPair.generate(rng).publicKey());
    }
    rows.add(new Row("GroupKey", Receiver.SUPPLIER, Address.LOCAL_CONCENTRATOR, Address.SUPPLIER,
        p -> CmtMessage.GroupKey.sorted(epoch + 1, SecretLong.of(9), keys), licensed));
    rows.add(new Row("ReadingRequest", Receiver.LC, Address.SUPPLIER,
        Address.LOCAL_CONCENTRATOR, p -> new CmtMessage.ReadingRequest(epoch),
        EnumSet.of(Principal.SUPPLIER)));
    rows.add(new Row("EncryptedReading", Receiver.SUPPLIER, Address.meter(readingToken(other)),
        Address.SUPPLIER,
        p -> new CmtMessage.EncryptedReading(p == Principal.MACED ? readingToken(other)
            : readingToken(idOf(p)), epoch, 5), EnumSet.of(Principal.MACED)));
    return rows;
  }

  /** Seals, verifies and steps; returns null if authorised, else the refusing check. */
  private String outcome(Row row, Principal p, Address sender, long seq) {
    CmtMessage body = row.body().apply(p);
    byte[] frame = CmtGroupDriver.CODEC.encode(new Envelope<>(sender, row.recipient(),
        CmtGroupDriver.GROUP, new Round(1), body));
    byte[] sealed = seal(p, frame, seq);
    try {
      switch (row.receiver()) {
        case SUPPLIER -> {
          Supplier s = supplier;
          VerifiedEnvelope<CmtMessage> v = EnvelopeVerifier.of(CmtGroupDriver.CODEC, s,
                  CmtGroupDriver.GROUP, d.supplierAnchors())
              .withKeyring(s.readingKeyring().orElseThrow())
              .verify(sealed, d.now(), s);
          s.step(new CmtInput.Inbound(v), rng);
        }
        case MEMBER -> step(d.meter(member), sealed);
        case LC -> step(d.meter(lc), sealed);
      }
      return null;
    } catch (ProtocolViolationException e) {
      String id = e.checkId().value();
      return AUTHORISATION.contains(id) ? id : null;
    }
  }

  private void step(Meter m, byte[] sealed) throws ProtocolViolationException {
    ReceiverPolicy policy = m;
    VerifiedEnvelope<CmtMessage> v = EnvelopeVerifier.of(CmtGroupDriver.CODEC, policy,
        CmtGroupDriver.GROUP, d.meterAnchors).verify(sealed, d.now(), policy);
    m.step(new CmtInput.Inbound(v), rng);
  }

  @Test
  void everyMessage_fromEveryPrincipal_passesAuthorisationExactlyWhereTheTableSays() {
    List<String> wrong = new ArrayList<>();
    long seq = 1;
    int walked = 0;
    for (Row row : rows()) {
      for (Principal p : Principal.values()) {
        Set<Address> senders = new LinkedHashSet<>();
        senders.add(row.sender());
        senders.add(own(p, row.sender()));
        List<String> refusals = new ArrayList<>();
        boolean authorised = false;
        for (Address sender : senders) {
          String refused = outcome(row, p, sender, seq++);
          walked++;
          if (refused == null) {
            authorised = true;
          } else {
            refusals.add(sender + ": " + refused);
          }
        }
        if (authorised != row.allowed().contains(p)) {
          wrong.add(row.name() + " from " + p + (authorised ? " passed" : " refused " + refusals));
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(walked >= 17 * Principal.values().length, "walked " + walked);
  }
}
