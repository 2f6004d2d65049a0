#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tests of report.py: python3 -m unittest protocol-bench/test_report.py (standard library only)."""

import json
import math
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402


def jmh(name, score, error, unit="ns/op", params=None, mode="avgt"):
    return {
        "benchmark": "io.gridveil.bench." + name,
        "mode": mode,
        "params": params or {},
        "threads": 1,
        "forks": 1,
        "primaryMetric": {"score": score, "scoreError": error, "scoreUnit": unit},
    }


class ReportTest(unittest.TestCase):
    def evaluate(self, metric_id, entries, facts=None):
        path = os.path.join(self.tmp.name, "r.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(entries, f)
        results = report.load_results([path])
        metric = next(m for m in report.METRICS if m["id"] == metric_id)
        return report.evaluate(metric, results, facts or {})

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def test_cost_ratio_isGridVeilOverPeer_andJudgedAgainstTarget(self):
        row = self.evaluate(
            "cmt.encrypt",
            [jmh("CmtBench.meterEncrypt", 25.0, 1.0), jmh("AesBaselineBench.aesBlock", 10.0, 0.5)],
        )
        self.assertAlmostEqual(2.5, row["ratioValue"])
        self.assertEqual("met", row["status"])
        row = self.evaluate(
            "cmt.encrypt",
            [jmh("CmtBench.meterEncrypt", 40.0, 1.0), jmh("AesBaselineBench.aesBlock", 10.0, 0.5)],
        )
        self.assertTrue(row["status"].startswith("NOT met"))

    def test_speedup_isPeerOverGridVeil_acrossUnits(self):
        row = self.evaluate(
            "blinding.encrypt",
            [
                jmh("BlindingBench.meterEncrypt", 1000.0, 10.0, unit="us/op"),
                jmh("JavallierBench.encrypt", 8.0, 0.1, unit="ms/op"),
            ],
        )
        self.assertAlmostEqual(8.0, row["ratioValue"])
        self.assertEqual("met", row["status"])

    def test_throughput_convertsPerElementTime(self):
        row = self.evaluate(
            "cmt.aggregate",
            [jmh("CmtBench.aggregate", 0.5, 0.01), jmh("SumLoopBench.sumLoop", 0.25, 0.01)],
        )
        self.assertAlmostEqual(1.0, row["gridveilThroughput"] / 2e9)
        self.assertAlmostEqual(0.5, row["ratioValue"])
        self.assertEqual("met", row["status"])

    def test_marginal_whenErrorStraddlesTarget(self):
        row = self.evaluate(
            "cmt.encrypt",
            [jmh("CmtBench.meterEncrypt", 29.0, 5.0), jmh("AesBaselineBench.aesBlock", 10.0, 1.0)],
        )
        self.assertIn("marginal", row["status"])

    def test_missingBenchmark_isNotMeasured_withReason(self):
        row = self.evaluate("auth.mac", [])
        self.assertEqual("not measured", row["status"])
        self.assertIn("auth not implemented", row["note"])

    def test_fact_judgedAgainstTarget(self):
        row = self.evaluate(
            "ddh.supplier.prf", [], {"ddh.supplierPrfCallsPerMeter": {"value": 1.0, "how": "x"}}
        )
        self.assertEqual("met", row["status"])
        row = self.evaluate(
            "ddh.supplier.prf", [], {"ddh.supplierPrfCallsPerMeter": {"value": 3.0, "how": "x"}}
        )
        self.assertEqual("NOT met", row["status"])

    def test_nanError_isTolerated_andWrittenAsNull(self):
        row = self.evaluate(
            "psa.decrypt", [jmh("DdhBench.psaDecrypt", 120.0, "NaN", unit="ms/op", mode="ss")]
        )
        self.assertEqual("met", row["status"])
        self.assertIsNone(report.finite({"e": float("nan")})["e"])

    def test_ratioRange_neverNegative_andInfiniteBecomesNull(self):
        row = self.evaluate(
            "cmt.encrypt",
            [jmh("CmtBench.meterEncrypt", 20.0, 30.0), jmh("AesBaselineBench.aesBlock", 10.0, 12.0)],
        )
        self.assertEqual(0.0, row["ratioInterval"][0])
        self.assertEqual(float("inf"), row["ratioInterval"][1])
        self.assertIsNone(report.finite(row)["ratioInterval"][1])

    def test_markdownCells_escapePipes(self):
        self.assertEqual("\\|N\\|", report.cell("|N|"))


if __name__ == "__main__":
    unittest.main()
