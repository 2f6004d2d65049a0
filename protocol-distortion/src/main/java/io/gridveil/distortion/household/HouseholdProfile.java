// SPDX-License-Identifier: Apache-2.0
package io.gridveil.distortion.household;

/**
 * The fixed characteristics of one synthetic household (spec/distortion.md §7.1): its routine and
 * its appliances. Drawn by {@link HouseholdGenerator#drawProfile}; times are minutes after
 * midnight, powers are watts.
 *
 * @param occupants the number of occupants, 1 to 5
 * @param worksAway whether the household is away on weekdays
 * @param wakeMinute the usual wake-up time on weekdays
 * @param bedMinute the usual bedtime
 * @param standbyWatts the always-on base load
 * @param fridgeWatts the fridge compressor's power
 * @param fridgeOnMinutes the compressor's on time per cycle
 * @param fridgeOffMinutes the compressor's off time per cycle
 * @param kettleWatts the kettle's power
 * @param cookingWatts the hob or oven's power
 * @param cookingProbability the probability of cooking dinner on a given day
 * @param washerProbability the probability of a washing cycle on a given day (0 without a washer)
 * @param dishwasherProbability the probability of a dishwasher run after dinner (0 without one)
 * @param lightingWatts the lighting power when lights are on
 * @param entertainmentWatts the television and electronics in the evening
 */
public record HouseholdProfile(
    int occupants,
    boolean worksAway,
    int wakeMinute,
    int bedMinute,
    double standbyWatts,
    double fridgeWatts,
    int fridgeOnMinutes,
    int fridgeOffMinutes,
    double kettleWatts,
    double cookingWatts,
    double cookingProbability,
    double washerProbability,
    double dishwasherProbability,
    double lightingWatts,
    double entertainmentWatts) {

  /**
   * Validates the ranges.
   *
   * @param occupants the number of occupants, 1 to 5
   * @param worksAway whether the household is away on weekdays
   * @param wakeMinute the usual wake-up time on weekdays
   * @param bedMinute the usual bedtime
   * @param standbyWatts the always-on base load
   * @param fridgeWatts the fridge compressor's power
   * @param fridgeOnMinutes the compressor's on time per cycle
   * @param fridgeOffMinutes the compressor's off time per cycle
   * @param kettleWatts the kettle's power
   * @param cookingWatts the hob or oven's power
   * @param cookingProbability the probability of cooking dinner on a given day
   * @param washerProbability the probability of a washing cycle on a given day (0 without a
   *     washer)
   * @param dishwasherProbability the probability of a dishwasher run after dinner (0 without one)
   * @param lightingWatts the lighting power when lights are on
   * @param entertainmentWatts the television and electronics in the evening
   * @throws IllegalArgumentException if a value is out of its range
   */
  public HouseholdProfile {
    if (occupants < 1 || occupants > 5 || wakeMinute < 0 || wakeMinute >= 1440
        || bedMinute <= wakeMinute || bedMinute > 1440 + 180
        || fridgeOnMinutes < 1 || fridgeOffMinutes < 1) {
      throw new IllegalArgumentException("household routine out of range");
    }
    for (double w : new double[] {standbyWatts, fridgeWatts, kettleWatts, cookingWatts,
        lightingWatts, entertainmentWatts}) {
      if (!(w >= 0 && w <= 10_000)) {
        throw new IllegalArgumentException("appliance power out of range");
      }
    }
    for (double p : new double[] {cookingProbability, washerProbability, dishwasherProbability}) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probability out of range");
      }
    }
  }
}
