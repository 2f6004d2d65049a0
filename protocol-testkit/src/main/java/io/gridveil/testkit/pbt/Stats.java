// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit.pbt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Labelled counts of what a property saw, such as the kinds of outcome its tries reached; a
 * property reports them after its check and may assert on them, so that it cannot pass by never
 * reaching a case.
 */
public final class Stats {
  private static final Map<String, Map<String, Long>> COUNTS = new ConcurrentHashMap<>();
  private static final System.Logger LOG = System.getLogger(Stats.class.getName());

  private Stats() {}

  /**
   * Counts one occurrence of {@code value} under {@code label}.
   *
   * @param label what is counted, such as "outcome"
   * @param value the value seen; its string form is the key
   */
  public static void collect(String label, Object value) {
    Map<String, Long> m = COUNTS.computeIfAbsent(label, k -> new TreeMap<>());
    synchronized (m) {
      m.merge(String.valueOf(value), 1L, Long::sum);
    }
  }

  /**
   * The counts under {@code label} so far, by value in string order.
   *
   * @param label the label
   * @return an unmodifiable copy, empty if nothing was collected
   */
  public static Map<String, Long> counts(String label) {
    Map<String, Long> m = COUNTS.getOrDefault(label, Map.of());
    synchronized (m) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
  }

  /**
   * Logs the counts under {@code label} with their shares (INFO, through {@code System.Logger}, so
   * the embedding test run decides where they go), forgets them and returns them.
   *
   * @param label the label
   * @return the counts as {@link #counts} gave them before they were forgotten
   */
  public static Map<String, Long> report(String label) {
    Map<String, Long> c = counts(label);
    COUNTS.remove(label);
    long total = c.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder b = new StringBuilder("[stats] ").append(label).append(" (").append(total)
        .append(" samples):");
    c.forEach(
        (v, n) -> b.append(' ').append(v).append('=')
            .append(String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * n / total)));
    LOG.log(System.Logger.Level.INFO, b.toString());
    return c;
  }
}
