#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Known answers for spec/leakage.md §3.1, computed independently of the Java code.

ln Gamma from math.lgamma; the chi-square survival function from its closed forms
(even df: exp(-x/2) * sum_{i<df/2} (x/2)^i / i!; odd df: erfc(sqrt(x/2)) + exp(-x/2) *
sum_{i=1}^{(df-1)/2} (x/2)^(i-1/2) / Gamma(i+1/2)); the Kolmogorov survival function from its
alternating series 2 sum_{j>=1} (-1)^(j-1) exp(-2 j^2 l^2) summed to 1000 terms with math.fsum
(for l >= 0.3 the terms underflow long before that).
Writes spec/vectors/leakage/special-functions.json.
"""
import json
import math
import os
import sys

def chi2_sf(x, df):
    y = x / 2.0
    if df % 2 == 0:
        return math.exp(-y) * math.fsum(y ** i / math.factorial(i) for i in range(df // 2))
    s = math.erfc(math.sqrt(y))
    s += math.exp(-y) * math.fsum(y ** (i - 0.5) / math.gamma(i + 0.5) for i in range(1, (df - 1) // 2 + 1))
    return s

def ks_sf(l):
    return 2.0 * math.fsum((-1) ** (j - 1) * math.exp(-2.0 * j * j * l * l) for j in range(1, 1001))

vectors = []
for x in [0.5, 1.0, 2.5, 10.0, 30.5, 171.5]:
    vectors.append({"function": "lnGamma", "x": repr(x), "expected": repr(math.lgamma(x))})
for x, df in [(3.841458820694124, 1), (0.5, 1), (5.991464547107979, 2), (1.0, 2),
              (11.344866730144373, 3), (18.307038053275146, 10), (4.0, 7), (100.0, 80),
              (250.0, 199), (0.01, 5), (60.0, 20)]:
    vectors.append({"function": "chiSquareSurvival", "x": repr(x), "df": df,
                    "expected": repr(chi2_sf(x, df))})
for l in [0.3, 0.5, 0.8, 1.0, 1.17, 1.19, 1.3580986393225505, 1.6276236115189, 2.5]:
    vectors.append({"function": "kolmogorovSurvival", "x": repr(l), "expected": repr(ks_sf(l))})

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vectorfile  # noqa: E402

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
vectorfile.write(
    os.path.join(root, "vectors", "leakage"), "special-functions.json", "spec/leakage.md §3.1",
    vectors, ["function", "x", "df?"], ["expected"],
    {"tolerance": {"relative": 1e-11, "absoluteBelow1": 1e-11},
     "reference": "Python math.lgamma and the closed forms of the generator's docstring; a "
                  "conforming implementation is within the tolerance (spec/leakage.md §3.1)"})
