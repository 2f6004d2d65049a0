// SPDX-License-Identifier: Apache-2.0
package io.gridveil.cmt;

import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.AbstractRoleHandle;
import io.gridveil.core.runtime.EventCodec;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.RoleAddress;
import io.gridveil.core.runtime.RoleBinding;
import io.gridveil.core.runtime.RoleRuntime;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.RoundSchedule;
import io.gridveil.core.runtime.RuntimeChecks;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.TimerId;
import io.gridveil.core.runtime.Timing;
import java.util.Map;
import java.util.Objects;

/**
 * The CMT meter's handle, with the LC role inside it (spec/runtime.md §3.2, §7): frames in,
 * outboxes out, its durable marks committed before every outbox is returned (§6.1). The meter
 * arms DISCOVERY, LC_TIMEOUT and, as LC, REGISTRATION_DEADLINE(ε) and ROUND_DEADLINE(j) itself
 * (§4.5); the product fires them with {@code onTimeout}/{@code onTimer}. Durable (§6.2): the
 * section {@code marks} (u16 schema 1, u64 ε_last, u64 lastCompleted); on reopen the meter is
 * restored in phase OFF with those marks ({@link Meter#restore}) and rejoins when the product
 * calls {@link #start} (spec/cmt.md §3.9 step 3). Not thread-safe: one call at a time (§11).
 */
public final class CmtMeterHandle extends AbstractRoleHandle<Meter, CmtInput, CmtMessage> {
  /** The schema version of the section {@code marks}. */
  static final int MARKS_SCHEMA = 1;

  private CmtMeterHandle(RoleRuntime<Meter, CmtInput, CmtMessage> runtime) {
    super(runtime);
  }

  /** The meter's sections, timer inputs and events (spec/runtime.md §3.1). */
  static final RoleBinding<Meter, CmtInput> BINDING = new RoleBinding<>() {
    @Override
    public Map<String, byte[]> sections(Meter party) {
      return Map.of("marks", new CanonicalWriter().u16(MARKS_SCHEMA).u64(party.lastEpoch())
          .u64(party.lastCompleted()).toByteArray());
    }

    @Override
    public CmtInput timerInput(TimerId timer) {
      CmtInput.TimerKind kind = CmtInput.TimerKind.valueOf(timer.kind());
      return new CmtInput.Timer(kind,
          kind == CmtInput.TimerKind.ROUND_DEADLINE ? new Round(timer.argument()) : Round.FIRST);
    }

    @Override
    public EventCodec events() {
      return CmtEventCodec.INSTANCE;
    }
  };

  /**
   * Opens a meter from its kit and store (spec/runtime.md §3.1 item 1, §5.4): resumes from the
   * store's marks if it holds a commit (RT-S-0x if they fail a check), else starts fresh; either
   * way the meter is OFF until {@link #start}.
   *
   * @param kit the meter's identity, group, parameters, credentials and keys
   * @param random the injected random source
   * @param store the meter's store
   * @return the handle
   * @throws StoreException if the stored state fails a check, or an I/O failure
   */
  public static CmtMeterHandle open(CmtMeterKit kit, RandomSource random, RoleStore store)
      throws StoreException {
    Objects.requireNonNull(kit, "kit");
    GroupId group = kit.group();
    MeterId id = kit.id();
    Ed25519SigningKey deviceKey = kit.deviceKey();
    RoleRuntime<Meter, CmtInput, CmtMessage> rt = RoleRuntime.open(store,
        RoleAddress.meter(group, id), kit.timing(), kit.schedule(), random, BINDING, resumed -> {
          Meter m;
          if (resumed.state().isPresent()) {
            byte[] b = resumed.state().get().section("marks").orElseThrow(
                () -> new StoreException(RuntimeChecks.RT_S_05, "section marks missing"));
            try {
              CanonicalReader r = CanonicalReader.of(b);
              if (r.u16("marks.schema") != MARKS_SCHEMA) {
                throw new StoreException(RuntimeChecks.RT_S_02, "section marks: schema");
              }
              long lastEpoch = r.u64("marks.lastEpoch");
              long lastCompleted = r.u64("marks.lastCompleted");
              r.requireEnd("marks");
              if (lastEpoch < 0 || lastCompleted < 0) {
                throw new StoreException(RuntimeChecks.RT_S_05, "section marks: out of range");
              }
              m = Meter.restore(kit.params(), id, group, kit.secret(), lastEpoch, lastCompleted,
                  kit.credentials());
            } catch (MalformedMessageException e) {
              throw new StoreException(RuntimeChecks.RT_S_05, "section marks: " + e.field());
            }
          } else {
            m = Meter.create(kit.params(), id, group, kit.secret(), 0, kit.credentials());
          }
          return Endpoint.signing(m, CmtSupplierHandle.CODEC, CmtInput.Inbound::new,
              EnvelopeVerifier.of(CmtSupplierHandle.CODEC, m, group, kit.credentials().anchors()),
              deviceKey, resumed.sequenceBase());
        });
    return new CmtMeterHandle(rt);
  }

  /**
   * Starts the meter (spec/cmt.md §3.1): it asks the supplier for its licence, then discovers
   * its LC. Called once after every open.
   *
   * @param now the product's current time
   * @return the outbox; CMT-S-01 if already started
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox start(LogicalTime now) throws StoreException {
    return runtime().input(new CmtInput.Start(), now);
  }

  /**
   * Hands the meter its reading of round j (spec/cmt.md §3.6).
   *
   * @param round the round
   * @param reading the reading
   * @param now the product's current time
   * @return the outbox; a refusal (CORE-R-01, CMT-S-03, CMT-S-05) changes nothing
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox onReading(Round round, Reading reading, LogicalTime now) throws StoreException {
    return runtime().input(new CmtInput.LocalReading(round, reading), now);
  }

  /**
   * Leaves the group (spec/cmt.md §3.9).
   *
   * @param now the product's current time
   * @return the outbox
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox leave(LogicalTime now) throws StoreException {
    return runtime().input(new CmtInput.LeaveGroup(), now);
  }

  /**
   * Hands the LC role to a member chosen at random (spec/cmt.md §3.10); refused with CMT-S-01
   * unless this meter holds it.
   *
   * @param now the product's current time
   * @return the outbox
   * @throws StoreException if the commit failed; the handle is then failed
   */
  public Outbox rotateLc(LogicalTime now) throws StoreException {
    return runtime().input(new CmtInput.RotateLc(), now);
  }

  /**
   * Returns the member phase, for information.
   *
   * @return the phase
   */
  public Meter.Phase phase() {
    return runtime().party().phase();
  }

  /**
   * Tells whether this meter holds the LC role, for information (routing never needs it).
   *
   * @return true while LC
   */
  public boolean isLocalConcentrator() {
    return runtime().party().isLocalConcentrator();
  }

  /**
   * Returns ε_last, the last key epoch this meter used.
   *
   * @return the epoch
   */
  public long lastEpoch() {
    return runtime().party().lastEpoch();
  }

  /**
   * Returns the last round this meter encrypted.
   *
   * @return the round index
   */
  public long lastCompleted() {
    return runtime().party().lastCompleted();
  }
}
