// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

/**
 * The bills a group's meters reported at the end of the billing cycle, with the public tariff
 * they were computed under (spec/distortion.md, on-meter aggregated billing).
 */
public final class Billing {
  private final long[] bills;
  private final java.util.BitSet received;
  private final long[] tariff;

  /**
   * Creates the billing record of the cycle that covers rounds 0 .. tariff.length - 1; the arrays
   * are copied.
   *
   * @param bills AB_i per meter, as the supplier received it (0 where none arrived)
   * @param received the meters whose bill reached the supplier
   * @param tariff P[j] for each round of the billed cycle, the public price vector
   */
  public Billing(long[] bills, java.util.BitSet received, long[] tariff) {
    this.bills = bills.clone();
    this.received = (java.util.BitSet) received.clone();
    this.tariff = tariff.clone();
  }

  /**
   * Tells whether meter i's bill reached the supplier.
   *
   * @param i the meter
   * @return true if {@link #bill(int)} holds its bill
   */
  public boolean received(int i) {
    return received.get(i);
  }

  /**
   * Returns the number of rounds the billed cycle covers.
   *
   * @return J
   */
  public int rounds() {
    return tariff.length;
  }

  /**
   * Returns meter i's reported bill.
   *
   * @param i the meter
   * @return AB_i[J]
   */
  public long bill(int i) {
    return bills[i];
  }

  /**
   * Returns the number of bills.
   *
   * @return n
   */
  public int members() {
    return bills.length;
  }

  /**
   * Returns the price of round j.
   *
   * @param j the round
   * @return P[j]
   */
  public long price(int j) {
    return tariff[j];
  }
}
