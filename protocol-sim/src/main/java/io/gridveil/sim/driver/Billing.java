// SPDX-License-Identifier: Apache-2.0
package io.gridveil.sim.driver;

/**
 * The bills a group's meters reported at the end of the billing cycle, with the public tariff
 * they were computed under (spec/distortion.md, on-meter aggregated billing).
 */
public final class Billing {
  private final long[] bills;
  private final long[] tariff;

  /**
   * Creates the billing record; the arrays are copied.
   *
   * @param bills AB_i[J] per meter, as the supplier received it
   * @param tariff P[j] per round, the public price vector
   */
  public Billing(long[] bills, long[] tariff) {
    this.bills = bills.clone();
    this.tariff = tariff.clone();
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
