// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A store that records every commit and can be told to fail the next ones. */
final class RecordingStore implements RoleStore {
  final RoleStore inner;
  final List<Commit> commits = new ArrayList<>();
  volatile boolean failCommits;

  RecordingStore(RoleStore inner) {
    this.inner = inner;
  }

  @Override
  public Optional<StoredState> load(RoleAddress owner) throws StoreException {
    return inner.load(owner);
  }

  @Override
  public synchronized void commit(Commit commit) throws StoreException {
    if (failCommits) {
      throw new StoreException("disk full", new IOException("disk full"));
    }
    inner.commit(commit);
    commits.add(commit);
  }

  synchronized int count() {
    return commits.size();
  }

  synchronized Commit last() {
    return commits.get(commits.size() - 1);
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
