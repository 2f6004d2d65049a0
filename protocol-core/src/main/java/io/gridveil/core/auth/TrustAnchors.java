// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.auth;

import io.gridveil.core.Round;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Ed25519 keys a verifier trusts, by key ID, with their acceptance periods (spec/auth.md §4).
 * Immutable: every change returns a new set.
 */
public final class TrustAnchors {
  private static final TrustAnchors EMPTY = new TrustAnchors(Map.of());

  private final Map<KeyId, Anchor> anchors;

  private TrustAnchors(Map<KeyId, Anchor> anchors) {
    this.anchors = anchors;
  }

  /**
   * Returns the empty set.
   *
   * @return no anchors
   */
  public static TrustAnchors empty() {
    return EMPTY;
  }

  /**
   * Adds or replaces an anchor.
   *
   * @param anchor the anchor
   * @return the new set
   */
  public TrustAnchors with(Anchor anchor) {
    Map<KeyId, Anchor> m = new HashMap<>(anchors);
    m.put(anchor.key().keyId(), anchor);
    return new TrustAnchors(Map.copyOf(m));
  }

  /**
   * Rotates a key (spec/auth.md §4.2): the old key stays accepted up to and including
   * {@code retireAfter}, the successor is accepted from the round after it.
   *
   * @param old the key being rotated out
   * @param retireAfter the last round in which the old key is accepted
   * @param successor the new key, for the same principal
   * @return the new set
   * @throws IllegalArgumentException if the old key is unknown
   */
  public TrustAnchors rotate(KeyId old, Round retireAfter, Ed25519PublicKey successor) {
    Anchor a = anchors.get(old);
    if (a == null) {
      throw new IllegalArgumentException("no anchor with that key id");
    }
    return with(new Anchor(a.principal(), a.key(), a.validFrom(), retireAfter))
        .with(new Anchor(a.principal(), successor, retireAfter.next(), Anchor.FOREVER));
  }

  /**
   * Looks up an anchor.
   *
   * @param id the key ID
   * @return the anchor, if trusted
   */
  public Optional<Anchor> find(KeyId id) {
    return Optional.ofNullable(anchors.get(Objects.requireNonNull(id, "id")));
  }

  /**
   * Returns the number of anchors.
   *
   * @return the size
   */
  public int size() {
    return anchors.size();
  }
}
