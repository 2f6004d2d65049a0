#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates spec/vectors/cmt/*.json (spec/cmt.md §10).

Independent of the Java code: HKDF-SHA256 from hashlib/hmac (RFC 5869 and spec/core.md §5.1),
AES-128 through the openssl CLI (spec/core.md §6.2), the CMT arithmetic of spec/cmt.md §2, the
message bodies of spec/cmt.md §4.1 with Ed25519 and X25519 from gen_auth.py (RFC 8032 and RFC 7748
reference code, checked there against the RFCs' vectors).
Usage: python3 spec/vectors/tools/gen_cmt.py  (writes next to this script's ../cmt/)
"""
import hashlib
import hmac
import json
import os
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_auth  # noqa: E402  (same directory; its main() runs only as a script)
import vectorfile  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cmt")


def hkdf_derive(ikm, label, context, length):
    prk = hmac.new(b"\x00" * 32, ikm, hashlib.sha256).digest()
    lab = label.encode("ascii")
    info = len(lab).to_bytes(2, "big") + lab + len(context).to_bytes(2, "big") + context
    okm, t, i = b"", b"", 1
    while len(okm) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        okm += t
        i += 1
    return okm[:length]


def aes128_block(key, block):
    r = subprocess.run(["openssl", "enc", "-aes-128-ecb", "-nopad", "-K", key.hex()],
                       input=block, capture_output=True, check=True)
    return r.stdout[:16]


def ctx(group, epoch):
    g = group.encode("ascii")
    return bytes([len(g)]) + g + epoch.to_bytes(8, "big")


def top(x64, b):
    return x64 >> (64 - b)


def key_share(ms, group, epoch, b):  # spec/cmt.md §2.4
    okm = hkdf_derive(ms, "gridveil-v1 cmt k_i1", ctx(group, epoch), 8)
    return top(int.from_bytes(okm, "big"), b)


def delta_key(ms, group, epoch):  # spec/cmt.md §2.5
    return hkdf_derive(ms, "gridveil-v1 cmt delta", ctx(group, epoch), 16)


def delta(d, j, b):  # spec/cmt.md §2.5: top_b(AES_d(BE64(j) || BE64(0)))
    out = aes128_block(d, j.to_bytes(8, "big") + b"\x00" * 8)
    return top(int.from_bytes(out[:8], "big"), b)


def ms_of(seed_byte):
    return bytes((seed_byte + 7 * k) % 256 for k in range(32))


def round_vector(name, group, epoch, b, ms_list, j, readings, signed=False, n_max=None,
                 t_max=None, drop=None, tamper=None):
    m = 1 << b
    n = len(ms_list)
    k1 = [key_share(ms, group, epoch, b) for ms in ms_list]
    dks = [delta_key(ms, group, epoch) for ms in ms_list]
    deltas = [delta(d, j, b) for d in dks]
    kij = [(k1[i] - deltas[i] + deltas[(i - 1) % n]) % m for i in range(n)]
    cij = [(readings[i] + kij[i]) % m for i in range(n)]
    big_k = sum(k1) % m
    assert sum(kij) % m == big_k
    v = {
        "name": name, "group": group, "epoch": str(epoch), "bits": b, "round": str(j),
        "signed": signed, "nMax": n_max if n_max is not None else max(n, 2),
        "tMax": str(t_max if t_max is not None else 1000),
        "masterSecrets": [ms.hex() for ms in ms_list],
        "readings": [str(e) for e in readings],
        "keyShares": [str(x) for x in k1],
        "deltaKeys": [d.hex() for d in dks],
        "deltas": [str(x) for x in deltas],
        "roundKeys": [str(x) for x in kij],
        "ciphertexts": [str(x) for x in cij],
        "groupKey": str(big_k),
    }
    received = list(cij)
    present = list(range(n))
    if tamper is not None:
        received[tamper[0]] = (received[tamper[0]] + tamper[1]) % m
    if drop is not None:
        present.remove(drop)
        v["missing"] = drop
    v["received"] = [str(received[i]) for i in present]
    agg = sum(received[i] for i in present) % m
    s = (agg - big_k) % m
    if drop is None:
        # A round with a missing ciphertext is never summed (spec/cmt.md §3.7): the supplier voids
        # it at the deadline, so the vector carries no aggregate or residue for it.
        v["aggregate"] = str(agg)
        v["sumResidue"] = str(s)
    tmax = int(v["tMax"])
    if drop is not None:
        v["outcome"] = "VOID"
        v["reason"] = "MISSING_CONTRIBUTION"
    else:
        val = s - m if (signed and b < 64 and s >= m // 2) else s
        if signed and b == 64 and s >= m // 2:
            val = s - m
        if (not signed and val < 0) or abs(val) > n * tmax:
            v["outcome"] = "VOID"
            v["reason"] = "INADMISSIBLE_SUM"
        else:
            v["outcome"] = "EXACT"
            v["sum"] = str(val)
            assert val == sum(readings)
    return v


def main():
    os.makedirs(OUT, exist_ok=True)
    keys = []
    for (seed, group, epoch, b, j) in [(1, "g1", 1, 64, 1), (2, "g1", 2, 64, 7),
                                       (3, "street-42", 1, 16, 3), (4, "g1", 1, 3, 1),
                                       (5, "transformer.9", 1000, 2, 2**40)]:
        ms = ms_of(seed)
        d = delta_key(ms, group, epoch)
        keys.append({"masterSecret": ms.hex(), "group": group, "epoch": str(epoch), "bits": b,
                     "round": str(j), "keyShare": str(key_share(ms, group, epoch, b)),
                     "deltaKey": d.hex(), "delta": str(delta(d, j, b))})
    write("keys.json", "spec/cmt.md §2.4, §2.5", keys,
          ["masterSecret", "group", "epoch", "bits", "round"], ["keyShare", "deltaKey", "delta"])

    rounds = [
        round_vector("n3-b64", "g1", 1, 64, [ms_of(s) for s in (10, 11, 12)], 1, [120, 0, 999]),
        round_vector("n2-b64-round9", "g1", 4, 64, [ms_of(s) for s in (13, 14)], 9, [1000, 1]),
        round_vector("n5-b16", "street-42", 2, 16, [ms_of(s) for s in range(20, 25)], 2,
                     [1, 2, 3, 4, 5], n_max=5, t_max=1000),
        round_vector("n3-b3-tmax", "g1", 1, 3, [ms_of(s) for s in (30, 31, 32)], 1, [2, 2, 2],
                     n_max=3, t_max=2),
        round_vector("n4-signed-b16", "g1", 3, 16, [ms_of(s) for s in (40, 41, 42, 43)], 5,
                     [-7, 300, -1000, 5], signed=True, n_max=4, t_max=1000),
        round_vector("n3-b64-tmax-edge", "g1", 2, 64, [ms_of(s) for s in (50, 51, 52)], 3,
                     [2**40, 2**40, 0], n_max=3, t_max=2**40),
    ]
    write("rounds.json", "spec/cmt.md §2.1 - §2.7", rounds, ROUND_INPUTS + ["received"],
          ROUND_OUTPUTS + ["aggregate", "sumResidue", "sum?", "reason?"],
          dict(ROUND_PARAMETERS, receiver=(
              "the supplier's decryption (spec/cmt.md §2.7): every ciphertext received, "
              "sumResidue = aggregate - groupKey mod M decoded by core.md §2.3 with c = n")),
          ["name"])

    negative = [
        round_vector("missing-ciphertext", "g1", 1, 64, [ms_of(s) for s in (60, 61, 62)], 1,
                     [5, 6, 7], drop=1),
        round_vector("tampered-ciphertext-inadmissible", "g1", 1, 16,
                     [ms_of(s) for s in (63, 64, 65)], 1, [5, 6, 7], n_max=3, t_max=100,
                     tamper=(0, 40000)),
    ]
    write("negative.json", "spec/cmt.md §2.3, §3.7", negative,
          ROUND_INPUTS + ["received", "missing?"],
          ROUND_OUTPUTS + ["aggregate?", "sumResidue?", "reason"],
          dict(ROUND_PARAMETERS, receiver=(
              "the supplier (spec/cmt.md §3.7) of the vector's group with CmtParameters(the "
              "aggregation parameters, m_min = 3, one discovery attempt, no secure sum, round "
              "window 4), holding the GroupKey of the vector's epoch with groupKey and one "
              "registered token per meter; round j requested; it receives the 'received' "
              "ciphertexts as EncryptedReadings in order, from every meter but 'missing', and "
              "then its round deadline; outcome and reason are its RoundOutcome")),
          ["name"])
    msgs = messages()
    fields = []
    for m in msgs:
        fields += [k for k in m if k not in fields]
    write("messages.json", "spec/cmt.md §4.1, §11", msgs,
          [k + "?" for k in fields if k not in ("name", "type", "body", "check")] + ["type"],
          ["body", "check?"],
          {"receiver": "the protocol-1 body decoder alone (spec/cmt.md §4.1), no party state; "
                       "a vector without check encodes its fields to body and decodes back"},
          ["name"])


def u64(x):
    return struct.pack(">Q", x)


def messages():  # spec/cmt.md §4.1, the bodies §11 changed
    supplier_seed = hashlib.sha256(b"gridveil cmt vector supplier signing key").digest()
    device_seed = hashlib.sha256(b"gridveil cmt vector device key SM-07").digest()
    device_pk = gen_auth.ed_public(device_seed)
    lic = u64(42) + gen_auth.ascii8("SM-07") + device_pk + gen_auth.ascii8("street-42") + \
        u64(3) + u64(1000)
    sig = gen_auth.ed_sign(supplier_seed, gen_auth.bytes16(b"gridveil-v1 auth licence") + lic)
    signed = gen_auth.bytes16(lic) + u64(gen_auth.key_id(gen_auth.ed_public(supplier_seed))) + sig
    token_sk = hashlib.sha256(b"gridveil cmt vector token key").digest()
    pk_t = gen_auth.x25519(token_sk, gen_auth.BASE)
    # §3.4 step 5: GroupKey token keys in ascending order of their reading tokens
    gk_keys = []
    for label in (b"a", b"b", b"c"):
        sk = hashlib.sha256(b"gridveil cmt vector group key token " + label).digest()
        gk_keys.append((sk, gen_auth.x25519(sk, gen_auth.BASE)))
    gk_keys.sort(key=lambda kp: gen_auth.token_of(kp[1]))
    gk_pks = [pk for (_, pk) in gk_keys]
    t_a = bytes(range(1, 17))
    t_b = bytes(range(0xf0, 0x100))
    out = [
        {"name": "licence-grant", "type": 2, "supplierSeed": supplier_seed.hex(),
         "deviceSeed": device_seed.hex(), "serial": "42", "meter": "SM-07",
         "group": "street-42", "validFrom": "3", "validUntil": "1000",
         "body": gen_auth.bytes16(signed).hex()},
        {"name": "lc-discovery", "type": 3, "body": ""},
        {"name": "group-key", "type": 11, "epoch": "9", "groupKey": str(2**64 - 3),
         "tokenPrivates": [k.hex() for (k, _) in gk_keys],
         "tokenKeys": [pk.hex() for (_, pk) in gk_keys],
         "readingTokens": [gen_auth.token_of(pk).hex() for (_, pk) in gk_keys],
         "body": (u64(9) + u64(2**64 - 3) + struct.pack(">H", len(gk_keys)) +
                  b"".join(pk for (_, pk) in gk_keys)).hex()},
        {"name": "re-register", "type": 7, "epoch": "9", "lc": t_a.hex(),
         "body": (u64(9) + t_a).hex()},
        {"name": "key-share", "type": 8, "token": t_b.hex(), "epoch": "9",
         "share": str(2**64 - 5), "tokenKey": pk_t.hex(),
         "body": (t_b + u64(9) + u64(2**64 - 5) + pk_t).hex()},
        {"name": "successor-assignment", "type": 9, "epoch": "9", "predecessor": t_a.hex(),
         "predecessorId": "SM-07", "successor": t_b.hex(), "n": 5, "secureSum": True,
         "body": (u64(9) + t_a + gen_auth.ascii8("SM-07") + t_b + struct.pack(">H", 5) +
                  bytes([1])).hex()},
        {"name": "lc-handover", "type": 17, "epoch": "9",
         "members": [{"token": t_a.hex(), "meter": "SM-07"}, {"token": t_b.hex(), "meter": "x"}],
         "body": (u64(9) + struct.pack(">H", 2) + t_a + gen_auth.ascii8("SM-07") + t_b +
                  gen_auth.ascii8("x")).hex()},
        {"name": "lc-handover-count-beyond-bytes", "type": 17,
         "body": (u64(9) + struct.pack(">H", 3) + t_a + gen_auth.ascii8("SM-07")).hex(),
         "check": "CMT-E-01"},
        {"name": "lc-handover-repeated-token", "type": 17,
         "body": (u64(9) + struct.pack(">H", 2) + t_a + gen_auth.ascii8("a") + t_a +
                  gen_auth.ascii8("b")).hex(), "check": "CMT-E-02"},
        {"name": "group-key-count-beyond-bytes", "type": 11,
         "body": (u64(9) + u64(1) + struct.pack(">H", 4) + b"".join(gk_pks)).hex(),
         "check": "CMT-E-01"},
        {"name": "group-key-repeated-token-key", "type": 11,
         "body": (u64(9) + u64(1) + struct.pack(">H", 3) + gk_pks[0] + gk_pks[1] +
                  gk_pks[1]).hex(), "check": "CMT-E-02"},
        {"name": "group-key-unsorted", "type": 11,
         "body": (u64(9) + u64(1) + struct.pack(">H", 3) + gk_pks[1] + gk_pks[0] +
                  gk_pks[2]).hex(), "check": "CMT-E-02"},
        {"name": "token-registration-type-unassigned", "type": 6,
         "body": (u64(9) + pk_t).hex(), "check": "CORE-E-03"},
        {"name": "successor-assignment-bad-flag", "type": 9,
         "body": (u64(9) + t_a + gen_auth.ascii8("SM-07") + t_b + struct.pack(">H", 5) +
                  bytes([2])).hex(), "check": "CMT-E-03"},
    ]
    return out


def write(name, spec, vectors, inputs, outputs, parameters=None, notes=()):
    vectorfile.write(OUT, name, spec, vectors, inputs, outputs, parameters, notes, indent=1)


ROUND_INPUTS = ["group", "epoch", "bits", "round", "signed", "nMax", "tMax", "masterSecrets",
                "readings"]
ROUND_OUTPUTS = ["keyShares", "deltaKeys", "deltas", "roundKeys", "ciphertexts", "groupKey",
                 "outcome"]
ROUND_PARAMETERS = {
    "parameters": "AggregationParameters(n_max = nMax, t_max = tMax, M = 2^bits, signed, unit Wh) "
                  "(core.md §2.3); the sum is decoded by core.md §2.3 with c = n contributors",
    "indices": "meter positions 0..n-1 in ring order"}


if __name__ == "__main__":
    main()
