#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Independent generator of the protocol-distortion vectors (spec/distortion.md).

Standard library only: math.erfc for the normal distribution, hashlib for digests, Python
integers for exact bills, struct for encodings. Writes spec/vectors/distortion/*.json.
Usage: python3 spec/vectors/tools/gen_distortion.py
"""
import hashlib
import json
import math
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(__file__))
import vectorfile  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), '..', 'distortion')


def dump(name, spec, vectors, inputs, outputs, parameters=None, notes=()):
    vectorfile.write(OUT, name, spec, vectors, inputs, outputs, parameters, notes)


def phi(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


def q(x):
    return 0.5 * math.erfc(x / math.sqrt(2.0))


def normal():
    xs = [-30.0, -26.0, -12.5, -8.58, -5.0, -4.0, -3.5, -1.0, -0.46875, -0.3, -1e-20, 0.0,
          1e-20, 0.2, 0.46875, 0.5, 1.0, 2.0, 3.9, 4.0, 4.1, 6.0, 10.0, 20.0, 26.5, 27.0]
    vs = []
    for x in xs:
        vs.append({'x': repr(x), 'erfc': repr(math.erfc(x))})
    ts = [-40.0, -9.0, -3.0, -0.7, 0.0, 0.7, 3.0, 9.0, 37.0]
    for t in ts:
        vs.append({'t': repr(t), 'cdf': repr(phi(t)), 'upper': repr(q(t))})
    dump('normal.json', 'distortion.md \u00a75.1', vs, ['x?', 't?'], ['erfc?', 'cdf?', 'upper?'],
         {'tolerance': {'relative': 4e-15, 'absoluteBelow2^-1022': 1e-300},
          'reference': 'the exact erfc as the C library computes it (Python math.erfc); a '
                       'conforming erfc, Phi = cdf and Q = upper is within the tolerance (\u00a75.1)'})


def mass(lo, hi):
    # Pr(lo < Z <= hi), on the side of zero where it does not cancel.
    if lo >= 0:
        m = q(lo) - q(hi)
    elif hi <= 0:
        m = phi(hi) - phi(lo)
    else:
        m = 1.0 - phi(lo) - q(hi)
    return max(m, 0.0)


def em():
    vectors = []
    cases = [
        # grid (L, U, K), noise (mu, sigma), observation grid (o0, g, Q), counts by bin
        ((0.0, 3.0, 3), (0.5, 1.0), (-10.0, 1.0, 25), {10: 3, 11: 5, 12: 9, 13: 4, 14: 1}),
        ((100.0, 500.0, 4), (100.0, 150.0), (-1300.0, 50.0, 60),
         {26: 1, 28: 2, 29: 4, 30: 7, 31: 9, 32: 6, 33: 3, 35: 1, 38: 1}),
    ]
    for (L, U, K), (mu, sigma), (o0, g, Q), counts in cases:
        edges = [U if p == K else L + p * (U - L) / K for p in range(K + 1)]
        rows = []
        for s in sorted(counts):
            m = o0 + (s + 0.5) * g
            row = [mass((m - mu - edges[p + 1]) / sigma, (m - mu - edges[p]) / sigma)
                   for p in range(K)]
            rows.append((counts[s], row))
        pi = [1.0 / K] * K
        iterates = []
        for _ in range(4):
            acc = [0.0] * K
            for c, row in rows:
                d = sum(row[p] * pi[p] for p in range(K))
                if d > 0:
                    for p in range(K):
                        acc[p] += c / d * row[p]
            nxt = [pi[p] * acc[p] for p in range(K)]
            tot = sum(nxt)
            pi = [v / tot for v in nxt]
            iterates.append([repr(v) for v in pi])
        obs = []
        for s in sorted(counts):
            obs += [repr(o0 + (s + 0.5) * g)] * counts[s]
        vectors.append({
            'lower': repr(L), 'upper': repr(U), 'bins': K, 'mu': repr(mu), 'sigma': repr(sigma),
            'obsLower': repr(o0), 'obsWidth': repr(g), 'obsBins': Q, 'observations': obs,
            'iterates': iterates})
    dump('em.json', 'distortion.md \u00a75.3, \u00a75.8', vectors,
         ['lower', 'upper', 'bins', 'mu', 'sigma', 'obsLower', 'obsWidth', 'obsBins',
          'observations'], ['iterates'],
         {'tolerance': {'absolute': 1e-12},
          'iterates': 'pi^1 .. pi^4 from pi^0 = 1/K (no stopping rule); every observation is an '
                      'observation-bin midpoint, counted into its bin (\u00a75.3 step 1)'},
         )


def tariff_digest(prices, schedule):
    h = hashlib.sha256()
    h.update(b'gridveil-v1 distortion tariff')
    h.update(bytes([len(prices)]))
    for p in prices:
        h.update(struct.pack('>Q', p))
    h.update(struct.pack('>H', len(schedule)))
    h.update(bytes(schedule))
    return h.digest()


def billing():
    vectors = []
    # 24 slots per day (hourly), three levels: night 00-07, day 07-17 and 21-24, peak 17-21.
    schedule = [0] * 7 + [1] * 10 + [2] * 4 + [1] * 3
    prices = [120_000, 250_000, 410_000]
    digest = tariff_digest(prices, schedule)
    J = 48
    tmax = 5000
    R = 3
    plan = hashlib.sha256()
    plan.update(b'gridveil-v1 distortion billing plan')
    plan.update(digest)
    plan.update(struct.pack('>QQ', J, tmax))
    plan.update(bytes([R]))
    readings = []
    x = 12345
    slot = 0
    totals = {}
    counts = {}
    for i in range(130):
        x = (x * 1103515245 + 12345) % (1 << 31)
        slot += 1 + (x % 3 == 0)  # some slots skipped
        r = x % (tmax + 1)
        readings.append([slot, r])
        c = slot // J
        totals[c] = totals.get(c, 0) + r * prices[schedule[slot % 24]]
        counts[c] = counts.get(c, 0) + 1
    last_cycle = readings[-1][0] // J
    closed = [{'cycle': c, 'total': str(totals.get(c, 0)), 'slots': counts.get(c, 0)}
              for c in range(max(0, last_cycle - R), last_cycle)]
    vectors.append({
        'prices': [str(p) for p in prices], 'schedule': schedule, 'digest': digest.hex(),
        'slotsPerCycle': J, 'maxReading': tmax, 'retained': R, 'fingerprint': plan.hexdigest(),
        'readings': [[str(s), str(r)] for s, r in readings],
        'openCycle': last_cycle, 'openTotal': str(totals[last_cycle]), 'closed': closed})
    # The largest J for t_max = 2^32 and P_max = 10^9: floor((2^63 - 1) / (2^32 * 10^9)).
    vectors.append({'boundary': True, 'maxReading': str(1 << 32), 'price': str(10 ** 9),
                    'largestJ': str(((1 << 63) - 1) // ((1 << 32) * 10 ** 9))})
    dump('billing.json', 'distortion.md \u00a72.2, \u00a72.3, \u00a73.2', vectors,
         ['prices?', 'schedule?', 'slotsPerCycle?', 'maxReading', 'retained?', 'readings?',
          'boundary?', 'price?'],
         ['digest?', 'fingerprint?', 'openCycle?', 'openTotal?', 'closed?', 'largestJ?'],
         {'readings': '[slot j, reading r_j] pairs fed in order to a fresh accumulator (\u00a73.2)',
          'boundary': 'the largest J of DIST-P-06 for t_max = maxReading and P_max = price'})


def crc32c(data):
    # CRC-32C (Castagnoli), reflected polynomial 0x82F63B78, bitwise.
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def stored_state():
    # spec/distortion.md §3.4: the state file of a flat tariff (250,000 micro-units/Wh, 24
    # slots), J = 24, t_max = 10,000, R = 3, after readings r_j = 7 j for slots 0..59.
    prices, schedule, J, tmax, R = [250_000], [0] * 24, 24, 10_000, 3
    digest = tariff_digest(prices, schedule)
    plan = hashlib.sha256()
    plan.update(b'gridveil-v1 distortion billing plan')
    plan.update(digest)
    plan.update(struct.pack('>QQ', 24, 10_000))
    plan.update(bytes([3]))
    totals = {}
    for j in range(60):
        totals[j // 24] = totals.get(j // 24, 0) + 7 * j * 250_000
    body = b'GVBS' + bytes([1]) + plan.digest()
    body += struct.pack('>QQQQ', 2, totals[2], 59 + 1, 12)
    body += bytes([2]) + struct.pack('>QQQ', 0, totals[0], 24) + struct.pack('>QQQ', 1, totals[1], 24)
    state = body + struct.pack('>I', crc32c(body))
    assert crc32c(b'123456789') == 0xE3069283  # the standard check value
    dump('stored-state.json', 'distortion.md \u00a72.2, \u00a72.3, \u00a73.2, \u00a73.4',
         [{'prices': [str(p) for p in prices], 'schedule': schedule, 'slotsPerCycle': J,
           'maxReading': tmax, 'retained': R, 'readingsPerSlot': 7, 'slots': 60,
           'readings': [[str(j), str(7 * j)] for j in range(60)],
           'digest': digest.hex(), 'fingerprint': plan.hexdigest(), 'state': state.hex()}],
         ['prices', 'schedule', 'slotsPerCycle', 'maxReading', 'retained', 'readingsPerSlot',
          'slots', 'readings'], ['digest', 'fingerprint', 'state'],
         {'plan': 'BillingPlan(tariff(prices, schedule), J = slotsPerCycle, t_max = maxReading, '
                  'R = retained) (\u00a72.3)',
          'readings': 'r_j = readingsPerSlot * j for slots j = 0 .. slots - 1, fed in order to a '
                      'fresh accumulator (\u00a73.2); state is the FileBillingStore encoding of '
                      'the resulting state (\u00a73.4 step 1)'})


def distort():
    cases = [(0, 0.0, 0.0, 1.0), (500, 1.25, 100.0, 88.8), (500, -1.25, 100.0, 88.8),
             (1000, 0.5, 0.0, 1.0), (1000, 1.5, 0.0, 1.0), (1000, -0.5, 0.0, 1.0),
             (0, 8.57, 100.0, 400.0), (3, -8.57, 0.0, 2.5), (4503599627370496, 0.0, 0.0, 1.0)]
    vs = []
    for r, z, mu, sigma in cases:
        n = mu + sigma * z
        vs.append({'reading': str(r), 'z': repr(z), 'mu': repr(mu), 'sigma': repr(sigma),
                   'distorted': str(r + round(n))})
    dump('distort.json', 'distortion.md \u00a73.1', vs, ['reading', 'z', 'mu', 'sigma'],
         ['distorted'], {'rule': 'd = r + rint(mu + sigma z): the binary64 product sigma z, then '
                                 'the binary64 sum, then round half to even (no fused multiply-add)'})


def codec():
    d = tariff_digest([120_000], [0] * 24)
    pos = [
        {'name': 'distorted-reading', 'type': 1, 'value': '-5',
         'body': struct.pack('>q', -5).hex()},
        {'name': 'billing-query', 'type': 2, 'cycle': '7', 'tariff': d.hex(),
         'body': (struct.pack('>Q', 7) + d).hex()},
        {'name': 'billing-response', 'type': 3, 'cycle': '7', 'total': '123456789', 'slots': '48',
         'body': struct.pack('>QQQ', 7, 123456789, 48).hex()},
        {'name': 'local-distribution', 'type': 4, 'lower': '0.0', 'upper': '3.0', 'bins': 3,
         'count': '10', 'probabilities': ['0.25', '0.5', '0.25'],
         'body': (struct.pack('>ddHQ', 0.0, 3.0, 3, 10) + struct.pack('>ddd', 0.25, 0.5, 0.25)).hex()},
    ]
    def local(lo, hi, k, count, probs_bits):
        return (struct.pack('>ddHQ', lo, hi, k, count)
                + b''.join(struct.pack('>Q', b) for b in probs_bits)).hex()
    bits = lambda v: struct.unpack('>Q', struct.pack('>d', v))[0]
    neg = [
        {'name': 'reading-too-large', 'type': 1, 'body': struct.pack('>q', (1 << 53) + 1).hex(),
         'check': 'DIST-E-01'},
        {'name': 'reading-too-small', 'type': 1, 'body': struct.pack('>q', -(1 << 53) - 1).hex(),
         'check': 'DIST-E-01'},
        {'name': 'query-negative-cycle', 'type': 2, 'body': (b'\x80' + b'\x00' * 7 + d).hex(),
         'check': 'DIST-E-04'},
        {'name': 'response-negative-total', 'type': 3,
         'body': (struct.pack('>Q', 1) + b'\xff' * 8 + struct.pack('>Q', 1)).hex(),
         'check': 'DIST-E-04'},
        {'name': 'one-bin', 'type': 4, 'body': local(0.0, 1.0, 1, 1, [bits(1.0)]),
         'check': 'DIST-E-03'},
        {'name': 'inverted-grid', 'type': 4, 'body': local(3.0, 0.0, 2, 1, [bits(0.5)] * 2),
         'check': 'DIST-E-03'},
        {'name': 'nan-probability', 'type': 4,
         'body': local(0.0, 2.0, 2, 1, [0x7ff8000000000000, bits(0.5)]), 'check': 'DIST-E-02'},
        {'name': 'negative-zero', 'type': 4,
         'body': local(0.0, 2.0, 2, 1, [0x8000000000000000, bits(1.0)]), 'check': 'DIST-E-02'},
        {'name': 'probability-above-one', 'type': 4,
         'body': local(0.0, 2.0, 2, 1, [bits(1.5), bits(0.0)]), 'check': 'DIST-E-02'},
        {'name': 'sum-not-one', 'type': 4,
         'body': local(0.0, 2.0, 2, 1, [bits(0.5), bits(0.4)]), 'check': 'DIST-V-05'},
        {'name': 'unknown-type', 'type': 9, 'body': '', 'check': 'CORE-E-03'},
        {'name': 'truncated', 'type': 3, 'body': struct.pack('>QQ', 1, 2).hex(),
         'check': 'CORE-E-04'},
    ]
    dump('codec.json', 'distortion.md \u00a74.2', pos + neg,
         ['type', 'body?', 'value?', 'cycle?', 'tariff?', 'total?', 'slots?', 'lower?', 'upper?',
          'bins?', 'count?', 'probabilities?'], ['check?'],
         {'receiver': 'the protocol-5 body decoder alone (\u00a74.2), no party state; a vector '
                      'without check decodes to the given fields and re-encodes to body'},
         ['name'])


if __name__ == '__main__':
    os.makedirs(OUT, exist_ok=True)
    normal()
    em()
    billing()
    distort()
    codec()
    stored_state()
