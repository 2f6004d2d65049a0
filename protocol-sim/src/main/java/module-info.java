// SPDX-License-Identifier: Apache-2.0
/**
 * The GridVeil simulator and evaluator (spec/sim.md): a command-line program that runs every
 * scheme end to end over an in-memory network with faults, checks every aggregate against the
 * plaintext sum, runs the leakage attacks and writes a report.
 */
module io.gridveil.sim {
  requires static org.checkerframework.checker.qual;
  requires io.gridveil.core;
  requires io.gridveil.cmt;
  requires io.gridveil.blinding;
  requires io.gridveil.ddh;
  requires io.gridveil.distortion;
  requires io.gridveil.leakage;
  requires info.picocli;
  requires com.fasterxml.jackson.jr.ob;
  requires de.siegmar.fastcsv;
  requires java.management;

  opens io.gridveil.sim to info.picocli;
}
