// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.billing;

import io.gridveil.distortion.DistortionViolationException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * The file-backed {@link BillingStore} (spec/distortion.md §3.4): atomic replacement of one state
 * file protected by a CRC32C.
 *
 * <p>Commit: write the encoded state to {@code billing.state.tmp}, force it to the device
 * ({@link FileChannel#force(boolean)}), rename it over {@code billing.state} with an atomic move,
 * then force the directory so the rename itself is durable. A crash before the rename leaves the
 * old file (and a stale temporary file that {@link #load()} deletes); a crash after leaves the new
 * one. The CRC32C detects a state file damaged by anything else (DIST-S-06). Requires a file
 * system with atomic rename (every POSIX local file system).
 *
 * <p>Not thread-safe: one meter process owns the directory.
 */
public final class FileBillingStore implements BillingStore {
  /** The name of the committed state file. */
  public static final String STATE_FILE = "billing.state";
  /** The name of the temporary file of a commit in progress. */
  public static final String TEMP_FILE = "billing.state.tmp";

  private final Path directory;
  private final BillingPlan plan;

  /**
   * Creates a store in a directory, which must exist.
   *
   * @param directory the directory that holds the state file
   * @param plan the billing plan the state belongs to
   */
  public FileBillingStore(Path directory, BillingPlan plan) {
    this.directory = Objects.requireNonNull(directory, "directory");
    this.plan = Objects.requireNonNull(plan, "plan");
  }

  @Override
  public Optional<BillingState> load() throws DistortionViolationException, IOException {
    Files.deleteIfExists(directory.resolve(TEMP_FILE));
    byte[] stored;
    try {
      stored = Files.readAllBytes(directory.resolve(STATE_FILE));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(BillingStateCodec.decode(plan, stored));
  }

  @Override
  public void commit(BillingState state) throws IOException {
    byte[] bytes = BillingStateCodec.encode(plan, state);
    Path tmp = directory.resolve(TEMP_FILE);
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    Files.move(
        tmp,
        directory.resolve(STATE_FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }

  @Override
  public String toString() {
    return "FileBillingStore[" + directory + "]";
  }
}
