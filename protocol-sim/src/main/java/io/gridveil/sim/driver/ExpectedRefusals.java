// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The refusals a scheme causes by design (spec/sim.md §4.7): frames the protocol sends to
 * receivers that do not need them, which those receivers refuse. The table is explicit and
 * narrow: one row per (scheme, check ID, message type, receiving role), each with its reason;
 * every refusal not listed is a {@link RefusalClass#PROBLEM}.
 */
public final class ExpectedRefusals {
  /**
   * One kind of refusal a scheme causes by design.
   *
   * @param scheme the scheme
   * @param refusal the check, message type and receiving role
   * @param reason why the protocol sends such frames to receivers that refuse them
   */
  record Row(Scheme scheme, Refusal refusal, String reason) {
    Row {
      Objects.requireNonNull(scheme, "scheme");
      Objects.requireNonNull(refusal, "refusal");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private static final String DISCOVERY =
      "a joining meter does not know its LC, so it broadcasts LcDiscovery to the group"
          + " (spec/cmt.md §3.2); only the LC takes it, every other member refuses it";

  private static final String UNLICENSED =
      "a group broadcast reaching a meter that holds no licence yet, which accepts no broadcast"
          + " (spec/cmt.md §11.2): in set-up, meter 0's discoveries, announcement and repeated"
          + " ReRegister (alone it is below m_min, spec/cmt.md §3.4 step 3) reach the meters that"
          + " start after it (spec/sim.md §4.2); later, a meter restarting awaits its licence";

  /** The table of spec/sim.md §4.7, row for row. */
  static final List<Row> TABLE =
      List.of(
          new Row(Scheme.CMT, new Refusal("CMT-S-06", "LcDiscovery", Role.METER), DISCOVERY),
          new Row(Scheme.CMT, new Refusal("AUTH-V-13", "LcDiscovery", Role.METER), UNLICENSED),
          new Row(Scheme.CMT, new Refusal("AUTH-V-13", "LcAnnouncement", Role.METER), UNLICENSED),
          new Row(Scheme.CMT, new Refusal("AUTH-V-13", "ReRegister", Role.METER), UNLICENSED));

  private ExpectedRefusals() {}

  /**
   * Tells why a refusal is expected of a scheme.
   *
   * @param scheme the scheme
   * @param refusal the check, message type and receiving role
   * @return the table's reason, or empty if the refusal indicates a problem
   */
  public static Optional<String> reason(Scheme scheme, Refusal refusal) {
    for (Row r : TABLE) {
      if (r.scheme() == scheme && r.refusal().equals(refusal)) {
        return Optional.of(r.reason());
      }
    }
    return Optional.empty();
  }

  /**
   * Classifies a scheme's refusals.
   *
   * @param scheme the scheme
   * @param counts the number of refusals of each kind
   * @return one entry per kind, in the order of the map
   */
  public static List<RefusalCount> classify(Scheme scheme, Map<Refusal, Long> counts) {
    List<RefusalCount> out = new ArrayList<>(counts.size());
    counts.forEach(
        (refusal, n) -> {
          Optional<String> why = reason(scheme, refusal);
          out.add(
              new RefusalCount(
                  refusal,
                  n,
                  why.isPresent() ? RefusalClass.EXPECTED : RefusalClass.PROBLEM,
                  why.orElse("")));
        });
    return out;
  }
}
