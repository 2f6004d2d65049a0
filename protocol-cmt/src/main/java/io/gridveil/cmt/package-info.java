// SPDX-License-Identifier: Apache-2.0
/**
 * The CMT ring (spec/cmt.md): additive CMT encryption mod 2^b with the ring of differential keys
 * and the local concentrator's lifecycle of seed 001.
 *
 * <p>Deterministic core (spec/cmt.md §2): {@link io.gridveil.cmt.CmtScheme} (key shares, round
 * keys, encryption, batched aggregation {@code aggregate(long[], from, to, mask)}, decryption of
 * the sum, {@code fullRound} for a whole group from each meter's k_i1 and delta PRF, core's
 * {@code Prf}). A meter derives its per-epoch keys once per epoch (spec/runtime.md §7.5).
 *
 * <p>Parties (spec/cmt.md §5), immutable and sans-I/O, both {@code AuthenticatedParty<S,
 * CmtInput>}: {@link io.gridveil.cmt.Meter} (a member, or the local concentrator when it holds the
 * role) and {@link io.gridveil.cmt.Supplier}. Messages: {@link io.gridveil.cmt.CmtMessage}, encoded
 * by {@link io.gridveil.cmt.CmtCodec} inside core envelopes ({@code EnvelopeCodec.of(CmtCodec.INSTANCE)}),
 * each inside the authentication wrapper of spec/cmt.md §11.1. A party only takes
 * {@code VerifiedEnvelope}s ({@link io.gridveil.cmt.CmtInput.Inbound}).
 *
 * <p>Driving a group for R rounds, each party behind a core {@code Endpoint}:
 * <ol>
 *   <li>Keys (spec/cmt.md §11): the supplier's Ed25519 signing key sk and X25519 reading key pair
 *       (sk_S, pk_S); one Ed25519 device key per meter, enrolled with the supplier. Supplier:
 *       {@code s = Supplier.create(params, group, sk, readingPair)}, endpoint
 *       {@code Endpoint.signing(s, codec, CmtInput.Inbound::new, EnvelopeVerifier.of(codec, s,
 *       group, anchors), sk, 0)} where {@code anchors} holds {@code Anchor.of(SUPPLIER, pk)} and
 *       {@code Supplier.enrolmentAnchor(id, devicePk)} per meter; enrol each meter by feeding
 *       {@code CmtInput.Enrol(id, devicePk)} (and {@code endpoint.trust(anchors)} with its anchor).
 *       Meter: {@code m = Meter.create(params, id, group, MeterSecret.random(rng), 0,
 *       new MeterCredentials(devicePk, supplierAnchors, pk_S))}, endpoint
 *       {@code Endpoint.signing(m, codec, CmtInput.Inbound::new, EnvelopeVerifier.of(codec, m,
 *       group, supplierAnchors), deviceKey, 0)}; it switches itself to licensed frames once its
 *       licence arrives. Feed each meter {@code CmtInput.Start}.
 *   <li>Hand every {@code Endpoint.Outbound} to the transport; route by its recipient:
 *       {@code Address.SUPPLIER} to the supplier; {@code Address.Identified(id)} to the meter with
 *       that identity; {@code Address.Meter(T)} to the meter whose {@code token()} is T;
 *       {@code GROUP_BROADCAST} to every meter of the group; {@code LOCAL_CONCENTRATOR} to every
 *       meter with {@code isLocalConcentrator()}. Feed the bytes to {@code endpoint.receive(bytes,
 *       now, rng)}. A {@code ProtocolViolationException} means the frame was refused; the endpoint
 *       is unchanged.
 *   <li>Timers: feed meters in phase {@code DISCOVERING} {@code Timer(DISCOVERY, Round.FIRST)}
 *       when the network is idle; feed the LC {@code Timer(REGISTRATION_DEADLINE, Round.FIRST)}
 *       after the registration window; when no live meter holds the LC role, feed the members
 *       {@code Timer(LC_TIMEOUT, Round.FIRST)}; repeat until the LC's {@code keyedEpoch()}
 *       equals {@code Supplier.epoch()} and every live meter's {@code ringEpoch()} equals it.
 *   <li>Per round j: feed the supplier {@code RequestRound(j)} and each meter
 *       {@code LocalReading(j, e_ij)} through {@code endpoint.input}; deliver until idle; then
 *       feed {@code Timer(ROUND_DEADLINE, j)} to the supplier and to the LC. The supplier's events
 *       carry {@code RoundOutcome.Exact} or {@code Voided}; the LC re-keys after a broken ring
 *       (then run step 3's registration deadline again).
 *   <li>Join: a new meter and its enrolment, then {@code Start}. Leave:
 *       {@code CmtInput.LeaveGroup}. Failure: stop delivering to the meter; recovery: a new
 *       {@code Meter} with the same secret and its persisted {@code lastEpoch()}, behind a new
 *       endpoint whose sequence base is above every number the old one used. Rotation: feed the
 *       LC {@code CmtInput.RotateLc}.
 *   <li>Revocation (spec/cmt.md §3.13): feed the supplier {@code CmtInput.Revoke(id, scope)}
 *       ({@code DEVICE_KEY} to un-enrol, {@code IDENTITY} for a compromised meter) and install the
 *       list of its {@code CmtEvent.RevocationIssued} event at every endpoint of the group with
 *       {@code endpoint.updateRevocations(list, now)}. A restarted meter gets its current licence
 *       again; after expiry only {@code CmtInput.RenewLicence(id)} issues a new one. The
 *       enrolment anchor authorises a licence request and nothing else, so it may stay installed.
 * </ol>
 * The test class {@code CmtGroupDriver} in this module's tests implements exactly this recipe.
 */
package io.gridveil.cmt;
