// SPDX-License-Identifier: Apache-2.0
package io.gridveil.testkit.fuzz;

import io.gridveil.core.Round;
import io.gridveil.core.auth.AuthenticatedParty;
import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.message.Address;
import io.gridveil.core.random.RandomSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints of one fuzz execution, by address: {@link #feed} hands every frame to the party
 * at its recipient (every party for {@link Address#GROUP_BROADCAST}, the first party for an
 * address nobody holds) through {@link FuzzOracle#receive}. Mutable; one per execution.
 */
public final class Parties {
  /** One party's receive under the oracle. */
  @FunctionalInterface
  private interface Receiver {
    void receive(byte[] wire, Round now, RandomSource random);
  }

  private final Map<Address, Receiver> byAddress = new LinkedHashMap<>();
  private final List<Receiver> all = new ArrayList<>();

  /**
   * Adds a party.
   *
   * @param <S> the party's state type
   * @param <I> the party's input type
   * @param <M> the scheme's message type
   * @param at the addresses it is reached at
   * @param endpoint its fresh endpoint
   * @return this
   */
  public <S extends AuthenticatedParty<S, I>, I, M> Parties add(
      List<Address> at, Endpoint<S, I, M> endpoint) {
    Receiver r = (wire, now, random) ->
        FuzzOracle.receive(endpoint, wire, now, random, Object::toString);
    for (Address a : at) {
      byAddress.put(a, r);
    }
    all.add(r);
    return this;
  }

  /**
   * Delivers the frames in order.
   *
   * @param frames the frames of the fuzz input
   * @param now the receivers' round
   * @param random the injected random source
   */
  public void feed(List<FrameScript.Frame> frames, Round now, RandomSource random) {
    if (all.isEmpty()) {
      throw new IllegalStateException("no party");
    }
    for (FrameScript.Frame f : frames) {
      if (f.recipient().equals(Address.GROUP_BROADCAST)) {
        for (Receiver r : all) {
          r.receive(f.wire(), now, random);
        }
      } else {
        byAddress.getOrDefault(f.recipient(), all.get(0)).receive(f.wire(), now, random);
      }
    }
  }
}
