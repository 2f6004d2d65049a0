// SPDX-License-Identifier: Apache-2.0
/** Vector loading, generators and check-ID assertions for GridVeil's test suites. */
package io.gridveil.testkit;
