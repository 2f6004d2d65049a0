// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import io.gridveil.core.internal.store.FileRoleStore;
import io.gridveil.core.internal.store.InMemoryRoleStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A role's durable state with a write-ahead contract and an explicit commit boundary
 * (spec/runtime.md §6.1): a handle commits its next state with the outbox that depends on it and
 * releases the outbox only after {@link #commit} returned. A store belongs to one handle at a
 * time (spec/runtime.md §11 item 3); the handle names its owner on {@link #load}.
 */
public interface RoleStore extends AutoCloseable {
  /**
   * Binds the store to its owner and loads the last commit (spec/runtime.md §6.1 item 4). Called
   * once per opening, before {@link #commit} and {@link #vault}.
   *
   * @param owner the opening role: its group, role and principal
   * @return the last committed state, empty if nothing was ever committed
   * @throws StoreException RT-S-01 to RT-S-05 for stored bytes that fail a check, or an I/O
   *     failure
   * @throws IllegalStateException if the store was already bound to another owner
   */
  Optional<StoredState> load(RoleAddress owner) throws StoreException;

  /**
   * Commits atomically and durably: the commit is wholly in the store on return, or, if this
   * throws, the store holds the previous commit or this one (spec/runtime.md §6.1 item 1).
   *
   * @param commit the commit, whose sequence is one above the last
   * @throws StoreException if the medium failed
   * @throws IllegalStateException if the store was not loaded first
   * @throws IllegalArgumentException if the sequence does not follow the last one
   */
  void commit(Commit commit) throws StoreException;

  /**
   * Returns the role's key vault.
   *
   * @return the vault
   * @throws IllegalStateException if the store was not loaded first
   */
  KeyVault vault();

  /** Releases the store (the file store's lock); the store cannot be used afterwards. */
  @Override
  void close();

  /**
   * Returns a new in-memory store (spec/runtime.md §6.3): it keeps the last commit encoded, as a
   * file would, so reopening a handle from it exercises the state codecs; its vault keeps key
   * objects. Reopening after a handle was dropped (a simulated crash) is allowed.
   *
   * @return the store
   */
  static RoleStore inMemory() {
    return new InMemoryRoleStore();
  }

  /**
   * Opens a file-backed store in a directory (spec/runtime.md §6.4), taking the directory's lock.
   *
   * @param dir the directory, created if absent
   * @param key the storage key the next commit is sealed under
   * @param previous older storage keys the stored files may still be sealed under (rotation)
   * @return the store
   * @throws StoreException if the directory is in use by another opener, or an I/O failure
   */
  static RoleStore file(Path dir, StorageKey key, StorageKey... previous) throws StoreException {
    return FileRoleStore.open(dir, key, previous);
  }
}
