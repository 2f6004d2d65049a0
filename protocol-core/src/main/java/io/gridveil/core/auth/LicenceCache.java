// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.Round;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Remembers licences whose supplier signature an {@link Endpoint} has already verified, so a
 * licensed frame costs one signature verification instead of two (spec/auth.md §3.4). Only the
 * signature is cached: the anchor's acceptance at the current round, validity, group and
 * revocation are checked on every frame. The endpoint replaces its cache whenever its anchors
 * change; the cache is bounded and cleared when full. Mutable, owned by one endpoint.
 */
final class LicenceCache {
  static final int CAPACITY = 4096;

  private record Entry(Licence licence, KeyId signer) {}

  private final Map<ByteBuffer, Entry> entries = new HashMap<>();

  @Nullable Licence find(byte[] encoded, TrustAnchors anchors, Round now) {
    Entry e = entries.get(ByteBuffer.wrap(encoded));
    if (e == null) {
      return null;
    }
    Optional<Anchor> a = anchors.find(e.signer);
    return a.isPresent() && a.get().acceptsAt(now) ? e.licence : null;
  }

  void put(byte[] encoded, SignedLicence signed) {
    if (entries.size() >= CAPACITY) {
      entries.clear();
    }
    entries.put(
        ByteBuffer.wrap(encoded.clone()), new Entry(signed.licence(), signed.signer()));
  }
}
