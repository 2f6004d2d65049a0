// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.internal.store;

import io.gridveil.core.runtime.Commit;
import io.gridveil.core.runtime.KeyVault;
import io.gridveil.core.runtime.RoleAddress;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.RuntimeChecks;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.StoredState;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The in-memory store (spec/runtime.md §6.3): the last commit kept as the encoded state body, so
 * that every load decodes it; no encryption; the vault keeps key objects. A handle dropped
 * without closing (a simulated crash) may be reopened from it. Thread-safe.
 */
public final class InMemoryRoleStore implements RoleStore {
  private @Nullable RoleAddress owner;
  private long sequence = -1;
  private byte[] body = StateBody.encode(Map.of(), new byte[0]);
  private final SoftwareKeyVault vault = SoftwareKeyVault.empty(bytes -> {});

  /** Creates an empty store. */
  public InMemoryRoleStore() {}

  @Override
  public synchronized Optional<StoredState> load(RoleAddress opener) throws StoreException {
    if (owner != null && !owner.equals(opener)) {
      throw new StoreException(
          RuntimeChecks.RT_S_03, "the stored role, group or principal is not the opener's");
    }
    owner = opener;
    if (sequence < 0) {
      return Optional.empty();
    }
    StateBody.Decoded d = StateBody.decode(body);
    return Optional.of(new StoredState(sequence, d.sections(), d.outbox()));
  }

  @Override
  public synchronized void commit(Commit commit) throws StoreException {
    if (owner == null) {
      throw new IllegalStateException("load the store before committing");
    }
    if (commit.sequence() != sequence + 1) {
      throw new IllegalArgumentException("commit sequence must follow the last one");
    }
    Map<String, byte[]> sections = StateBody.decode(body).sections();
    sections.putAll(commit.put());
    commit.delete().forEach(sections::remove);
    body = StateBody.encode(sections, commit.outbox());
    sequence = commit.sequence();
  }

  @Override
  public synchronized KeyVault vault() {
    if (owner == null) {
      throw new IllegalStateException("load the store before using its vault");
    }
    return vault;
  }

  @Override
  public void close() {
    // Nothing to release: the in-memory store is reopened after a simulated crash.
  }

  @Override
  public synchronized String toString() {
    return "InMemoryRoleStore[sequence=" + sequence + "]";
  }
}
