// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.internal.store;

import io.gridveil.core.random.DrbgRandomSource;
import io.gridveil.core.random.RandomSource;
import io.gridveil.core.runtime.Commit;
import io.gridveil.core.runtime.KeyVault;
import io.gridveil.core.runtime.RoleAddress;
import io.gridveil.core.runtime.RoleStore;
import io.gridveil.core.runtime.StorageKey;
import io.gridveil.core.runtime.StoreException;
import io.gridveil.core.runtime.StoredState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The file-backed store (spec/runtime.md §6.4): {@code state.gv} and {@code keys.gv} sealed under
 * the product's storage key, each written to a {@code .tmp} file, forced, atomically moved over
 * the old one and made durable by forcing the directory; {@code state.gv.lock} held with a
 * {@link FileLock} for as long as the store is open. Nonces come from the store's own DRBG
 * seeded from the platform, never from a handle's injected source.
 */
public final class FileRoleStore implements RoleStore {
  static final String STATE = "state.gv";
  static final String KEYS = "keys.gv";
  static final String LOCK = "state.gv.lock";
  static final String TMP = ".tmp";

  private final Path dir;
  private final StorageKey key;
  private final List<StorageKey> keys;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final RandomSource nonces = DrbgRandomSource.create();
  private @Nullable RoleAddress owner;
  private long sequence = -1;
  private Map<String, byte[]> sections = new TreeMap<>();
  private long vaultSequence = -1;
  private @Nullable SoftwareKeyVault vault;
  private boolean closed;

  private FileRoleStore(
      Path dir, StorageKey key, List<StorageKey> keys, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.key = key;
    this.keys = keys;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens the store in a directory and takes its lock (spec/runtime.md §11 item 3).
   *
   * @param dir the directory, created if absent
   * @param key the storage key the next commit is sealed under
   * @param previous older storage keys the files may still be sealed under
   * @return the store
   * @throws StoreException if another opener holds the directory, or an I/O failure
   */
  public static FileRoleStore open(Path dir, StorageKey key, StorageKey... previous)
      throws StoreException {
    Objects.requireNonNull(key, "key");
    List<StorageKey> all = new ArrayList<>();
    all.add(key);
    for (StorageKey p : previous) {
      all.add(Objects.requireNonNull(p, "previous"));
    }
    FileChannel ch = null;
    try {
      Files.createDirectories(dir);
      ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        ch.close();
        throw new StoreException("the store directory is in use by another opener");
      }
      return new FileRoleStore(dir, key, List.copyOf(all), ch, l);
    } catch (IOException e) {
      closeQuietly(ch);
      throw new StoreException("cannot open the store directory", e);
    }
  }

  private static void closeQuietly(@Nullable FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // already failing; the open's exception is the one reported
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the store is closed");
    }
  }

  @Override
  public synchronized Optional<StoredState> load(RoleAddress opener) throws StoreException {
    checkOpen();
    if (owner != null && !owner.equals(opener)) {
      throw new IllegalStateException("the store is bound to another owner");
    }
    try {
      Files.deleteIfExists(dir.resolve(STATE + TMP));
      Files.deleteIfExists(dir.resolve(KEYS + TMP));
      Path keysFile = dir.resolve(KEYS);
      SoftwareKeyVault v;
      long vs = -1;
      if (Files.exists(keysFile)) {
        SealedFile.Opened o = SealedFile.open(
            Files.readAllBytes(keysFile), SealedFile.VAULT_MAGIC, SealedFile.VAULT, opener, keys);
        v = SoftwareKeyVault.decode(o.body(), this::persistVault);
        vs = o.sequence();
      } else {
        v = SoftwareKeyVault.empty(this::persistVault);
      }
      Path stateFile = dir.resolve(STATE);
      Optional<StoredState> loaded = Optional.empty();
      Map<String, byte[]> s = new TreeMap<>();
      long seq = -1;
      if (Files.exists(stateFile)) {
        SealedFile.Opened o = SealedFile.open(
            Files.readAllBytes(stateFile), SealedFile.STATE_MAGIC, SealedFile.STORE, opener, keys);
        StateBody.Decoded d = StateBody.decode(o.body());
        s = d.sections();
        seq = o.sequence();
        loaded = Optional.of(new StoredState(seq, s, d.outbox()));
      }
      owner = opener;
      vault = v;
      vaultSequence = vs;
      sections = s;
      sequence = seq;
      return loaded;
    } catch (IOException e) {
      throw new StoreException("cannot read the store", e);
    }
  }

  @Override
  public synchronized void commit(Commit commit) throws StoreException {
    checkOpen();
    RoleAddress o = owner;
    if (o == null) {
      throw new IllegalStateException("load the store before committing");
    }
    if (commit.sequence() != sequence + 1) {
      throw new IllegalArgumentException("commit sequence must follow the last one");
    }
    TreeMap<String, byte[]> next = new TreeMap<>(sections);
    next.putAll(commit.put());
    commit.delete().forEach(next::remove);
    byte[] body = StateBody.encode(next, commit.outbox());
    byte[] file = SealedFile.seal(
        SealedFile.STATE_MAGIC, SealedFile.STORE, o, commit.sequence(), body, key, nonces);
    write(STATE, file);
    sections = next;
    sequence = commit.sequence();
  }

  private void persistVault(byte[] body) throws StoreException {
    RoleAddress o = owner;
    if (o == null) {
      throw new IllegalStateException("load the store before using its vault");
    }
    long next = vaultSequence + 1;
    write(KEYS, SealedFile.seal(
        SealedFile.VAULT_MAGIC, SealedFile.VAULT, o, next, body, key, nonces));
    vaultSequence = next;
  }

  /** §6.4 items 2 to 4: tmp, force, atomic move, force the directory. */
  private void write(String name, byte[] bytes) throws StoreException {
    Path tmp = dir.resolve(name + TMP);
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
          ch.write(b);
        }
        ch.force(true);
      }
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
        d.force(true);
      }
    } catch (IOException e) {
      throw new StoreException("cannot write " + name, e);
    }
  }

  @Override
  public synchronized KeyVault vault() {
    checkOpen();
    SoftwareKeyVault v = vault;
    if (v == null) {
      throw new IllegalStateException("load the store before using its vault");
    }
    return v;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases the lock as well
    }
    closeQuietly(lockChannel);
  }

  @Override
  public String toString() {
    return "FileRoleStore[" + dir.getFileName() + "]";
  }
}
