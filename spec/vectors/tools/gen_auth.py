#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates spec/vectors/auth/*.json from spec/auth.md, independently of the Java code.

Ed25519 follows the RFC 8032 §6 reference code, X25519 the RFC 7748 ladder, HKDF and HMAC come
from Python's standard library; each primitive is first checked against its RFC's test vector.
Run from the repository root: python3 spec/vectors/tools/gen_auth.py
"""
import hashlib
import hmac
import json
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(__file__))
import vectorfile  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), '..', 'auth')

# ---- Ed25519 (RFC 8032 §6) ----
p = 2**255 - 19
q = 2**252 + 27742317777372353535851937790883648493
d = -121665 * pow(121666, p - 2, p) % p
I = pow(2, (p - 1) // 4, p)


def inv(x):
    return pow(x, p - 2, p)


def add(P, Q):
    x1, y1, z1, t1 = P
    x2, y2, z2, t2 = Q
    a = (y1 - x1) * (y2 - x2) % p
    b = (y1 + x1) * (y2 + x2) % p
    c = t1 * 2 * d * t2 % p
    dd = z1 * 2 * z2 % p
    e, f, g, h = b - a, dd - c, dd + c, b + a
    return (e * f % p, g * h % p, f * g % p, e * h % p)


def mul(s, P):
    Q = (0, 1, 1, 0)
    while s > 0:
        if s & 1:
            Q = add(Q, P)
        P = add(P, P)
        s >>= 1
    return Q


def recover_x(y, sign):
    x2 = (y * y - 1) * inv(d * y * y + 1)
    x = pow(x2, (p + 3) // 8, p)
    if (x * x - x2) % p != 0:
        x = x * I % p
    if x & 1 != sign:
        x = p - x
    return x


gy = 4 * inv(5) % p
gx = recover_x(gy, 0)
G = (gx, gy, 1, gx * gy % p)


def compress(P):
    zi = inv(P[2])
    x, y = P[0] * zi % p, P[1] * zi % p
    return int.to_bytes(y | ((x & 1) << 255), 32, 'little')


def sha512_int(b):
    return int.from_bytes(hashlib.sha512(b).digest(), 'little')


def expand(secret):
    h = hashlib.sha512(secret).digest()
    a = int.from_bytes(h[:32], 'little')
    a &= (1 << 254) - 8
    a |= 1 << 254
    return a, h[32:]


def ed_public(secret):
    a, _ = expand(secret)
    return compress(mul(a, G))


def ed_sign(secret, msg):
    a, prefix = expand(secret)
    A = compress(mul(a, G))
    r = sha512_int(prefix + msg) % q
    R = compress(mul(r, G))
    h = sha512_int(R + A + msg) % q
    s = (r + h * a) % q
    return R + int.to_bytes(s, 32, 'little')


assert ed_public(bytes.fromhex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')).hex() == \
    'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'
assert ed_sign(bytes.fromhex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'), b'').hex() == \
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b'

# ---- X25519 (RFC 7748 §5) ----
A24 = 121665


def x25519(k, u):
    k = bytearray(k)
    k[0] &= 248
    k[31] &= 127
    k[31] |= 64
    k = int.from_bytes(k, 'little')
    u = int.from_bytes(u, 'little') & ((1 << 255) - 1)
    x1, x2, z2, x3, z3, swap = u, 1, 0, u, 1, 0
    for t in reversed(range(255)):
        kt = (k >> t) & 1
        swap ^= kt
        if swap:
            x2, x3, z2, z3 = x3, x2, z3, z2
        swap = kt
        A = (x2 + z2) % p
        AA = A * A % p
        B = (x2 - z2) % p
        BB = B * B % p
        E = (AA - BB) % p
        C = (x3 + z3) % p
        D = (x3 - z3) % p
        DA = D * A % p
        CB = C * B % p
        x3 = (DA + CB) ** 2 % p
        z3 = x1 * (DA - CB) ** 2 % p
        x2 = AA * BB % p
        z2 = E * (AA + A24 * E) % p
    if swap:
        x2, x3, z2, z3 = x3, x2, z3, z2
    return int.to_bytes(x2 * pow(z2, p - 2, p) % p, 32, 'little')


BASE = int.to_bytes(9, 32, 'little')
assert x25519(bytes.fromhex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'), BASE).hex() == \
    '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a'
assert x25519(bytes.fromhex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a'),
              bytes.fromhex('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f')).hex() == \
    '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742'


# ---- HKDF (spec/core.md §5.1) ----
def derive(ikm, label, ctx, n):
    prk = hmac.new(b'\0' * 32, ikm, hashlib.sha256).digest()
    lb = label.encode()
    info = struct.pack('>H', len(lb)) + lb + struct.pack('>H', len(ctx)) + ctx
    t, okm, i = b'', b'', 1
    while len(okm) < n:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        okm += t
        i += 1
    return okm[:n]


def key_id(pk):
    return int.from_bytes(hashlib.sha256(b'gridveil-v1 auth key-id' + pk).digest()[:8], 'big')


def token_of(pk):
    return hashlib.sha256(b'gridveil-v1 auth token' + pk).digest()[:16]


def ascii8(s):
    return bytes([len(s)]) + s.encode()


def bytes16(b):
    return struct.pack('>H', len(b)) + b


def frame(sender, recipient, group, rnd, typ, body, protocol=0):
    return bytes([1, protocol, typ]) + sender + recipient + ascii8(group) + struct.pack('>Q', rnd) + \
        struct.pack('>I', len(body)) + body


def signed_wrapper(seed, seq, fr):
    pk = ed_public(seed)
    kid = key_id(pk)
    msg = bytes16(b'gridveil-v1 auth control') + bytes([1]) + struct.pack('>QQ', kid, seq) + fr
    sig = ed_sign(seed, msg)
    return bytes([1]) + struct.pack('>QQ', kid, seq) + struct.pack('>I', len(fr)) + fr + sig, kid


def licensed_wrapper(seed, signed_licence, seq, fr):
    kid = key_id(ed_public(seed))
    msg = bytes16(b'gridveil-v1 auth control') + bytes([3]) + struct.pack('>QQ', kid, seq) + fr
    sig = ed_sign(seed, msg)
    return bytes([3]) + bytes16(signed_licence) + struct.pack('>Q', seq) + struct.pack('>I', len(fr)) + fr + sig


def mac_key(shared, group, epoch, pk_t, pk_s):
    ctx = ascii8(group) + struct.pack('>Q', epoch) + pk_t + pk_s
    return derive(shared, 'gridveil-v1 auth reading-mac', ctx, 32)


def maced_wrapper(key, token, seq, fr):
    msg = bytes16(b'gridveil-v1 auth reading') + bytes([2]) + token + struct.pack('>Q', seq) + fr
    tag = hmac.new(key, msg, hashlib.sha256).digest()
    return bytes([2]) + token + struct.pack('>Q', seq) + struct.pack('>I', len(fr)) + fr + tag


def write(name, spec, vectors, inputs, outputs, parameters=None, notes=()):
    vectorfile.write(OUT, name, spec, vectors, inputs, outputs, parameters, notes)


SUPPLIER_ANCHOR = {'principal': 'SUPPLIER (address kind 5)', 'key': 'keys.json "supplier"',
                   'acceptedFrom': '0', 'acceptedUntil': 'forever (no planned retirement)'}
FRAMES = ('inner frames are protocol-0 frames (encoding.md §2.2: opaque body, every type but '
          '0xEE assigned)')


def main():
    supplier_seed = hashlib.sha256(b'gridveil vector supplier signing key').digest()
    ttp_seed = hashlib.sha256(b'gridveil vector ttp signing key').digest()
    meter_seed = hashlib.sha256(b'gridveil vector meter SM-01 licence key').digest()
    keys = []
    for name, seed in [('supplier', supplier_seed), ('ttp', ttp_seed), ('meter', meter_seed)]:
        pk = ed_public(seed)
        keys.append({'name': name, 'kind': 'ed25519', 'seed': seed.hex(), 'public': pk.hex(),
                     'keyId': str(key_id(pk))})
    tok_sk = hashlib.sha256(b'gridveil vector token key').digest()
    sup_sk = hashlib.sha256(b'gridveil vector supplier reading key').digest()
    for name, sk in [('token', tok_sk), ('supplierReading', sup_sk)]:
        pk = x25519(sk, BASE)
        keys.append({'name': name, 'kind': 'x25519', 'private': sk.hex(), 'public': pk.hex(),
                     'token': token_of(pk).hex()})
    write('keys.json', 'auth.md §2', keys, ['kind', 'seed?', 'private?'],
          ['public', 'keyId?', 'token?'],
          {'seed': 'Ed25519 secret key (RFC 8032 seed); private: X25519 scalar (RFC 7748)'},
          ['name'])

    # Signed control frames (spec/auth.md §3.2)
    body = b'\x01\x02\x03'
    fr = frame(bytes([5]), bytes([7]), 'north-7', 3, 9, body)
    wrapper, kid = signed_wrapper(supplier_seed, 42, fr)
    signed = [{'name': 'supplier-broadcast', 'seed': supplier_seed.hex(), 'sequence': '42', 'now': '3',
               'self': 'broadcast', 'group': 'north-7', 'frame': fr.hex(), 'wrapped': wrapper.hex(),
               'outcome': 'accept'}]

    def neg(name, data, check, now=3, group='north-7', selfaddr='broadcast'):
        signed.append({'name': name, 'wrapped': data.hex(), 'now': str(now), 'group': group,
                       'self': selfaddr, 'outcome': check})

    flipped = bytearray(wrapper)
    flipped[-1] ^= 1
    neg('signature-bit-flip', bytes(flipped), 'AUTH-V-01')
    flipped = bytearray(wrapper)
    flipped[17 + 4 + 10] ^= 0x20
    neg('frame-bit-flip', bytes(flipped), 'AUTH-V-01')
    neg('unknown-key', signed_wrapper(meter_seed, 42, fr)[0], 'AUTH-V-02')
    neg('wrong-group', wrapper, 'AUTH-V-07', group='south-1')
    fr_meter = frame(bytes([5]), bytes([4]), 'north-7', 3, 9, body)
    neg('addressed-to-aggregator', signed_wrapper(supplier_seed, 1, fr_meter)[0], 'AUTH-V-13')
    fr_spoof = frame(bytes([6]), bytes([7]), 'north-7', 3, 9, body)
    neg('signer-not-sender', signed_wrapper(supplier_seed, 1, fr_spoof)[0], 'AUTH-V-06')
    neg('unknown-kind', bytes([4]) + wrapper[1:], 'AUTH-E-01')
    write('signed.json', 'auth.md §3', signed,
          ['wrapped', 'now', 'group', 'self', 'seed?', 'sequence?', 'frame?'], ['outcome'],
          {'receiver': {'address': 'self: "broadcast" is GROUP_BROADCAST (kind 7)',
                        'group': 'group', 'round': 'now',
                        'anchors': [SUPPLIER_ANCHOR], 'revoked': 'none',
                        'replay': 'a fresh window: no sequence number seen before (auth.md §7)',
                        'keyring': 'empty (no MACed streams)'},
           'frames': FRAMES,
           'accept': 'the accepted vector gives the signer seed, sequence and frame; the '
                     'verified principal is SUPPLIER with sequence 42'},
          ['name'])

    # MACed reading frames (spec/auth.md §6)
    tok_pk = x25519(tok_sk, BASE)
    sup_pk = x25519(sup_sk, BASE)
    shared = x25519(tok_sk, sup_pk)
    assert shared == x25519(sup_sk, tok_pk)
    key = mac_key(shared, 'north-7', 5, tok_pk, sup_pk)
    token = token_of(tok_pk)
    rfr = frame(bytes([1]) + token, bytes([5]), 'north-7', 17, 4, struct.pack('>Q', 1234567))
    w = maced_wrapper(key, token, 7, rfr)
    maced = [{'name': 'reading', 'tokenPrivate': tok_sk.hex(), 'supplierPrivate': sup_sk.hex(),
              'group': 'north-7', 'epoch': '5', 'sequence': '7', 'shared': shared.hex(), 'macKey': key.hex(),
              'frame': rfr.hex(), 'wrapped': w.hex(), 'outcome': 'accept'}]
    bad = bytearray(w)
    bad[-5] ^= 0x80
    maced.append({'name': 'tag-bit-flip', 'wrapped': bytes(bad).hex(), 'outcome': 'AUTH-V-04'})
    other_tok = x25519(hashlib.sha256(b'other token').digest(), BASE)
    maced.append({'name': 'unregistered-token',
                  'wrapped': maced_wrapper(key, token_of(other_tok), 7, rfr).hex(), 'outcome': 'AUTH-V-05'})
    wrong_epoch = mac_key(shared, 'north-7', 6, tok_pk, sup_pk)
    maced.append({'name': 'key-of-another-epoch',
                  'wrapped': maced_wrapper(wrong_epoch, token, 7, rfr).hex(), 'outcome': 'AUTH-V-04'})
    sfr = frame(bytes([1]) + token_of(other_tok), bytes([5]), 'north-7', 17, 4, b'')
    maced.append({'name': 'token-not-sender', 'wrapped': maced_wrapper(key, token, 8, sfr).hex(),
                  'outcome': 'AUTH-V-06'})
    write('maced.json', 'auth.md §6', maced,
          ['wrapped', 'tokenPrivate?', 'supplierPrivate?', 'group?', 'epoch?', 'sequence?',
           'frame?'], ['outcome', 'shared?', 'macKey?'],
          {'receiver': {'address': 'SUPPLIER (kind 5)', 'group': 'north-7', 'round': '17',
                        'anchors': 'none (MACed frames need none)',
                        'keyring': 'the supplier reading key of the first vector '
                                   '(supplierPrivate) with exactly one registered token: the '
                                   'public key of tokenPrivate for group north-7, epoch 5',
                        'replay': 'a fresh window: no sequence number seen before (auth.md §7)'},
           'frames': FRAMES},
          ['name'])

    # Licences (spec/auth.md §5.1)
    meter_pk = ed_public(meter_seed)

    def licence(serial, meter, pk, group, valid_from, valid_until, signer=supplier_seed):
        lic = struct.pack('>Q', serial) + ascii8(meter) + pk + ascii8(group) + \
            struct.pack('>QQ', valid_from, valid_until)
        sig = ed_sign(signer, bytes16(b'gridveil-v1 auth licence') + lic)
        return bytes16(lic) + struct.pack('>Q', key_id(ed_public(signer))) + sig

    signed_lic = licence(1001, 'SM-01', meter_pk, 'north-7', 0, 1000)
    write('licence.json', 'auth.md §5', [{'name': 'SM-01', 'serial': '1001', 'meter': 'SM-01',
                                          'meterKey': meter_pk.hex(), 'group': 'north-7', 'validFrom': '0',
                                          'validUntil': '1000', 'signer': 'supplier',
                                          'signerSeed': supplier_seed.hex(),
                                          'encoded': signed_lic.hex()}],
          ['serial', 'meter', 'meterKey', 'group', 'validFrom', 'validUntil', 'signer',
           'signerSeed'], ['encoded'],
          {'signer': 'the name of the signing key in keys.json (Ed25519, the supplier); its '
                     'KeyId is in the encoding',
           'verification': 'the encoded licence verifies at round 5 under the supplier anchor '
                           '(accepted from round 0, forever) with no revocations'},
          ['name'])

    # Licensed control frames (spec/auth.md §3.4): the meter SM-01 broadcasts to its group.
    sm01 = bytes([2]) + ascii8('SM-01')
    lfr = frame(sm01, bytes([7]), 'north-7', 3, 9, body)
    lw = licensed_wrapper(meter_seed, signed_lic, 11, lfr)
    licensed = [{'name': 'meter-broadcast', 'seed': meter_seed.hex(), 'licence': signed_lic.hex(),
                 'sequence': '11', 'now': '3', 'group': 'north-7', 'revoked': '', 'frame': lfr.hex(),
                 'wrapped': lw.hex(), 'outcome': 'accept'}]

    def lneg(name, data, check, now=3, group='north-7', revoked=''):
        licensed.append({'name': name, 'wrapped': data.hex(), 'now': str(now), 'group': group,
                         'revoked': revoked, 'outcome': check})

    bad = bytearray(lw)
    bad[-1] ^= 1
    lneg('frame-signature-bit-flip', bytes(bad), 'AUTH-V-01')
    bad = bytearray(lw)
    bad[3 + len(signed_lic) - 1] ^= 1
    lneg('licence-signature-bit-flip', bytes(bad), 'AUTH-V-01')
    lneg('licence-by-unknown-signer',
         licensed_wrapper(meter_seed, licence(1001, 'SM-01', meter_pk, 'north-7', 0, 1000, ttp_seed), 11, lfr),
         'AUTH-V-02')
    lneg('licence-expired', lw, 'AUTH-V-10', now=1001)
    lneg('licence-revoked', lw, 'AUTH-V-11', revoked='1001')
    south = frame(sm01, bytes([7]), 'south-1', 3, 9, body)
    lneg('licence-for-another-group', licensed_wrapper(meter_seed, signed_lic, 11, south), 'AUTH-V-07',
         group='south-1')
    lneg('receiver-in-another-group', lw, 'AUTH-V-07', group='south-1')
    sm02 = frame(bytes([2]) + ascii8('SM-02'), bytes([7]), 'north-7', 3, 9, body)
    lneg('sender-not-the-licensed-meter', licensed_wrapper(meter_seed, signed_lic, 11, sm02), 'AUTH-V-06')
    other = hashlib.sha256(b'gridveil vector meter SM-01 stolen licence').digest()
    lneg('signed-by-another-key', licensed_wrapper(other, signed_lic, 11, lfr), 'AUTH-V-01')
    write('licensed.json', 'auth.md §3.4', licensed,
          ['wrapped', 'now', 'group', 'revoked', 'seed?', 'licence?', 'sequence?', 'frame?'],
          ['outcome'],
          {'receiver': {'address': 'GROUP_BROADCAST (kind 7)', 'group': 'group',
                        'round': 'now', 'anchors': [SUPPLIER_ANCHOR],
                        'revoked': 'revoked: empty for none, else a revocation list (version 1) '
                                   'holding that licence serial',
                        'replay': 'a fresh window: no sequence number seen before (auth.md §7)',
                        'keyring': 'empty (no MACed streams)'},
           'frames': FRAMES,
           'accept': 'the accepted vector gives the meter seed, its licence, sequence and '
                     'frame; the verified principal is Identified(SM-01) with sequence 11'},
          ['name'])


if __name__ == '__main__':
    main()
