// SPDX-License-Identifier: Apache-2.0
/**
 * GridVeil's test kit (test scope for other modules): the spec vector loader, jqwik arbitraries
 * and assertions about check IDs.
 */
module io.gridveil.testkit {
  requires static org.checkerframework.checker.qual;
  requires transitive io.gridveil.core;
  requires transitive org.junit.jupiter.api;
  requires transitive net.jqwik.api;

  exports io.gridveil.testkit;
}
