// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit;

import io.gridveil.core.runtime.Commit;
import io.gridveil.core.runtime.KeyVault;
import io.gridveil.core.runtime.RoleAddress;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.StoredState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * A store whose {@link #load} returns its inner store's state with chosen sections changed: a
 * corrupted or foreign stored file, for the RT-S checks of spec/runtime.md §6.4 and §6.6. Commits
 * and the vault pass through; {@link #close} leaves the inner store open, so that a test may open
 * it again after a refused open. Test-only.
 */
public final class TamperingStore implements RoleStore {
  private final RoleStore inner;
  private final Map<String, UnaryOperator<byte[]>> changes = new LinkedHashMap<>();
  private final Map<String, byte[]> puts = new LinkedHashMap<>();

  /**
   * Wraps a store with no change yet.
   *
   * @param inner the store whose loads are changed
   */
  public TamperingStore(RoleStore inner) {
    this.inner = inner;
  }

  /**
   * Wraps a store and changes one section of every load.
   *
   * @param inner the store whose loads are changed
   * @param section the section's name, which every load must hold
   * @param change the new content from the stored one
   * @return the store
   */
  public static TamperingStore section(
      RoleStore inner, String section, UnaryOperator<byte[]> change) {
    return new TamperingStore(inner).change(section, change);
  }

  /**
   * Wraps a store and replaces one section of every load.
   *
   * @param inner the store whose loads are changed
   * @param section the section's name, which need not exist
   * @param content the content every load returns for it
   * @return the store
   */
  public static TamperingStore put(RoleStore inner, String section, byte[] content) {
    TamperingStore t = new TamperingStore(inner);
    synchronized (t) {
      t.puts.put(section, content.clone());
    }
    return t;
  }

  /**
   * Adds a change of one section to every later load.
   *
   * @param section the section's name
   * @param change the new content from the stored one; a load that lacks the section fails the
   *     test
   * @return this store
   */
  public synchronized TamperingStore change(String section, UnaryOperator<byte[]> change) {
    changes.put(section, change);
    return this;
  }

  /** Drops every change: later loads return the inner store's state. */
  public synchronized void clear() {
    changes.clear();
    puts.clear();
  }

  @Override
  public synchronized Optional<StoredState> load(RoleAddress owner) throws StoreException {
    Optional<StoredState> s = inner.load(owner);
    if (s.isEmpty() || (changes.isEmpty() && puts.isEmpty())) {
      return s;
    }
    Map<String, byte[]> sections = new TreeMap<>(s.get().sections());
    changes.forEach((name, f) -> {
      byte[] stored = sections.get(name);
      if (stored == null) {
        throw new AssertionError("no section " + name + " to change");
      }
      sections.put(name, f.apply(stored));
    });
    puts.forEach((name, content) -> sections.put(name, content.clone()));
    return Optional.of(new StoredState(s.get().sequence(), sections, s.get().outbox()));
  }

  @Override
  public void commit(Commit commit) throws StoreException {
    inner.commit(commit);
  }

  @Override
  public KeyVault vault() {
    return inner.vault();
  }

  @Override
  public void close() {}
}
