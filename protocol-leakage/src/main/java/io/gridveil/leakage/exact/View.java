// SPDX-License-Identifier: Apache-2.0
package io.gridveil.leakage.exact;

import io.gridveil.core.IllegalParameterException;
import io.gridveil.leakage.LeakageChecks;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A canonical, equality-comparable view of a party or coalition over one run (spec/leakage.md
 * §2.1): the ordered list of everything it holds or receives.
 *
 * <p>Elements must have value equality: boxed numbers, {@link java.math.BigInteger}s, strings,
 * records of such values, and lists of such values. Arrays, and records with an array-typed
 * component, are refused (arrays compare by identity, so every run would look different);
 * add byte arrays with {@link Builder#addBytes(byte[])} and long arrays with
 * {@link Builder#addLongs(long[])}, which convert them. Two views are equal when their element
 * lists are equal, so the order in which a party records what it sees is part of its view; a
 * coalition's view is the concatenation of its members' views in a fixed member order
 * ({@link #union(View...)}).
 *
 * @param elements the view's elements in the order the party recorded them
 */
public record View(List<Object> elements) {
  /**
   * Copies the elements and checks that they have value equality.
   *
   * @param elements the view's elements in the order the party recorded them
   * @throws IllegalParameterException LEAK-P-03 if an element is null, an array or a record with
   *     an array component, or a list element (at any depth) is
   */
  public View {
    Objects.requireNonNull(elements, "elements");
    for (Object e : elements) {
      requireValue(e);
    }
    elements = List.copyOf(elements);
  }

  /**
   * Returns the view with the given elements.
   *
   * @param elements the elements in order
   * @return the view
   * @throws IllegalParameterException LEAK-P-03 if an element is null or an array
   */
  public static View of(Object... elements) {
    return new View(Arrays.asList(elements));
  }

  /**
   * Returns the coalition view: the concatenation of the members' views in the given order
   * (spec/leakage.md §2.1). Callers must pass the members in a fixed order in every run.
   *
   * @param members the members' views
   * @return the coalition view
   */
  public static View union(View... members) {
    List<Object> all = new ArrayList<>();
    for (View v : members) {
      all.addAll(v.elements());
    }
    return new View(all);
  }

  /**
   * Returns a builder for a view.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the number of elements.
   *
   * @return the size
   */
  public int size() {
    return elements.size();
  }

  private static void requireValue(@Nullable Object e) {
    if (e == null) {
      throw new IllegalParameterException(LeakageChecks.LEAK_P_03, "view element is null");
    }
    Class<?> type = e.getClass();
    // Fast path for the common value types: this runs once per element per execution.
    if (type == Long.class || type == Integer.class || type == String.class
        || type == BigInteger.class || type == Boolean.class) {
      return;
    }
    if (type.isArray()) {
      throw new IllegalParameterException(
          LeakageChecks.LEAK_P_03, "view element is an array; use addBytes or addLongs");
    }
    if (e instanceof Collection<?> c) {
      for (Object x : c) {
        requireValue(x);
      }
    }
    if (!VALUE_RECORD.get(type)) {
      throw new IllegalParameterException(
          LeakageChecks.LEAK_P_03, "view element is a record with an array component");
    }
  }

  /**
   * Whether a class has value equality as far as its declared types show: false for a record
   * with an array-typed component, directly or in a nested record component. Components of
   * other types (interfaces, Object) are not inspected.
   */
  private static final ClassValue<Boolean> VALUE_RECORD =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return !hasArrayComponent(type, new HashSet<>());
        }
      };

  private static boolean hasArrayComponent(Class<?> type, Set<Class<?>> visiting) {
    if (!type.isRecord() || !visiting.add(type)) {
      return false;
    }
    for (RecordComponent rc : type.getRecordComponents()) {
      Class<?> t = rc.getType();
      if (t.isArray() || hasArrayComponent(t, visiting)) {
        return true;
      }
    }
    return false;
  }

  /** Accumulates the elements of a view in the order the party records them. Not thread-safe. */
  public static final class Builder {
    private final List<Object> elements = new ArrayList<>();

    private Builder() {}

    /**
     * Appends one element.
     *
     * @param element a value with value equality
     * @return this builder
     * @throws IllegalParameterException LEAK-P-03 if the element is null or an array
     */
    public Builder add(Object element) {
      requireValue(element);
      elements.add(element);
      return this;
    }

    /**
     * Appends a long value.
     *
     * @param value the value
     * @return this builder
     */
    public Builder add(long value) {
      elements.add(value);
      return this;
    }

    /**
     * Appends a byte array as its lowercase hexadecimal string.
     *
     * @param bytes the bytes (copied)
     * @return this builder
     */
    public Builder addBytes(byte[] bytes) {
      elements.add(HexFormat.of().formatHex(bytes));
      return this;
    }

    /**
     * Appends a long array as an immutable list of its values.
     *
     * @param values the values (copied)
     * @return this builder
     */
    public Builder addLongs(long[] values) {
      List<Long> list = new ArrayList<>(values.length);
      for (long v : values) {
        list.add(v);
      }
      elements.add(List.copyOf(list));
      return this;
    }

    /**
     * Appends every element of another view.
     *
     * @param view the view
     * @return this builder
     */
    public Builder addAll(View view) {
      elements.addAll(view.elements());
      return this;
    }

    /**
     * Returns the view.
     *
     * @return the view of the elements added so far
     */
    public View build() {
      return new View(elements);
    }
  }
}
