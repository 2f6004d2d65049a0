// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One commit (spec/runtime.md §6.1): the sections of the role's state that changed, the sections
 * removed, and the encoded outbox of the call, committed together. Copies its arrays.
 */
public final class Commit {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9/_.-]{0,63}");

  private final long sequence;
  private final Map<String, byte[]> put;
  private final Set<String> delete;
  private final byte[] outbox;

  /**
   * Creates a commit.
   *
   * @param sequence the commit sequence number, one above the previous commit's (0 first)
   * @param put the changed sections by name, copied
   * @param delete the removed sections
   * @param outbox the encoded outbox of the call, copied
   * @throws IllegalArgumentException if the sequence is negative, a name is malformed or a name
   *     is both put and deleted
   */
  public Commit(long sequence, Map<String, byte[]> put, Set<String> delete, byte[] outbox) {
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must be non-negative");
    }
    TreeMap<String, byte[]> p = new TreeMap<>();
    put.forEach((k, v) -> p.put(checkName(k), v.clone()));
    TreeSet<String> d = new TreeSet<>();
    for (String k : delete) {
      if (p.containsKey(checkName(k))) {
        throw new IllegalArgumentException("a section is both put and deleted");
      }
      d.add(k);
    }
    this.sequence = sequence;
    this.put = Collections.unmodifiableMap(p);
    this.delete = Collections.unmodifiableSet(d);
    this.outbox = outbox.clone();
  }

  /**
   * Validates a section name: a lower-case letter, then up to 63 of {@code [a-z0-9/_.-]}.
   *
   * @param name the name
   * @return the name
   * @throws IllegalArgumentException if malformed
   */
  public static String checkName(String name) {
    if (!isValidName(name)) {
      throw new IllegalArgumentException("section name must match [a-z][a-z0-9/_.-]{0,63}");
    }
    return name;
  }

  /**
   * Tells whether a section name is well formed.
   *
   * @param name the name
   * @return true if it matches {@code [a-z][a-z0-9/_.-]{0,63}}
   */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * Returns the commit sequence number.
   *
   * @return the sequence number
   */
  public long sequence() {
    return sequence;
  }

  /**
   * Returns the changed sections; the arrays are the commit's own, do not modify them.
   *
   * @return the sections by name, sorted
   */
  public Map<String, byte[]> put() {
    return put;
  }

  /**
   * Returns the removed sections.
   *
   * @return the names, sorted
   */
  public Set<String> delete() {
    return delete;
  }

  /**
   * Returns the encoded outbox.
   *
   * @return a copy
   */
  public byte[] outbox() {
    return outbox.clone();
  }

  @Override
  public String toString() {
    return "Commit[sequence=" + sequence + ", put=" + put.keySet() + ", delete=" + delete
        + ", outbox " + outbox.length + " bytes]";
  }
}
