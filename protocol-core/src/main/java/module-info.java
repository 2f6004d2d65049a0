// SPDX-License-Identifier: Apache-2.0
/**
 * GridVeil core: identifiers, aggregation parameters, injected randomness, secret types, the key
 * schedule, the canonical codec, the message model and the sans-I/O party contract (spec/core.md,
 * spec/encoding.md).
 */
module io.gridveil.core {
  requires static transitive org.checkerframework.checker.qual;
  requires org.bouncycastle.provider;

  exports io.gridveil.core;
  exports io.gridveil.core.random;
  exports io.gridveil.core.secret;
  exports io.gridveil.core.kdf;
  exports io.gridveil.core.codec;
  exports io.gridveil.core.message;
  exports io.gridveil.core.party;
  exports io.gridveil.core.network;
  exports io.gridveil.core.auth;
  exports io.gridveil.core.ec;
  exports io.gridveil.core.keys;
  exports io.gridveil.core.runtime;
  exports io.gridveil.core.harness;
}
