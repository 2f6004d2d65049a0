// SPDX-License-Identifier: Apache-2.0
/**
 * Authenticated envelopes, independent of the transport (spec/auth.md): Ed25519-signed control
 * frames, HMAC-SHA256 reading frames under token-bound X25519 keys, licences, revocation, key
 * rotation and replay windows. The typed pipeline is bytes, then {@link AuthCodec} decoding, then
 * a verifier that alone can create a {@link VerifiedEnvelope}.
 */
package io.gridveil.core.auth;
