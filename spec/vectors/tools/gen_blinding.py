#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates spec/vectors/blinding/*.json from the text of spec/blinding.md.

Independent of the Java code: Python integers for Paillier, HKDF from hmac/hashlib and AES-128 from
the openssl CLI (through gen_core's helpers, themselves written from spec/core.md).
Run from the repository root: python3 spec/vectors/tools/gen_blinding.py
"""
import hashlib
import json
import math
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(__file__))
from gen_core import aes128_ctr, derive, prf_mod  # noqa: E402
import vectorfile  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), '..', 'blinding')
LABEL = 'gridveil-v1 blinding ring-prf'


class Stream:
    """A reproducible byte stream for the vectors' inputs: SHA-256(tag || counter)."""

    def __init__(self, tag):
        self.tag = tag.encode()
        self.counter = 0

    def bytes(self, n):
        out = b''
        while len(out) < n:
            out += hashlib.sha256(self.tag + struct.pack('>Q', self.counter)).digest()
            self.counter += 1
        return out[:n]

    def below(self, bound):
        b = (bound - 1).bit_length()
        while True:
            v = int.from_bytes(self.bytes((b + 7) // 8), 'big') & ((1 << b) - 1)
            if v < bound:
                return v


SMALL = [p for p in range(3, 2000, 2) if all(p % d for d in range(3, int(p ** 0.5) + 1, 2))]


def is_probable_prime(w):
    if w < 2:
        return False
    for p in SMALL:
        if w == p:
            return True
        if w % p == 0:
            return False
    d, s = w - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in SMALL[:40]:
        x = pow(a, d, w)
        if x in (1, w - 1):
            continue
        for _ in range(s - 1):
            x = x * x % w
            if x == w - 1:
                break
        else:
            return False
    return True


def prime(stream, bits):
    while True:
        w = int.from_bytes(stream.bytes(bits // 8), 'big') | (3 << (bits - 2)) | 1
        if is_probable_prime(w):
            return w


def key(tag, bits, ell):
    """Primes p, q of bits/2 each (spec/blinding.md §2.1), y, h_s = y^N mod N^2 (§2.3)."""
    st = Stream(tag)
    p = prime(st, bits // 2)
    q = prime(st, bits // 2)
    while abs(p - q) <= 2 ** (bits // 2 - 100):
        q = prime(st, bits // 2)
    n = p * q
    assert n.bit_length() == bits and math.gcd(n, (p - 1) * (q - 1)) == 1
    y = st.below(n - 1) + 1
    assert math.gcd(y, n) == 1
    return {'p': p, 'q': q, 'n': n, 'y': y, 'hs': pow(y, n, n * n), 'ell': ell, 'stream': st}


def enc(k, m, a):
    """Enc(m; a) = (1 + mN) h_s^a mod N^2 (spec/blinding.md §2.4)."""
    n2 = k['n'] ** 2
    return (1 + m * k['n']) * pow(k['hs'], a, n2) % n2


def enc_classical(k, m, r):
    n2 = k['n'] ** 2
    return (1 + m * k['n']) * pow(r, k['n'], n2) % n2


def dec(k, c):
    """Textbook Dec with lambda = lcm(p-1, q-1), mu = lambda^-1 mod N (independent of the CRT form)."""
    n, p, q = k['n'], k['p'], k['q']
    lam = (p - 1) * (q - 1) // math.gcd(p - 1, q - 1)
    u = pow(c, lam, n * n)
    return (u - 1) // n * pow(lam, -1, n) % n


def ring_key(seed, group, i, k):
    """K_i = Derive(s_i, label, ascii8(group) || u32(i) || u16(len N) || N, 16) (spec/blinding.md §3.2)."""
    nb = k['n'].bit_length() // 8
    ctx = bytes([len(group)]) + group.encode('ascii') + struct.pack('>I', i) + struct.pack('>H', nb) \
        + k['n'].to_bytes(nb, 'big')
    return derive(seed, LABEL, ctx, 16)


def terms(seeds, group, k, j):
    """b_ij = F(s_i, j) - F(s_(i-1), j) mod N (spec/blinding.md §3.3), i = 1..n."""
    n = len(seeds)
    f = [prf_mod(ring_key(seeds[i], group, i + 1, k), j, k['n']) for i in range(n)]
    return f, [(f[i] - f[(i - 1) % n]) % k['n'] for i in range(n)]


class Drs:
    """core.md §3.5 DeterministicRandomSource.fromSeed(long) with §3.1 nextBytes and §3.3 uniform."""

    def __init__(self, seed, size=1 << 21):
        key = derive(struct.pack('>q', seed), 'gridveil-v1 core deterministic-random', b'', 16)
        self.stream = aes128_ctr(key, size)
        self.pos = 0

    def next_bytes(self, n):
        out = self.stream[self.pos:self.pos + n]
        assert len(out) == n, 'keystream exhausted'
        self.pos += n
        return out

    def uniform(self, bound):
        if bound == 1:
            return 0
        b = (bound - 1).bit_length()
        ln = (b + 7) // 8
        while True:
            v = int.from_bytes(self.next_bytes(ln), 'big') & ((1 << b) - 1)
            if v < bound:
                return v


ODD_PRIMES_BELOW_2000 = [p for p in range(3, 2000, 2)
                         if all(p % d for d in range(3, int(p ** 0.5) + 1, 2))]


def miller_rabin_round(w, a):
    d, s = w - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    z = pow(a, d, w)
    if z in (1, w - 1):
        return True
    for _ in range(1, s):
        z = z * z % w
        if z == w - 1:
            return True
        if z == 1:
            return False
    return False


def gen_prime(rng, bits, rounds):
    """spec/blinding.md §2.2 GenPrime(b), drawing exactly as the specification says."""
    ln = (bits + 7) // 8
    while True:
        w = int.from_bytes(rng.next_bytes(ln), 'big') & ((1 << bits) - 1)
        w |= (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if any(w % p == 0 and w != p for p in ODD_PRIMES_BELOW_2000):
            continue
        if all(miller_rabin_round(w, rng.uniform(w - 3) + 2) for _ in range(rounds)):
            return w


def keygen(seed, bits, rounds):
    """spec/blinding.md §2.1 with the deterministic source of the seed."""
    rng = Drs(seed)
    half = bits // 2
    while True:
        p = gen_prime(rng, half, rounds)
        q = gen_prime(rng, half, rounds)
        while abs(p - q) <= 1 << (half - 100):
            q = gen_prime(rng, half, rounds)
        n = p * q
        if n.bit_length() != bits or math.gcd(n, (p - 1) * (q - 1)) != 1:
            continue
        while True:
            y = rng.uniform(n - 1) + 1
            if math.gcd(y, n) == 1:
                break
        return p, q, y, pow(y, n, n * n)


def h(v, length=None):
    if isinstance(v, bytes):
        return v.hex()
    return str(v)


def keyjson(k):
    return {'p': str(k['p']), 'q': str(k['q']), 'n': str(k['n']), 'y': str(k['y']),
            'hs': str(k['hs']), 'exponentBits': k['ell']}


def write(name, spec, vectors, inputs, outputs, parameters=None, notes=()):
    vectorfile.write(OUT, name, spec, vectors, inputs, outputs, parameters, notes)


def paillier_vectors(keys):
    out = []
    for name, k in keys:
        st = Stream('paillier-ops ' + name)
        n = k['n']
        ms = [0, 1, 42, n - 1, st.below(n)]
        cases = []
        for m in ms:
            a = st.below(2 ** k['ell'])
            r = st.below(n - 1) + 1
            while math.gcd(r, n) != 1:
                r = st.below(n - 1) + 1
            c = enc(k, m, a)
            c2 = enc_classical(k, m, r)
            assert dec(k, c) == m and dec(k, c2) == m
            cases.append({'m': str(m), 'a': str(a), 'c': str(c), 'r': str(r), 'cClassical': str(c2),
                          'mModP': str(m % k['p'])})
        prod = 1
        for cs in cases:
            prod = prod * int(cs['c']) % (n * n)
        total = sum(ms) % n
        assert dec(k, prod) == total
        out.append({'name': name, 'bits': n.bit_length(), 'key': keyjson(k), 'cases': cases,
                    'product': str(prod), 'productPlaintext': str(total)})
    return out


def main():
    toy = key('toy-128', 128, 16)
    k2048 = key('key-2048', 2048, 224)
    k3072 = key('key-3072', 3072, 256)
    keys = [('toy-128', toy), ('key-2048', k2048), ('key-3072', k3072)]
    write('paillier.json', 'blinding.md §2', paillier_vectors(keys), ['bits', 'key', 'cases'],
          ['product', 'productPlaintext'],
          {'key': 'p, q, n = pq, y and hs = y^n mod n^2 (§2.1, §2.3); exponentBits is ℓ (§2.4; '
                  'the 128-bit toy key states its own ℓ = 16)',
           'cases': 'inputs m, a (Enc exponent) and r (classical randomness); outputs c = Enc(m; a), '
                    'cClassical = Enc\'(m; r), mModP = m mod p (DecB, §2.5)',
           'product': 'the product of the cases\' c mod n^2 (§2.6); productPlaintext its plaintext'},
          ['name'])

    # Key generation from the deterministic random source (spec/blinding.md §2.1, §2.2).
    kg = []
    for seed, bits, rounds in [(9, 2048, 5), (3072, 3072, 4)]:
        p, q, y, hs = keygen(seed, bits, rounds)
        kg.append({'seed': seed, 'bits': bits, 'millerRabinRounds': rounds, 'p': str(p),
                   'q': str(q), 'y': str(y), 'hs': str(hs)})
    write('keygen.json', 'blinding.md §2.1, §2.2', kg, ['seed', 'bits', 'millerRabinRounds'],
          ['p', 'q', 'y', 'hs'],
          {'source': 'the deterministic source of the long seed (core.md §3.5), from byte 0 of its '
                     'stream; every draw of §2.1 and §2.2 in the order the steps make them'})

    # Blinding terms (spec/blinding.md §3).
    tv = []
    for group, n, rounds in [('grid-2', 2, [0, 1]), ('grid-3', 3, [0, 5, 2 ** 40]),
                             ('feeder.7:a', 5, [0, 1, 2])]:
        st = Stream('seeds ' + group)
        seeds = [st.bytes(32) for _ in range(n)]
        per = []
        for j in rounds:
            f, b = terms(seeds, group, k2048, j)
            assert sum(b) % k2048['n'] == 0
            per.append({'round': str(j), 'f': [str(x) for x in f], 'b': [str(x) for x in b]})
        tv.append({'group': group, 'keyName': 'key-2048', 'n': str(k2048['n']),
                   'seeds': [s.hex() for s in seeds],
                   'prfKeys': [ring_key(seeds[i], group, i + 1, k2048).hex() for i in range(n)],
                   'rounds': per})
    write('terms.json', 'blinding.md §3', tv, ['group', 'n', 'seeds', 'rounds'], ['prfKeys'],
          {'seeds': 's_1 .. s_n in ring order; edge index i = 1..n in the PRF context (§3.2)',
           'rounds': 'input round j (0 <= j < 2^63 - 1, §3.2); outputs f = F(s_i, j) and b = b_ij '
                     'for i = 1..n (§3.3)'}, ['keyName'])

    # Full rounds (spec/blinding.md §4.2 to §4.5).
    rv = []
    for group, n, j, missing in [('grid-4', 4, 3, []), ('grid-4', 4, 4, [2]),
                                 ('grid-6', 6, 9, [1, 6])]:
        k = k2048
        N = k['n']
        st = Stream('round %s %d' % (group, j))
        seeds = [st.bytes(32) for _ in range(n)]
        readings = [st.below(100000) for _ in range(n)]
        _, b = terms(seeds, group, k, j)
        present = [i for i in range(1, n + 1) if i not in missing]
        exps, cts, bodies = [], [], []
        for i in range(1, n + 1):
            a = st.below(2 ** k['ell'])
            c = enc(k, (readings[i - 1] + b[i - 1]) % N, a)
            exps.append(str(a))
            cts.append(str(c))
            bodies.append((struct.pack('>H', 2048) + c.to_bytes(512, 'big')).hex())
        prod = 1
        for i in present:
            prod = prod * int(cts[i - 1]) % (N * N)
        correction = sum(b[i - 1] for i in missing) % N
        final = prod * (1 + correction * N) % (N * N)
        total = sum(readings[i - 1] for i in present)
        assert dec(k, final) == total
        rv.append({'group': group, 'round': str(j), 'keyName': 'key-2048',
                   'parameters': {'nMax': 8, 'tMax': '100000', 'signed': False, 'unit': 'Wh',
                                  'keySize': 2048, 'recovery': bool(missing)},
                   'key': {'n': str(N), 'hs': str(k['hs']), 'p': str(k['p']), 'q': str(k['q'])},
                   'seeds': [s.hex() for s in seeds], 'readings': [str(x) for x in readings],
                   'b': [str(x) for x in b], 'exponents': exps, 'ciphertexts': cts,
                   'contributionBodies': bodies, 'missing': missing, 'correction': str(correction),
                   'aggregate': str(final), 'sum': str(total),
                   'aggregateBody': (struct.pack('>H', 2048) + final.to_bytes(512, 'big')
                                     + struct.pack('>II', len(present), len(missing))).hex()})
    write('rounds.json', 'blinding.md §4', rv,
          ['group', 'round', 'parameters', 'key', 'seeds', 'readings', 'exponents', 'missing'],
          ['b', 'ciphertexts', 'contributionBodies', 'correction', 'aggregate', 'sum',
           'aggregateBody'],
          {'parameters': 'BlindingParameters(n_max, t_max, unit, signed, keySize, recovery) of '
                         '§1.3; the supplier decodes the sum under AggregationParameters(n_max, '
                         't_max, M = N, signed, unit) (§4.4 step 4)',
           'missing': 'indices 1..n of the meters that do not contribute; correction = B_Mj'},
          ['keyName'])

    # Negative cases (spec/blinding.md §2.7, §5.1).
    N, p = k2048['n'], k2048['p']
    neg = [{'kind': 'ciphertext', 'keyName': 'key-2048', 'c': str(c), 'check': 'BLND-V-01', 'why': w}
           for c, w in [(0, 'zero'), (N * N, 'equal to N^2'), (N * N + 1, 'above N^2'),
                        (p, 'multiple of p'), (N, 'equal to N'), (3 * N, 'multiple of N')]]
    bad_bodies = [
        (4, struct.pack('>H', 1024) + b'\x01' * 256, 'BLND-E-01', 'keySize'),
        (4, struct.pack('>H', 2048) + b'\x01' * 511, 'CORE-E-04', 'c'),
        (4, struct.pack('>H', 2048) + b'\x01' * 513, 'CORE-E-06', 'body'),
        (6, struct.pack('>I', 65536), 'BLND-E-02', 'missing'),
        (6, struct.pack('>II', 2, 1), 'CORE-E-04', 'missing'),
        (5, struct.pack('>H', 3072) + b'\x01' * 768 + struct.pack('>I', 2 ** 31) + b'\0' * 4,
         'CORE-E-07', 'contributors'),
        (9, b'', 'CORE-E-03', 'type'),
    ]
    neg += [{'kind': 'body', 'type': t, 'body': b.hex(), 'check': c, 'field': f}
            for t, b, c, f in bad_bodies]
    write('negative.json', 'blinding.md §2.7, §5.1', neg,
          ['kind', 'keyName?', 'c?', 'type?', 'body?'], ['check', 'field?'],
          {'receiver': 'kind ciphertext: a party holding the key keyName of paillier.json checking '
                       'c (§2.7); kind body: the protocol-2 body decoder alone (§5.1, encoding.md '
                       '§5), no party state, reading a body of the given type to its end'},
          ['why?'])


if __name__ == '__main__':
    main()
