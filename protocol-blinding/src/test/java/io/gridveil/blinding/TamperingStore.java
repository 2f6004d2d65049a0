// SPDX-License-Identifier: Apache-2.0
package io.gridveil.blinding;

import io.gridveil.core.runtime.Commit;
import io.gridveil.core.runtime.KeyVault;
import io.gridveil.core.runtime.RoleAddress;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.StoredState;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** A store that changes one section of what its inner store loads: a corrupted state, test-only. */
final class TamperingStore implements RoleStore {
  private final RoleStore inner;
  private final String section;
  private final UnaryOperator<byte[]> change;

  TamperingStore(RoleStore inner, String section, UnaryOperator<byte[]> change) {
    this.inner = inner;
    this.section = section;
    this.change = change;
  }

  @Override
  public Optional<StoredState> load(RoleAddress owner) throws StoreException {
    Optional<StoredState> s = inner.load(owner);
    if (s.isEmpty()) {
      return s;
    }
    Map<String, byte[]> sections = new TreeMap<>(s.get().sections());
    byte[] b = sections.get(section);
    if (b == null) {
      throw new AssertionError("no section " + section);
    }
    sections.put(section, change.apply(b));
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
  public void close() {
    inner.close();
  }
}
