// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion;

import io.gridveil.core.Reading;
import io.gridveil.core.Round;
import io.gridveil.core.auth.Anchor;
import io.gridveil.core.auth.Ed25519SigningKey;
import io.gridveil.core.auth.Licence;
import io.gridveil.core.auth.SignedLicence;
import io.gridveil.core.auth.TrustAnchors;
import io.gridveil.core.GroupId;
import io.gridveil.core.MeterId;
import io.gridveil.core.message.Address;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.LogicalTime;
import io.gridveil.core.runtime.OutboundFrame;
import io.gridveil.core.runtime.Outbox;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.StorageKey;
import io.gridveil.core.secret.SecretAccess;
import io.gridveil.core.secret.SecretBytes;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The child process of {@link MeterHandleCrashTest} (spec/runtime.md §6.7): it opens a distorting
 * meter handle on a file store, resends the outbox {@code recover()} returns, then reads slot
 * after slot, printing each released frame as "slot sequence sha256" once its outbox was
 * returned, until it is killed.
 */
public final class MeterHandleWriterMain {
  static final MeterId ID = new MeterId("meter-crash");
  static final GroupId GROUP = new GroupId("group-crash");

  private MeterHandleWriterMain() {}

  /** The reading of slot j: a fixed function so that the test can recompute every bill. */
  static long reading(long slot) {
    return Math.floorMod(slot * 2654435761L, Neighbourhood.PLAN.maxReading() + 1);
  }

  static StorageKey storageKey() {
    byte[] k = new byte[StorageKey.LENGTH];
    k[0] = 42;
    return StorageKey.fromBytes(k, SecretAccess.grant());
  }

  /** The meter's kit, the same in every process. */
  static final class Kit {
    final SecretBytes meterKey;
    final SignedLicence licence;
    final TrustAnchors anchors;

    Kit() {
      RandomSource keys = DeterministicRandomSource.fromSeed(606);
      Ed25519SigningKey supplier = Ed25519SigningKey.fromSeed(SecretBytes.random(32, keys));
      meterKey = SecretBytes.random(32, keys);
      licence = SignedLicence.issue(new Licence(1, ID,
          Ed25519SigningKey.fromSeed(meterKey).publicKey(), GROUP, Round.FIRST, Anchor.FOREVER),
          supplier);
      anchors = TrustAnchors.empty().with(Anchor.of(Address.SUPPLIER, supplier.publicKey()));
    }

    DistortingMeterHandle open(Path dir, long seed) throws Exception {
      return DistortingMeterHandle.open(HandleNet.DEPLOYMENT, licence, meterKey, anchors,
          RoleStore.file(dir, storageKey()), DeterministicRandomSource.fromSeed(seed));
    }
  }

  static void print(long slot, Outbox o) throws Exception {
    for (OutboundFrame f : o.frames()) {
      byte[] b = f.bytes();
      // a licensed frame (kind 3): u8 kind || bytes16 licence || u64 sequence || ...
      int licence = ((b[1] & 0xff) << 8) | (b[2] & 0xff);
      long seq = ByteBuffer.wrap(b, 3 + licence, 8).getLong();
      String h = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
      System.out.println(slot + " " + seq + " " + h);
    }
    System.out.flush();
  }

  /**
   * Runs the writer.
   *
   * @param args the store directory and a seed for the noise of this run
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    DistortingMeterHandle m = new Kit().open(Path.of(args[0]), Long.parseLong(args[1]));
    var again = m.recover();
    if (again.isPresent()) {
      print(-1, again.get());
    }
    for (long slot = m.billing().lastSlot() + 1; slot < 10_000_000L; slot++) {
      Outbox o = m.onReading(new Round(slot), Reading.ofWattHours(reading(slot)),
          LogicalTime.ofMillis(slot));
      print(slot, o);
    }
  }
}
