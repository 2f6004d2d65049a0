#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates spec/vectors/ddh/*.json independently of the Java code (spec/ddh.md §9).

Only the Python standard library (hashlib, hmac) plus the openssl CLI (AES-128-ECB for the PRF of
spec/core.md §6, Ed25519 for the roster signature of spec/ddh.md §2.3). X25519 (RFC 7748) and P-256
arithmetic are written out here from their definitions. Run from the repository root:
    python3 spec/vectors/tools/gen_ddh.py
"""
import hashlib
import hmac
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
import vectorfile  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), '..', 'ddh')

# ---------------------------------------------------------------- encoding helpers (spec/encoding.md)
def u8(v): return bytes([v])
def u16(v): return v.to_bytes(2, 'big')
def u64(v): return (v % (1 << 64)).to_bytes(8, 'big')
def ascii8(s): b = s.encode('ascii'); return u8(len(b)) + b

# ---------------------------------------------------------------- X25519, RFC 7748 §5
P25519 = 2 ** 255 - 19
A24 = 121665

def clamp(k):
    k = bytearray(k); k[0] &= 248; k[31] &= 127; k[31] |= 64
    return int.from_bytes(k, 'little')

def x25519(kb, ub):
    k = clamp(kb)
    u = int.from_bytes(ub, 'little') & ((1 << 255) - 1)
    x1, x2, z2, x3, z3, swap = u, 1, 0, u, 1, 0
    for t in reversed(range(255)):
        kt = (k >> t) & 1
        swap ^= kt
        if swap: x2, x3, z2, z3 = x3, x2, z3, z2
        swap = kt
        a = (x2 + z2) % P25519; aa = a * a % P25519
        b = (x2 - z2) % P25519; bb = b * b % P25519
        e = (aa - bb) % P25519
        c = (x3 + z3) % P25519; d = (x3 - z3) % P25519
        da = d * a % P25519; cb = c * b % P25519
        x3 = (da + cb) ** 2 % P25519
        z3 = x1 * (da - cb) ** 2 % P25519
        x2 = aa * bb % P25519
        z2 = e * (aa + A24 * e) % P25519
    if swap: x2, x3, z2, z3 = x3, x2, z3, z2
    return (x2 * pow(z2, P25519 - 2, P25519) % P25519).to_bytes(32, 'little')

def x25519_pub(kb): return x25519(kb, (9).to_bytes(32, 'little'))

# ---------------------------------------------------------------- HKDF and the labelled derivation (spec/core.md §5.1)
def hkdf_derive(ikm, label, ctx, length):
    prk = hmac.new(b'\x00' * 32, ikm, hashlib.sha256).digest()
    lb = label.encode('ascii')
    info = u16(len(lb)) + lb + u16(len(ctx)) + ctx
    okm, t, i = b'', b'', 1
    while len(okm) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest(); okm += t; i += 1
    return okm[:length]

# ---------------------------------------------------------------- PRF F (spec/core.md §6.2), AES via openssl
def aes128_ecb(key, data):
    return subprocess.run(['openssl', 'enc', '-aes-128-ecb', '-K', key.hex(), '-nopad', '-nosalt'],
                          input=data, capture_output=True, check=True).stdout

def prf_bits(key, x, b):
    block = aes128_ecb(key, u64(x) + u64(0))
    return int.from_bytes(block[:8], 'big') >> (64 - b)

# ---------------------------------------------------------------- Ed25519 via openssl (RFC 8032)
def ed25519(seed, msg):
    der = bytes.fromhex('302e020100300506032b657004220420') + seed
    with tempfile.TemporaryDirectory() as d:
        kp, mp, sp = os.path.join(d, 'k.der'), os.path.join(d, 'm.bin'), os.path.join(d, 's.bin')
        open(kp, 'wb').write(der); open(mp, 'wb').write(msg)
        pub = subprocess.run(['openssl', 'pkey', '-inform', 'DER', '-in', kp, '-pubout', '-outform', 'DER'],
                             capture_output=True, check=True).stdout[-32:]
        subprocess.run(['openssl', 'pkeyutl', '-sign', '-keyform', 'DER', '-inkey', kp, '-rawin',
                        '-in', mp, '-out', sp], check=True, capture_output=True)
        return pub, open(sp, 'rb').read()

# ---------------------------------------------------------------- EDAT (spec/ddh.md §2, §3)
def seed_bytes(tag, n=32):
    return hashlib.sha256(b'gridveil ddh vector seed ' + tag.encode()).digest()[:n]

def edat_vector(name, group, version, ids, bits, rounds, readings, missing_cases, t_max, k_min):
    n = len(ids)
    assert all(0 <= e <= t_max for r in readings for e in r) and n * t_max < 1 << bits
    xs = [seed_bytes(f'{name} meter {i}') for i in ids]
    Xs = [x25519_pub(x) for x in xs]
    xS = seed_bytes(f'{name} supplier'); XS = x25519_pub(xS)
    sig_seed = seed_bytes(f'{name} signing')
    roster = ascii8(group) + u64(version) + XS + u16(n)
    for i in range(n): roster += ascii8(ids[i]) + Xs[i]
    label = b'gridveil-v1 ddh roster'
    vk, sig = ed25519(sig_seed, u16(len(label)) + label + roster)
    mask = (1 << bits) - 1
    ring_keys, sup_keys = [], []
    for i in range(n):
        a, b = i, (i + 1) % n
        z = x25519(xs[a], Xs[b]); assert z == x25519(xs[b], Xs[a])
        lo, hi = (a, b) if ids[a].encode() < ids[b].encode() else (b, a)
        ctx = ascii8(group) + u64(version) + ascii8(ids[lo]) + Xs[lo] + ascii8(ids[hi]) + Xs[hi]
        ring_keys.append({'edge': [a, b], 'shared': z.hex(), 'key': hkdf_derive(z, 'gridveil-v1 ddh ring key', ctx, 16).hex()})
        zs = x25519(xs[i], XS); assert zs == x25519(xS, Xs[i])
        ctx = ascii8(group) + u64(version) + ascii8(ids[i]) + Xs[i] + XS
        sup_keys.append({'meter': i, 'shared': zs.hex(), 'key': hkdf_derive(zs, 'gridveil-v1 ddh supplier key', ctx, 16).hex()})
    F = lambda key_hex, j: prf_bits(bytes.fromhex(key_hex), j, bits)
    out_rounds = []
    for r, j in enumerate(rounds):
        e = readings[r]
        meters = []
        for i in range(n):
            up = F(ring_keys[i]['key'], j)              # F(k_(i,i+1), j)
            down = F(ring_keys[(i - 1) % n]['key'], j)  # F(k_(i-1,i), j)
            u = F(sup_keys[i]['key'], j)
            c = (e[i] + up - down + u) & mask
            meters.append({'reading': e[i], 'succPad': str(up), 'predPad': str(down), 'supplierPad': str(u), 'ciphertext': str(c)})
        total = sum(int(m['ciphertext']) for m in meters) & mask
        rec = []
        for miss in missing_cases:
            present = [i for i in range(n) if i not in miss]
            s = sum(int(meters[i]['ciphertext']) for i in present) & mask
            reveals = []
            for i in present:
                if (i + 1) % n in miss:
                    reveals.append({'revealer': i, 'missing': (i + 1) % n, 'pad': meters[i]['succPad']})
                if (i - 1) % n in miss:
                    reveals.append({'revealer': i, 'missing': (i - 1) % n, 'pad': meters[i]['predPad']})
            res = s - sum(int(meters[i]['supplierPad']) for i in present)
            for rv in reveals:
                res += -int(rv['pad']) if rv['missing'] == (rv['revealer'] + 1) % n else int(rv['pad'])
            res &= mask
            assert res == sum(e[i] for i in present)
            rec.append({'missing': sorted(miss), 'sum': str(s), 'reveals': reveals, 'decrypted': res})
        assert (total - sum(int(m['supplierPad']) for m in meters)) & mask == sum(e)
        out_rounds.append({'round': j, 'meters': meters, 'sum': str(total), 'decrypted': sum(e), 'recoveries': rec})
    return {
        'name': name, 'group': group, 'version': version, 'bits': bits, 'ids': ids,
        'parameters': {'nMax': n, 'tMax': str(t_max), 'modulusBits': bits, 'signed': False,
                       'unit': 'Wh', 'kMin': k_min},
        'meterScalars': [x.hex() for x in xs], 'meterPublicKeys': [x.hex() for x in Xs],
        'supplierScalar': xS.hex(), 'supplierPublicKey': XS.hex(),
        'signingSeed': sig_seed.hex(), 'verificationKey': vk.hex(),
        'rosterBytes': roster.hex(), 'signature': sig.hex(),
        'ringKeys': ring_keys, 'supplierKeys': sup_keys, 'rounds': out_rounds,
    }

def le(v): return v.to_bytes(32, 'little')

def x25519_validation():
    # spec/ddh.md §2.2: small-order u (the orbit of the order-8 points and 0, 1), twist points,
    # non-canonical encodings, and valid keys.
    small = [0, 1,
             325606250916557431795983626356110631294008115727848805560023387167927233504,
             39382357235489614581723060781553021112529911719440698176882885853963445705823]
    def on_curve(u):
        rhs = (u ** 3 + 486662 * u * u + u) % P25519
        return rhs == 0 or pow(rhs, (P25519 - 1) // 2, P25519) == 1
    def classify(u):  # the order of the steps of spec/ddh.md §2.2
        if u >= P25519: return 'DDH-E-01'
        if not on_curve(u): return 'DDH-V-01'
        if x25519(b'\x5a' * 32, le(u)) == b'\x00' * 32: return 'DDH-V-02'
        return ''
    vecs = []
    for u in small:
        vecs.append({'u': le(u).hex(), 'check': classify(u), 'comment': 'small order (curve or twist)'})
    for u in [P25519, P25519 + 1, 2 ** 255 - 1]:
        vecs.append({'u': (u % (1 << 256)).to_bytes(32, 'little').hex(), 'check': 'DDH-E-01', 'comment': 'u >= p'})
    twist = next(u for u in range(2, 100) if not on_curve(u))
    vecs.append({'u': le(twist).hex(), 'check': 'DDH-V-01', 'comment': f'u = {twist} lies on the twist'})
    vecs.append({'u': le(P25519 - 1).hex(), 'check': classify(P25519 - 1), 'comment': 'u = p - 1'})
    for v in vecs:
        assert v['check'] == classify(int.from_bytes(bytes.fromhex(v['u']), 'little')) or v['check'] == 'DDH-E-01'
    assert x25519(bytes.fromhex('a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4'),
                  bytes.fromhex('e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c')).hex() == \
        'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552'  # RFC 7748 §5.2
    vecs.append({'u': x25519_pub(seed_bytes('valid')).hex(), 'check': '', 'comment': 'a valid public key'})
    vecs.append({'u': le(9).hex(), 'check': '', 'comment': 'the base point'})
    return vecs

# ---------------------------------------------------------------- P-256 (SEC 2) and PSA (spec/ddh.md §7)
Pp = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff
Qn = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551
Bc = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b
Gx = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296
Gy = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5

def padd(P, Q):
    if P is None: return Q
    if Q is None: return P
    if P[0] == Q[0] and (P[1] + Q[1]) % Pp == 0: return None
    if P == Q: l = (3 * P[0] * P[0] - 3) * pow(2 * P[1], -1, Pp) % Pp
    else: l = (Q[1] - P[1]) * pow(Q[0] - P[0], -1, Pp) % Pp
    x = (l * l - P[0] - Q[0]) % Pp
    return (x, (l * (P[0] - x) - P[1]) % Pp)

def pmul(k, P):
    k %= Qn; R = None
    while k:
        if k & 1: R = padd(R, P)
        P = padd(P, P); k >>= 1
    return R

def penc(P): return (b'\x00' * 33) if P is None else bytes([2 | (P[1] & 1)]) + P[0].to_bytes(32, 'big')

def h2c(group, j):
    label = b'gridveil-v1 psa hash-to-curve'
    for ctr in range(256):
        d = hashlib.sha512(u16(len(label)) + label + ascii8(group) + u64(j) + u8(ctr)).digest()
        x = int.from_bytes(d[:32], 'big')
        if x >= Pp: continue
        rhs = (x ** 3 - 3 * x + Bc) % Pp
        y = pow(rhs, (Pp + 1) // 4, Pp)
        if y * y % Pp != rhs: continue
        if (y & 1) != (d[32] & 1): y = Pp - y
        return (x, y), ctr
    raise ValueError

def psa_vector():
    G = (Gx, Gy); group = 'g-psa-kat'
    sks = [int.from_bytes(seed_bytes(f'psa sk {i}'), 'big') % (Qn - 1) + 1 for i in range(4)]
    sk0 = (-sum(sks)) % Qn
    rounds = []
    for j, e in [(0, [0, 0, 0, 0]), (1, [5, 17, 0, 100]), (42, [1000, 999, 1, 7])]:
        H, ctr = h2c(group, j)
        cs = [padd(pmul(e[i], G), pmul(sks[i], H)) for i in range(4)]
        V = pmul(sk0, H)
        for c in cs: V = padd(V, c)
        assert V == pmul(sum(e), G)
        rounds.append({'round': j, 'h': penc(H).hex(), 'tries': ctr, 'readings': e,
                       'ciphertexts': [penc(c).hex() for c in cs], 'sum': sum(e), 'v': penc(V).hex()})
    h2 = [{'group': g, 'round': j, 'h': penc(h2c(g, j)[0]).hex()} for g, j in
          [('a', 0), ('a', 1), ('g-psa-kat', 2 ** 62), ('neighbourhood-17', 123456789)]]
    powers = [{'s': s, 'point': penc(pmul(s, G)).hex()} for s in [0, 1, 2, 3, 255, 65536, 10 ** 10]]
    notOnCurve = next(x for x in range(1, 100) if pow((x ** 3 - 3 * x + Bc) % Pp, (Pp - 1) // 2, Pp) != 1)
    bad = [{'bytes': (b'\x00' * 33).hex(), 'check': 'PSA-V-02'},
           {'bytes': ('04' + '00' * 32), 'check': 'PSA-E-01'},
           {'bytes': ('02' + Pp.to_bytes(32, 'big').hex()), 'check': 'PSA-V-01'},
           {'bytes': ('02' + notOnCurve.to_bytes(32, 'big').hex()), 'check': 'PSA-V-01'}]
    return {'group': group,
            'parameters': {'nMax': 4, 'tMax': '1000', 'signed': False, 'unit': 'Wh',
                           'width': 4 * 1000 + 1, 'offset': 0},
            'meterScalars': [format(s, '064x') for s in sks], 'aggregatorScalar': format(sk0, '064x'),
            'rounds': rounds, 'hashToCurve': h2, 'powers': powers, 'invalidPoints': bad}

def dump(name, spec, vectors, inputs, outputs, parameters=None, notes=()):
    vectorfile.write(OUT, name, spec, vectors, inputs, outputs, parameters, notes, indent=1)

if __name__ == '__main__':
    dump('edat.json', 'ddh.md §2.3, §2.5, §3', [
        edat_vector('ring4', 'g-ddh-kat', 1, ['m-a', 'm-c', 'm-b', 'm-d'], 64, [0, 1, 7],
                    [[100, 2000, 0, 2 ** 20], [1, 2, 3, 4], [0, 0, 0, 0]],
                    [[1], [1, 2], [3, 0]], 1 << 20, 2),
        edat_vector('ring5b16', 'g-ddh-small', 3, ['m-1', 'm-2', 'm-3', 'm-4', 'm-5'], 16, [0, 1000],
                    [[1, 2, 3, 4, 5], [100, 0, 100, 0, 100]],
                    [[2], [4, 0], [1, 2, 3]], ((1 << 16) - 1) // 5, 2),
    ], ['group', 'version', 'parameters', 'ids', 'meterScalars', 'supplierScalar', 'signingSeed',
        'rounds'],
        ['meterPublicKeys', 'supplierPublicKey', 'verificationKey', 'rosterBytes', 'signature',
         'ringKeys', 'supplierKeys'],
        {'parameters': 'DdhParameters(AggregationParameters(n_max, t_max, M = 2^modulusBits, '
                       'signed, unit), k_min) of §1.3; bits = modulusBits. k_min = 2 so that the '
                       'recoveries that leave two contributors are decrypted (§3.3 step 1)',
         'scalars': 'X25519 private scalars, 32 bytes as RFC 7748 reads them (little-endian, '
                    'clamped on use); signingSeed is the supplier\'s Ed25519 seed (RFC 8032)',
         'rounds': 'inputs round j, readings e_ij in ring order (meters[i].reading) and the '
                   'missing sets of recoveries; outputs the pads, ciphertexts, sum, decrypted '
                   'sum and reveals (§3.1 to §3.4)',
         'indices': 'meter positions 0..n-1 in the roster order of ids'},
        ['name', 'bits'])
    dump('x25519-validation.json', 'ddh.md §2.2', x25519_validation(), ['u'], ['check'],
         {'receiver': 'public-key validation of §2.2 alone (no party state); u is the 32-byte '
                      'little-endian u-coordinate; check is the first failing step, empty if '
                      'accepted',
          'scalar': 'step 3 uses s = 5a repeated 32 times (any scalar gives the same outcome)'},
         ['comment'])
    dump('psa.json', 'ddh.md §7', [psa_vector()],
         ['group', 'parameters', 'meterScalars', 'aggregatorScalar', 'rounds', 'hashToCurve',
          'powers', 'invalidPoints'], [],
         {'receiver': 'invalidPoints: the Contribution body decoder of §7.5 alone, no party state',
          'parameters': 'PsaParameters over AggregationParameters(n_max, t_max, M unused, signed, '
                        'unit): width W = n_max t_max + 1 (unsigned; 2 n_max t_max + 1 signed), '
                        'offset = n_max t_max if signed else 0 (§7.1, §7.4)',
          'scalars': 'sk_i and sk_0 as 32-byte big-endian integers in [1, q) (64 hex digits)',
          'points': 'SEC1 compressed, 33 bytes; the identity as 33 zero bytes (§7.5)',
          'rounds': 'inputs round j and readings; outputs h = H(j), tries (the ctr that succeeded), '
                    'ciphertexts c_ij, sum and v = V (§7.2 to §7.4)'})
