// SPDX-License-Identifier: Apache-2.0
/**
 * The CMT ring (spec/cmt.md): additive CMT encryption mod 2^b with the ring of differential keys
 * and the local concentrator's lifecycle of seed 001.
 *
 * <p>Deterministic core (spec/cmt.md §2): {@link io.gridveil.cmt.CmtScheme} (key shares, round
 * keys, encryption, batched aggregation {@code aggregate(long[], from, to, mask)}, decryption of
 * the sum, {@code fullRound} for a whole group) and {@link io.gridveil.cmt.RoundKeyer} (one
 * meter's per-epoch keys: {@code encrypt(j, e_ij, δ_(i-1)j)} is the meter's whole per-round work).
 *
 * <p>Parties (spec/cmt.md §5), immutable and sans-I/O, both {@code Party<S, CmtInput>}:
 * {@link io.gridveil.cmt.Meter} (a member, or the local concentrator when it holds the role) and
 * {@link io.gridveil.cmt.Supplier}. Messages: {@link io.gridveil.cmt.CmtMessage}, encoded by
 * {@link io.gridveil.cmt.CmtCodec} inside core envelopes ({@code EnvelopeCodec.of(CmtCodec.INSTANCE)}).
 *
 * <p>Driving a group for R rounds through {@code io.gridveil.core.network.InMemoryNetwork}:
 * <ol>
 *   <li>Create {@code Supplier.create(params, group, ids)} and one
 *       {@code Meter.create(params, id, group, MeterSecret.random(rng), 0)} per meter; feed each
 *       meter {@code CmtInput.Start}.
 *   <li>Send every outbound envelope of every {@code Step} through the network as an encoded
 *       frame; route by recipient: {@code Address.SUPPLIER} to the supplier;
 *       {@code Address.Identified(id)} to the meter with that identity; {@code Address.Meter(T)}
 *       to the meter whose {@code token()} is T; {@code GROUP_BROADCAST} to every meter except
 *       the sender; {@code LOCAL_CONCENTRATOR} to every meter with
 *       {@code isLocalConcentrator()}. Decode frames and feed {@code CmtInput.Inbound}. A
 *       {@code ProtocolViolationException} means the input was rejected: keep the old state.
 *   <li>Timers: feed meters in phase {@code DISCOVERING} {@code Timer(DISCOVERY, Round.FIRST)}
 *       when the network is idle; feed the LC {@code Timer(REGISTRATION_DEADLINE, Round.FIRST)}
 *       after the registration window; when no live meter holds the LC role, feed the members
 *       {@code Timer(LC_TIMEOUT, Round.FIRST)}; repeat until the LC's {@code keyedEpoch()}
 *       equals {@code Supplier.epoch()} and every live meter's {@code ringEpoch()} equals it.
 *   <li>Per round j: feed the supplier {@code RequestRound(j)} and each meter
 *       {@code LocalReading(j, e_ij)}; deliver until idle; then feed
 *       {@code Timer(ROUND_DEADLINE, j)} to the supplier and to the LC. The supplier's step
 *       events carry {@code RoundOutcome.Exact} or {@code Voided}; the LC re-keys after a broken
 *       ring (then run step 3's registration deadline again).
 *   <li>Join: a new {@code Meter} + {@code Supplier.register(id)} + {@code Start}. Leave:
 *       {@code CmtInput.LeaveGroup}. Failure: stop delivering to the meter; recovery: a new
 *       {@code Meter} with the same secret and its persisted {@code lastEpoch()}. Rotation: feed
 *       the LC {@code CmtInput.RotateLc}.
 * </ol>
 * The test class {@code CmtGroupDriver} in this module's tests implements exactly this recipe.
 */
package io.gridveil.cmt;
