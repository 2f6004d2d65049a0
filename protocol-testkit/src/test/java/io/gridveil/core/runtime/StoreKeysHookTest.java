// SPDX-License-Identifier: Apache-2.0
package io.gridveil.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gridveil.core.auth.Endpoint;
import io.gridveil.core.auth.EnvelopeVerifier;
import io.gridveil.core.message.Address;
import io.gridveil.core.random.DeterministicRandomSource;
import io.gridveil.core.secret.SecretBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link RoleBinding#storeKeys}, the hook through which a role writes keys a step delivered into
 * its vault before the commit that names them (spec/runtime.md §5.4 item 4, §6.1 item 2).
 */
final class StoreKeysHookTest {
  private static final KeyAlias ALIAS = KeyAlias.of("toy.delivered");

  /** The toy binding, plus a key imported once the tally is positive; can be made to fail. */
  private static final class KeyBinding implements RoleBinding<ToyRole.Tally, ToyRole.In> {
    final List<Long> seenTotals = new ArrayList<>();
    boolean fail;

    @Override
    public Map<String, byte[]> sections(ToyRole.Tally party) {
      return ToyRole.BINDING.sections(party);
    }

    @Override
    public ToyRole.In timerInput(TimerId timer) {
      return ToyRole.BINDING.timerInput(timer);
    }

    @Override
    public void storeKeys(ToyRole.Tally party, KeyVault vault) throws StoreException {
      seenTotals.add(party.total());
      if (fail) {
        throw new StoreException("vault unavailable");
      }
      if (party.total() > 0 && vault.kindOf(ALIAS).isEmpty()) {
        vault.importKey(ALIAS, KeyKind.SECRET_32, SecretBytes.copyOf(new byte[32]));
      }
    }
  }

  private static RoleRuntime<ToyRole.Tally, ToyRole.In, ToyRole.Ping> open(
      RoleStore store, KeyBinding binding) throws StoreException {
    return RoleRuntime.open(
        store, RoleAddress.of(ToyRole.GROUP, Role.SUPPLIER), ToyRole.TIMING, ToyRole.SCHEDULE,
        DeterministicRandomSource.fromSeed(3), binding,
        resumed -> {
          ToyRole.Tally party = new ToyRole.Tally(Address.SUPPLIER, Address.AGGREGATOR, 0, 0);
          if (resumed.state().isPresent()) {
            byte[] b = resumed.state().get().section("role").orElseThrow();
            party = new ToyRole.Tally(Address.SUPPLIER, Address.AGGREGATOR, b[9], 1);
          }
          return Endpoint.signing(party, ToyRole.CODEC, ToyRole.Received::new,
              EnvelopeVerifier.of(ToyRole.CODEC, party, ToyRole.GROUP, ToyRole.ANCHORS),
              ToyRole.SUPPLIER_KEY, resumed.sequenceBase());
        });
  }

  @Test
  void keysAreWrittenBeforeTheCommitThatFollowsTheStep() throws Exception {
    RoleStore store = RoleStore.inMemory();
    KeyBinding binding = new KeyBinding();
    RoleRuntime<ToyRole.Tally, ToyRole.In, ToyRole.Ping> rt = open(store, binding);
    Outbox out = rt.input(new ToyRole.Add(5), LogicalTime.ofMillis(1));
    assertEquals(0, out.sequence());
    assertEquals(List.of(5L), binding.seenTotals, "called once, with the state being committed");
    assertEquals(KeyKind.SECRET_32, store.vault().kindOf(ALIAS).orElseThrow());
  }

  @Test
  void aFailingHookCommitsNothingAndFailsTheHandle() throws Exception {
    RoleStore store = RoleStore.inMemory();
    KeyBinding binding = new KeyBinding();
    RoleRuntime<ToyRole.Tally, ToyRole.In, ToyRole.Ping> rt = open(store, binding);
    rt.input(new ToyRole.Add(5), LogicalTime.ofMillis(1));
    binding.fail = true;
    assertThrows(StoreException.class, () -> rt.input(new ToyRole.Add(7), LogicalTime.ofMillis(2)));
    assertThrows(IllegalStateException.class, () -> rt.input(new ToyRole.Add(1), LogicalTime.ofMillis(3)));
    // Reopened: the last commit is the one before the failed call.
    RoleRuntime<ToyRole.Tally, ToyRole.In, ToyRole.Ping> again = open(store, new KeyBinding());
    assertEquals(5, again.party().total());
    assertTrue(again.recover().isPresent());
  }
}
