// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import io.gridveil.core.codec.CanonicalReader;
import io.gridveil.core.codec.CanonicalWriter;
import io.gridveil.core.codec.MalformedMessageException;
import io.gridveil.distortion.DistortionChecks;
import io.gridveil.distortion.DistortionViolationException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The stored form of a {@link BillingState} (spec/distortion.md §3.4): magic "GVBS", u8 version
 * 1, the plan fingerprint (32 bytes), u64 openCycle, u64 openTotal, u64 lastSlot + 1, u64
 * openSlots, u8 n, n times (u64 cycle, u64 total, u64 slots), then the CRC32C of all preceding
 * bytes as 4 big-endian bytes.
 */
final class BillingStateCodec {
  private static final byte[] MAGIC = {'G', 'V', 'B', 'S'};
  private static final int VERSION = 1;

  private BillingStateCodec() {}

  static byte[] encode(BillingPlan plan, BillingState s) {
    CanonicalWriter w = new CanonicalWriter();
    w.fixed(MAGIC).u8(VERSION).fixed(plan.fingerprint());
    w.u64(s.openCycle()).u64(s.openTotal()).u64(s.lastSlot() + 1).u64(s.openSlots());
    w.u8(s.closed().size());
    for (ClosedCycle c : s.closed()) {
      w.u64(c.cycle()).u64(c.total()).u64(c.slots());
    }
    byte[] body = w.toByteArray();
    CRC32C crc = new CRC32C();
    crc.update(body, 0, body.length);
    long v = crc.getValue();
    byte[] out = java.util.Arrays.copyOf(body, body.length + 4);
    for (int i = 0; i < 4; i++) {
      out[body.length + i] = (byte) (v >>> (24 - 8 * i));
    }
    return out;
  }

  static BillingState decode(BillingPlan plan, byte[] stored) throws DistortionViolationException {
    if (stored.length < 4) {
      throw corrupt("stored billing state is truncated");
    }
    int n = stored.length - 4;
    CRC32C crc = new CRC32C();
    crc.update(stored, 0, n);
    long expect = crc.getValue();
    long got = 0;
    for (int i = 0; i < 4; i++) {
      got = (got << 8) | (stored[n + i] & 0xff);
    }
    if (got != expect) {
      throw corrupt("stored billing state fails its CRC32C");
    }
    try {
      CanonicalReader r = CanonicalReader.of(java.util.Arrays.copyOf(stored, n));
      if (!MessageDigest.isEqual(r.fixed("magic", 4), MAGIC) || r.u8("version") != VERSION) {
        throw corrupt("stored billing state has an unknown format");
      }
      if (!MessageDigest.isEqual(r.fixed("plan", 32), plan.fingerprint())) {
        throw corrupt("stored billing state belongs to another billing plan");
      }
      long openCycle = r.u64("openCycle");
      long openTotal = r.u64("openTotal");
      long lastSlot = r.u64("lastSlot") - 1;
      long openSlots = r.u64("openSlots");
      int count = r.u8("closed");
      if (count > plan.retainedCycles()) {
        throw corrupt("stored billing state retains too many cycles");
      }
      List<ClosedCycle> closed = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        long c = r.u64("cycle");
        long t = r.u64("total");
        long k = r.u64("slots");
        if (c < 0 || t < 0 || k < 0 || k > plan.slotsPerCycle()) {
          throw corrupt("stored closed cycle out of range");
        }
        closed.add(new ClosedCycle(c, t, k));
      }
      r.requireEnd("state");
      if (openCycle < 0 || openTotal < 0 || lastSlot < -1 || openSlots < 0
          || openSlots > plan.slotsPerCycle()
          || (lastSlot >= 0 && plan.cycleOf(lastSlot) != openCycle)) {
        throw corrupt("stored billing state out of range");
      }
      return new BillingState(openCycle, openTotal, lastSlot, openSlots, closed);
    } catch (MalformedMessageException | IllegalArgumentException e) {
      throw corrupt("stored billing state is malformed");
    }
  }

  private static DistortionViolationException corrupt(String detail) {
    return new DistortionViolationException(DistortionChecks.DIST_S_06, detail);
  }
}
