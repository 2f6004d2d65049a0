// SPDX-License-Identifier: Apache-2.0
/**
 * GridVeil distortion-based metering (spec/distortion.md, seed 002, He, Zhang and Kuo): Gaussian
 * distortion at the meter, exact on-meter aggregated billing under a public bounded tariff with
 * crash-safe persistence, reconstruction of the consumption distribution from distorted readings
 * (centralised and hierarchical), and a seeded appliance-level synthetic household generator.
 */
module io.gridveil.distortion {
  requires static transitive org.checkerframework.checker.qual;
  requires transitive io.gridveil.core;

  exports io.gridveil.distortion;
  exports io.gridveil.distortion.billing;
  exports io.gridveil.distortion.reconstruction;
  exports io.gridveil.distortion.household;
}
