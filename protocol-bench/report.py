#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Turns JMH JSON results into protocol-bench/results/latest.json and latest.md.

Python 3 standard library only. Usage:

    report.py --jmh a.json [--jmh b.json ...] --facts facts.json --machine machine.json \
              --config "..." --out-json latest.json --out-md latest.md

Every metric of the scheme issues is one row: GridVeil's score, the peer's or baseline's score
from the same run, their ratio and the target. Ratios come from JMH scores (the mean over the
measured iterations); the ratio's range [a, b] is what it spans when each score moves to either
end of its 99.9% confidence interval. "met" is judged on the point estimate; "marginal" is added
when that range straddles the target.
"""

import argparse
import json
import math
import sys

PKG = "io.gridveil.bench."

SECONDS = {"ns/op": 1e-9, "us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0}

# Each metric: GridVeil benchmark, peer benchmark (each "Class.method" plus required params),
# kind and target.
#   cost:       ratio = GridVeil / peer (times the peer's cost); target "<= x"
#   speedup:    ratio = peer / GridVeil; target ">= x"
#   throughput: GridVeil per-element time -> elements/s; target ">= x" on the throughput;
#               ratio = GridVeil throughput / peer throughput, reported only
#   time:       GridVeil time per operation in seconds; target "< x"
#   report:     no target; ratio = GridVeil / peer where a peer is named
#   fact:       a counted value from facts.json; target "<= x"
METRICS = [
    {
        "id": "cmt.encrypt",
        "metric": "CMT meter encryption incl. round-key update (issue 5)",
        "gv": ("CmtBench.meterEncrypt", {}),
        "peer": ("AesBaselineBench.aesBlock", {}),
        "peer_name": "1 AES-128 block, JDK Cipher",
        "kind": "cost",
        "target": ("<=", 3.0),
    },
    {
        "id": "cmt.aggregate",
        "metric": "CMT supplier aggregation, 2^20 ciphertexts in a long[] (issue 5)",
        "gv": ("CmtBench.aggregate", {}),
        "peer": ("SumLoopBench.sumLoop", {}),
        "peer_name": "plain sum loop",
        "kind": "throughput",
        "target": (">=", 5e8),
    },
    {
        "id": "cmt.round",
        "metric": "CMT full round, 1,000,000 meters (issue 5)",
        "gv": ("CmtBench.fullRound", {}),
        "peer": ("AesBaselineBench.aesBlocks3M", {}),
        "peer_name": "3,000,000 AES-128 blocks, one Cipher call each",
        "kind": "cost",
        "target": ("<=", 10.0),
    },
    {
        "id": "cmt.round.batched",
        "metric": "CMT full round, 1,000,000 meters, vs batched AES (stricter reading)",
        "gv": ("CmtBench.fullRound", {}),
        "peer": ("AesBaselineBench.aesBlocks3MBatched", {}),
        "peer_name": "3,000,000 AES-128 blocks, 1024 per Cipher call",
        "kind": "cost",
        "target": ("<=", 10.0),
    },
    {
        "id": "blinding.encrypt",
        "metric": "Blinding meter encryption, |N| = 2048 (issue 6)",
        "gv": ("BlindingBench.meterEncrypt", {}),
        "peer": ("JavallierBench.encrypt", {}),
        "peer_name": "javallier encrypt().obfuscate().calculateCiphertext()",
        "kind": "speedup",
        "target": (">=", 5.0),
    },
    {
        "id": "blinding.decrypt",
        "metric": "Blinding supplier decryption as the Supplier does it (bounded DecB, m mod p), |N| = 2048 (issue 6)",
        "gv": ("BlindingBench.supplierDecrypt", {}),
        "peer": ("JavallierBench.decrypt", {}),
        "peer_name": "javallier decrypt",
        "kind": "speedup",
        "target": (">=", 1.5),
    },
    {
        "id": "blinding.decrypt.full",
        "metric": "Blinding full CRT decryption Dec, |N| = 2048, for comparison",
        "gv": ("BlindingBench.fullDecrypt", {}),
        "peer": ("JavallierBench.decrypt", {}),
        "peer_name": "javallier decrypt",
        "kind": "speedup",
        "target": None,
    },
    {
        "id": "blinding.aggregate",
        "metric": "Blinding aggregation, cost per contribution (issue 6)",
        "gv": ("BlindingBench.aggregate", {}),
        "peer": ("JavallierBench.aggregate", {}),
        "peer_name": "javallier add, per contribution",
        "kind": "report",
        "target": None,
    },
    {
        "id": "ddh.meter",
        "metric": "EDAT meter per-round work vs one PSA encryption on P-256 (issue 7)",
        "gv": ("DdhBench.meterRound", {}),
        "peer": ("DdhBench.psaEncrypt", {}),
        "peer_name": "PSA encryption, protocol-ddh on P-256 (hashes H(j))",
        "kind": "speedup",
        "target": (">=", 100.0),
    },
    {
        "id": "ddh.meter.bc",
        "metric": "EDAT meter per-round work vs independent PSA baseline (Bouncy Castle)",
        "gv": ("DdhBench.meterRound", {}),
        "peer": ("PsaP256Baseline.encrypt", {}),
        "peer_name": "PSA encryption, BC comb + wNAF on P-256",
        "kind": "speedup",
        "target": (">=", 100.0),
    },
    {
        "id": "ddh.supplier",
        "metric": "EDAT supplier per-round work, per meter (issue 7)",
        "gv": ("DdhBench.supplierRound", {}),
        "peer": ("AesBaselineBench.aesBlock", {}),
        "peer_name": "1 AES-128 block, JDK Cipher",
        "kind": "report",
        "target": None,
    },
    {
        "id": "ddh.supplier.prf",
        "metric": "EDAT supplier PRF calls per meter per round (issue 7)",
        "fact": "ddh.supplierPrfCallsPerMeter",
        "kind": "fact",
        "target": ("<=", 2.0),
    },
    {
        "id": "ddh.setup.ka",
        "metric": "EDAT key agreements per meter at setup (issue 7)",
        "fact": "ddh.setupKeyAgreementsPerMeter",
        "kind": "fact",
        "target": ("<=", 3.0),
    },
    {
        "id": "psa.decrypt",
        "metric": "PSA decryption of a sum in a range of 10^10, worst case S = 10^10, table built (issue 7)",
        "gv": ("DdhBench.psaDecrypt", {}),
        "peer": None,
        "kind": "time",
        "target": ("<", 0.5),
    },
    {
        "id": "psa.decrypt.random",
        "metric": "PSA decryption of uniformly drawn sums in a range of 10^10, table built (issue 7)",
        "gv": ("DdhBench.psaDecryptRandom", {}),
        "peer": None,
        "kind": "time",
        "target": ("<", 0.5),
    },
    {
        "id": "psa.table",
        "metric": "PSA baby-step table build for a range of 10^10 (issue 7)",
        "gv": ("PsaTableBench.buildTable", {}),
        "peer": None,
        "kind": "report",
        "target": None,
    },
    {
        "id": "dist.binned",
        "metric": "Binned reconstruction vs per-sample, 10^6 observations, 100 bins (issue 8)",
        "gv": ("DistortionBench.binned1M", {}),
        "peer": ("DistortionBench.perSample1M", {}),
        "peer_name": "per-sample EM, 10^6 observations",
        "kind": "speedup",
        "target": (">=", 100.0),
    },
    {
        "id": "dist.l1",
        "metric": "Binned vs per-sample result, L1 distance (issue 8)",
        "fact": "distortion.l1BinnedVsPerSample",
        "kind": "fact",
        "target": ("<=", 1e-3),
    },
    {
        "id": "dist.binned10M",
        "metric": "Binned reconstruction of 10^7 vs per-sample of 10^6 (issue 8)",
        "gv": ("DistortionBench.binned10M", {}),
        "peer": ("DistortionBench.perSample1M", {}),
        "peer_name": "per-sample EM, 10^6 observations",
        "kind": "speedup",
        "target": (">", 1.0),
    },
    {
        "id": "auth.mac",
        "metric": "Supplier MAC-path envelope verification (issue 3)",
        "gv": ("AuthBench.verifyMac", {}),
        "peer": None,
        "kind": "throughput",
        "target": (">=", 1e6),
        "absent": "not measured: auth not implemented in protocol-core",
    },
    {
        "id": "auth.ed25519",
        "metric": "Control-plane signature verification vs one Ed25519 verification (issue 3)",
        "gv": ("AuthBench.verifySignedEnvelope", {}),
        "peer": ("AuthBench.ed25519Verify", {}),
        "peer_name": "one Ed25519 verification",
        "kind": "report",
        "target": None,
        "absent": "not measured: auth not implemented in protocol-core",
    },
    {
        "id": "auth.licensed",
        "metric": "Licensed control frame, licence not cached, vs one Ed25519 verification (issue 3)",
        "gv": ("AuthBench.verifyLicensedEnvelope", {}),
        "peer": ("AuthBench.ed25519Verify", {}),
        "peer_name": "one Ed25519 verification",
        "kind": "report",
        "target": None,
        "absent": "not measured: licensed frames not implemented",
    },
]


def short_name(full):
    return full[len(PKG):] if full.startswith(PKG) else full


def load_results(paths):
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            text = f.read().strip()
        if not text:
            continue
        for r in json.loads(text):
            pm = r["primaryMetric"]
            unit = pm["scoreUnit"]
            if unit not in SECONDS:
                raise ValueError("unsupported unit %s in %s" % (unit, r["benchmark"]))
            err = pm.get("scoreError")
            err = float(err) if err not in (None, "NaN") else float("nan")
            scale = SECONDS[unit]
            out.append(
                {
                    "benchmark": short_name(r["benchmark"]),
                    "mode": r["mode"],
                    "params": r.get("params", {}) or {},
                    "threads": r.get("threads", 1),
                    "forks": r.get("forks"),
                    "warmupIterations": r.get("warmupIterations"),
                    "measurementIterations": r.get("measurementIterations"),
                    "score": float(pm["score"]),
                    "error": err,
                    "unit": unit,
                    "seconds": float(pm["score"]) * scale,
                    "errorSeconds": err * scale,
                }
            )
    return out


def find(results, name, params):
    for r in results:
        if r["benchmark"] == name and all(r["params"].get(k) == v for k, v in params.items()):
            return r
    return None


def meets(op, value, target):
    return {"<=": value <= target, ">=": value >= target, "<": value < target, ">": value > target}[op]


def fmt_time(seconds):
    if seconds is None or math.isnan(seconds):
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale or unit == "ns":
            return "%.3g %s" % (seconds / scale, unit)
    return "%g s" % seconds


def fmt_num(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if isinstance(x, float) and (abs(x) >= 1e5 or (x != 0 and abs(x) < 1e-2)):
        return "%.3g" % x
    if isinstance(x, float):
        return "%.3g" % x
    return str(x)


def with_error(text, r):
    if r is None or math.isnan(r["errorSeconds"]):
        return text
    return "%s ± %s" % (text, fmt_time(r["errorSeconds"]))


def evaluate(metric, results, facts):
    row = {"id": metric["id"], "metric": metric["metric"], "kind": metric["kind"]}
    target = metric.get("target")
    row["target"] = None if target is None else "%s %s" % (target[0], fmt_num(float(target[1])))
    if metric["kind"] == "fact":
        fact = facts.get(metric["fact"])
        if fact is None:
            row.update(status="not measured", note="no value in facts.json")
            return row
        value = float(fact["value"])
        row.update(
            gridveil=fmt_num(value),
            gridveilValue=value,
            peer="-",
            ratio="-",
            note=fact.get("how", ""),
        )
        row["status"] = "met" if meets(target[0], value, float(target[1])) else "NOT met"
        return row
    gv = find(results, *metric["gv"])
    peer = find(results, *metric["peer"]) if metric.get("peer") else None
    if gv is None or (metric.get("peer") and peer is None):
        missing = metric["gv"][0] if gv is None else metric["peer"][0]
        row.update(
            gridveil="-",
            peer="-",
            ratio="-",
            status="not measured",
            note=metric.get("absent", "benchmark %s absent from this run" % missing),
        )
        return row
    row["gridveilSeconds"] = gv["seconds"]
    row["gridveilErrorSeconds"] = gv["errorSeconds"]
    row["gridveil"] = with_error(fmt_time(gv["seconds"]), gv)
    if peer is not None:
        row["peerSeconds"] = peer["seconds"]
        row["peerErrorSeconds"] = peer["errorSeconds"]
        row["peer"] = "%s: %s" % (metric["peer_name"], with_error(fmt_time(peer["seconds"]), peer))
    else:
        row["peer"] = "-"
    kind = metric["kind"]
    ratio = None
    interval = None
    g_lo, g_hi = bounds(gv)
    p_lo, p_hi = bounds(peer) if peer is not None else (float("nan"), float("nan"))
    if kind == "cost":
        ratio = gv["seconds"] / peer["seconds"]
        row["ratio"] = "%.3gx the peer's cost" % ratio
        interval = (g_lo / p_hi, safe_div(g_hi, p_lo))
        judged = ratio
    elif kind == "speedup":
        ratio = peer["seconds"] / gv["seconds"]
        if ratio >= 1:
            row["ratio"] = "%.3gx faster" % ratio
        else:
            row["ratio"] = "%.3gx, i.e. %.3gx slower" % (ratio, 1 / ratio)
        interval = (p_lo / g_hi, safe_div(p_hi, g_lo))
        judged = ratio
    elif kind == "throughput":
        thr = 1.0 / gv["seconds"]
        row["gridveil"] = "%s/s per core (%s per element)" % (fmt_num(thr), fmt_time(gv["seconds"]))
        row["gridveilThroughput"] = thr
        if peer is not None:
            ratio = peer["seconds"] / gv["seconds"]
            row["peer"] = "%s: %s/s" % (metric["peer_name"], fmt_num(1.0 / peer["seconds"]))
            row["ratio"] = "%.3g of the peer's throughput" % ratio
        else:
            row["ratio"] = "-"
        judged = thr
        interval = (1.0 / g_hi, safe_div(1.0, g_lo))
    elif kind == "time":
        row["ratio"] = "-"
        judged = gv["seconds"]
        interval = (g_lo, g_hi)
    else:
        if peer is not None:
            ratio = gv["seconds"] / peer["seconds"]
            row["ratio"] = "%.3gx the peer's cost" % ratio
            interval = (g_lo / p_hi, safe_div(g_hi, p_lo))
        else:
            row["ratio"] = "-"
        judged = None
    if interval is not None and any(math.isnan(x) for x in interval):
        interval = None
    if ratio is not None:
        row["ratioValue"] = ratio
        if interval is not None and kind in ("cost", "speedup", "report"):
            row["ratioInterval"] = list(interval)
            row["ratio"] += " [%s, %s]" % (fmt_num(interval[0]), fmt_num(interval[1]))
    if target is None or judged is None:
        row["status"] = "reported"
        return row
    op, t = target[0], float(target[1])
    ok = meets(op, judged, t)
    row["status"] = "met" if ok else "NOT met"
    if interval is not None and meets(op, interval[0], t) != meets(op, interval[1], t):
        row["status"] += " (marginal: the 99.9% interval straddles the target)"
    return row


def bounds(r):
    """The score's 99.9% interval in seconds, its lower end kept at or above 0."""
    err = r["errorSeconds"]
    if math.isnan(err):
        return float("nan"), float("nan")
    return max(0.0, r["seconds"] - err), r["seconds"] + err


def safe_div(a, b):
    return float("inf") if b == 0 else a / b


SCALING = [
    ("CMT aggregation of 2^20 ciphertexts, by threads", "CmtBench.aggregateThreads", "threads", "element"),
    ("Plain sum loop of 2^20 longs, by threads", "SumLoopBench.sumLoopThreads", "threads", "element"),
    ("CMT full round of 10^6 meters, by threads", "CmtBench.fullRoundThreads", "threads", "round"),
    ("CMT aggregation, by group size", "CmtScalingBench.aggregate", "meters", "round"),
    ("CMT full round, by group size", "CmtScalingBench.fullRound", "meters", "round"),
]


def scaling_tables(results):
    out = []
    for title, name, param, per in SCALING:
        rows = [r for r in results if r["benchmark"] == name and param in r["params"]]
        if not rows:
            continue
        rows.sort(key=lambda r: int(r["params"][param]))
        table = {"title": title, "benchmark": name, "param": param, "rows": []}
        base = rows[0]["seconds"]
        for r in rows:
            entry = {
                param: int(r["params"][param]),
                "seconds": r["seconds"],
                "errorSeconds": r["errorSeconds"],
            }
            if per == "element":
                entry["throughputPerSecond"] = 1.0 / r["seconds"]
                entry["speedupOverFirst"] = base / r["seconds"]
            else:
                entry["secondsPerMeter"] = r["seconds"] / int(r["params"].get("meters", 1000000))
                if param == "threads":
                    entry["speedupOverFirst"] = base / r["seconds"]
            table["rows"].append(entry)
        out.append(table)
    return out


def cell(text):
    """A Markdown table cell: pipes escaped."""
    return str(text).replace("|", "\\|")


def show(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def markdown(machine, config, rows, scaling, facts):
    lines = ["# GridVeil benchmarks", ""]
    lines.append(
        "Machine: %s, %s logical CPUs; %s; %s. Measured %s."
        % (
            machine.get("cpu", "?"),
            machine.get("cpus", "?"),
            machine.get("jdk", "?"),
            machine.get("os", "?"),
            machine.get("date", "?"),
        )
    )
    lines.append("")
    lines.append("JMH %s; configuration: %s." % (machine.get("jmh", "1.37"), config))
    if machine.get("load"):
        lines.append("Load average before the run: %s." % machine["load"])
    lines.append("")
    lines.append("| metric | GridVeil | peer | ratio | target | met |")
    lines.append("|---|---|---|---|---|---|")
    for r in rows:
        status = r["status"]
        if r.get("note") and status == "not measured":
            status = r["note"]
        cells = (r["metric"], r.get("gridveil", "-"), r.get("peer", "-"), r.get("ratio", "-"),
                 r.get("target") or "-", status)
        lines.append("| %s |" % " | ".join(cell(c) for c in cells))
    notes = [r for r in rows if r.get("note") and r["status"] != "not measured"]
    if notes:
        lines.append("")
        for r in notes:
            lines.append("- %s: %s" % (r["metric"], r["note"]))
    for t in scaling:
        lines.append("")
        lines.append("### %s" % t["title"])
        lines.append("")
        if t["param"] == "threads":
            lines.append("| threads | time per op | throughput or speed-up |")
            lines.append("|---|---|---|")
            for e in t["rows"]:
                extra = (
                    "%s/s (x%.2f)" % (fmt_num(e["throughputPerSecond"]), e["speedupOverFirst"])
                    if "throughputPerSecond" in e
                    else "x%.2f" % e["speedupOverFirst"]
                )
                lines.append("| %d | %s | %s |" % (e["threads"], fmt_time(e["seconds"]), extra))
        else:
            lines.append("| meters | time per round | per meter |")
            lines.append("|---|---|---|")
            for e in t["rows"]:
                lines.append(
                    "| %d | %s | %s |"
                    % (e["meters"], fmt_time(e["seconds"]), fmt_time(e["secondsPerMeter"]))
                )
    other = {k: v for k, v in facts.items() if not k.startswith("_")}
    if other:
        lines.append("")
        lines.append("### Facts measured outside JMH's timing")
        lines.append("")
        for k in sorted(other):
            v = other[k]
            lines.append("- %s = %s%s" % (k, show(v["value"]), (" (" + v["how"] + ")") if v.get("how") else ""))
    lines.append("")
    lines.append(
        "Ratios use JMH's mean scores; ± is the 99.9% confidence half-width JMH reports; "
        "[a, b] after a ratio is the range the ratio spans when each score moves to either end "
        "of its interval. \"marginal\" marks a result whose range straddles its target."
    )
    return "\n".join(lines) + "\n"


def finite(x):
    """NaN (a score error JMH could not compute) and infinity become null in JSON."""
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    if isinstance(x, list):
        return [finite(v) for v in x]
    return x


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--jmh", action="append", required=True)
    ap.add_argument("--facts")
    ap.add_argument("--machine", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--out-json", required=True)
    ap.add_argument("--out-md", required=True)
    a = ap.parse_args(argv)
    results = load_results(a.jmh)
    facts = {}
    if a.facts:
        with open(a.facts, encoding="utf-8") as f:
            facts = json.load(f)
    with open(a.machine, encoding="utf-8") as f:
        machine = json.load(f)
    rows = [evaluate(m, results, facts) for m in METRICS]
    scaling = scaling_tables(results)
    doc = {
        "machine": machine,
        "configuration": a.config,
        "metrics": rows,
        "scaling": scaling,
        "facts": facts,
        "benchmarks": results,
    }
    with open(a.out_json, "w", encoding="utf-8") as f:
        json.dump(finite(doc), f, indent=2, allow_nan=False, default=str)
        f.write("\n")
    with open(a.out_md, "w", encoding="utf-8") as f:
        f.write(markdown(machine, a.config, rows, scaling, facts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
