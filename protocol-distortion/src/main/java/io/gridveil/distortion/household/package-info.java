// SPDX-License-Identifier: Apache-2.0
/**
 * The seeded appliance-level synthetic household load generator (spec/distortion.md §7): a
 * {@link io.gridveil.distortion.household.HouseholdProfile} drawn per household (routine, appliance
 * ownership and ratings), and {@link io.gridveil.distortion.household.HouseholdGenerator}, which
 * turns a profile and a day into watts per interval (1-minute model, averaged to the requested
 * resolution). Every random draw comes from an injected {@link io.gridveil.core.random.RandomSource},
 * so a seeded source reproduces a neighbourhood exactly.
 */
package io.gridveil.distortion.household;
