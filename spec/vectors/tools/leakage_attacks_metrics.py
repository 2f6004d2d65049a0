#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Known answers for spec/leakage.md §4 and §5, computed independently of the Java code.

Implements, with the standard library only, the mean filter (§4.1), 1-D non-local means (§4.2),
NILM edges and greedy one-to-one matching (§5.2, §5.3), and the binned Miller-Madow mutual
information (§5.4) exactly as the chapter states them, on fixed small inputs drawn from Python's
random.Random(seed) (the inputs are stored in the vectors, so the generator does not matter).
Writes spec/vectors/leakage/attacks-metrics.json.
"""
import json
import math
import os
import random
import sys


def mean_filter(d, L):
    n = len(d)
    out = []
    for j in range(n):
        lo, hi = max(0, j - L), min(n - 1, j + L)
        out.append(math.fsum(d[lo:hi + 1]) / (hi - lo + 1))
    return out


def nlm(d, P, R, h, sigma):
    n = len(d)
    out = []
    for j in range(n):
        num = den = 0.0
        for k in range(max(0, j - R), min(n - 1, j + R) + 1):
            s, c = 0.0, 0
            for o in range(-P, P + 1):
                a, b = j + o, k + o
                if 0 <= a < n and 0 <= b < n:
                    s += (d[a] - d[b]) ** 2
                    c += 1
            dist = s / c
            w = math.exp(-max(dist - 2 * sigma * sigma, 0.0) / (h * h))
            num += w * d[k]
            den += w
        out.append(num / den)
    return out


def edges(x, theta):
    out = []
    for j in range(1, len(x)):
        delta = x[j] - x[j - 1]
        if abs(delta) >= theta:
            out.append((j, delta > 0, abs(delta)))
    return out


def match(orig, att, tau, eps):
    used = [False] * len(att)
    matched = 0
    for (j, on, m) in orig:
        best, bestd = -1, None
        for k, (j2, on2, m2) in enumerate(att):
            d = abs(j2 - j)
            if not used[k] and on2 == on and d <= tau and abs(m2 - m) <= eps:
                if bestd is None or d < bestd:
                    best, bestd = k, d
        if best >= 0:
            used[best] = True
            matched += 1
    return len(orig), matched, len(att), len(att) - matched


def bins(v, k):
    lo, hi = min(v), max(v)
    w = hi - lo
    if w <= 0:
        return [0] * len(v)
    return [max(0, min(k - 1, math.floor((x - lo) * k / w))) for x in v]


def entropy(counts, n):
    return -math.fsum((c / n) * math.log(c / n) for c in counts if c > 0)


def mi(x, y, k):
    n = len(x)
    bx, by = bins(x, k), bins(y, k)
    cx, cy, cxy = [0] * k, [0] * k, [0] * (k * k)
    for a, b in zip(bx, by):
        cx[a] += 1
        cy[b] += 1
        cxy[a * k + b] += 1
    plug = entropy(cx, n) + entropy(cy, n) - entropy(cxy, n)
    nz = lambda c: sum(1 for v in c if v > 0)
    mm = plug + ((nz(cx) - 1) + (nz(cy) - 1) - (nz(cxy) - 1)) / (2.0 * n)
    return plug, mm


rng = random.Random(20261123)
vectors = []
for t in range(3):
    n = 24
    trace = [round(rng.choice([150.0, 150.0, 2150.0]) + rng.gauss(0, 120), 3) for _ in range(n)]
    L = t + 1
    P, R, h, sigma = [(1, 3, 200.0, 0.0), (2, 5, 500.0, 100.0), (0, 4, 80.0, 0.0)][t]
    vectors.append({"kind": "meanFilter", "trace": trace, "L": L,
                    "expected": mean_filter(trace, L)})
    vectors.append({"kind": "nonLocalMeans", "trace": trace, "P": P, "R": R, "h": h,
                    "sigma": sigma, "expected": nlm(trace, P, R, h, sigma)})
    attacked = [round(v + rng.gauss(0, 250), 3) for v in trace]
    tau, eps = [(1, 300.0), (0, 300.0), (2, 1000.0)][t]
    tf, ef, ex, ff = match(edges(trace, 300.0), edges(attacked, 300.0), tau, eps)
    vectors.append({"kind": "nilm", "original": trace, "attacked": attacked, "theta": 300.0,
                    "tau": tau, "epsilon": eps, "tf": tf, "ef": ef, "extracted": ex, "false": ff})
    m = 200
    x = [round(rng.gauss(0, 1), 6) for _ in range(m)]
    y = [round(0.7 * a + rng.gauss(0, 0.7), 6) for a in x]
    k = [4, 8, 12][t]
    plug, mm = mi(x, y, k)
    vectors.append({"kind": "mutualInformation", "x": x, "y": y, "bins": k,
                    "plugIn": plug, "millerMadow": mm})

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vectorfile  # noqa: E402

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
path = os.path.join(root, "vectors", "leakage", "attacks-metrics.json")
vectorfile.write(
    os.path.dirname(path), "attacks-metrics.json", "spec/leakage.md §4, §5", vectors,
    ["kind", "trace?", "L?", "P?", "R?", "h?", "sigma?", "original?", "attacked?", "theta?",
     "tau?", "epsilon?", "x?", "y?", "bins?"],
    ["expected?", "tf?", "ef?", "extracted?", "false?", "plugIn?", "millerMadow?"],
    {"tolerance": {"meanFilter": 1e-9, "nonLocalMeans": 1e-9, "mutualInformation": 1e-12,
                   "nilm": "exact (integer counts)"},
     "kinds": "meanFilter(trace, L) §4.1; nonLocalMeans(trace, P, R, h, sigma) §4.2; "
              "nilm(original, attacked, theta, tau, epsilon) §5.2, §5.3; "
              "mutualInformation(x, y, bins) §5.4",
     "inputs": "every input is stored; the generator's random.Random draws do not matter"},
    indent=1)

