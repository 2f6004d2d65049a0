#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates spec/vectors/core/*.json from the text of spec/core.md and spec/encoding.md.

Independent of the Java code: HKDF from Python's hmac/hashlib, AES-128 from the openssl CLI.
Run from the repository root: python3 spec/vectors/tools/gen_core.py
"""
import hashlib
import hmac
import json
import os
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import vectorfile  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), '..', 'core')


def aes128_ecb(key: bytes, data: bytes) -> bytes:
    r = subprocess.run(['openssl', 'enc', '-aes-128-ecb', '-K', key.hex(), '-nopad'],
                       input=data, capture_output=True, check=True)
    return r.stdout


def aes128_ctr(key: bytes, n: int) -> bytes:
    r = subprocess.run(['openssl', 'enc', '-aes-128-ctr', '-K', key.hex(), '-iv', '00' * 16],
                       input=b'\0' * n, capture_output=True, check=True)
    return r.stdout


def hkdf_extract(salt: bytes, ikm: bytes) -> bytes:
    if not salt:
        salt = b'\0' * 32
    return hmac.new(salt, ikm, hashlib.sha256).digest()


def hkdf_expand(prk: bytes, info: bytes, length: int) -> bytes:
    t, okm, i = b'', b'', 1
    while len(okm) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        okm += t
        i += 1
    return okm[:length]


def derive(ikm: bytes, label: str, context: bytes, length: int) -> bytes:
    """spec/core.md §5.1."""
    lb = label.encode('ascii')
    info = struct.pack('>H', len(lb)) + lb + struct.pack('>H', len(context)) + context
    return hkdf_expand(hkdf_extract(b'', ikm), info, length)


def block(x: int, c: int) -> bytes:
    return struct.pack('>QQ', x % 2**64, c % 2**64)


def prf_bits(key: bytes, x: int, bits: int) -> int:
    """spec/core.md §6.2."""
    out = aes128_ecb(key, block(x, 0))
    return int.from_bytes(out[:8], 'big') >> (64 - bits)


def prf_mod(key: bytes, x: int, n: int) -> int:
    """spec/core.md §6.3: rejection sampling over AES_k(Block(x, 1)) || AES_k(Block(x, 2)) || ..."""
    bits = (n - 1).bit_length()
    ln = (bits + 7) // 8
    stream = b''
    counter = 1
    pos = 0
    while True:
        while len(stream) - pos < ln:
            stream += aes128_ecb(key, block(x, counter))
            counter += 1
        cand = bytearray(stream[pos:pos + ln])
        pos += ln
        cand[0] &= 0xff >> (ln * 8 - bits)
        v = int.from_bytes(cand, 'big')
        if v < n:
            return v


def write(name, spec, vectors, inputs, outputs, parameters=None, notes=()):
    vectorfile.write(OUT, name, spec, vectors, inputs, outputs, parameters, notes)


def main():
    # HKDF with labels (spec/core.md §5.1)
    hk = []
    for ikm, label, ctx, length in [
        (bytes(range(32)), 'gridveil-v1 core deterministic-random', b'', 16),
        (b'\x0b' * 22, 'gridveil-v1 cmt k_i1', b'group-7\x00\x00\x00\x01', 32),
        (b'', 'gridveil-v1 test empty-ikm', b'', 42),
        (bytes([0xa5]) * 64, 'gridveil-v1 test long-output', bytes(range(200)), 100),
    ]:
        hk.append({'ikm': ikm.hex(), 'label': label, 'context': ctx.hex(), 'length': length,
                   'okm': derive(ikm, label, ctx, length).hex()})
    write('hkdf.json', 'core.md §5.1', hk, ['ikm', 'label', 'context', 'length'], ['okm'],
          {'hash': 'SHA-256', 'salt': ''})

    # PRF onto Z_2^b and Z_N (spec/core.md §6)
    key = bytes.fromhex('000102030405060708090a0b0c0d0e0f')
    key2 = hashlib.sha256(b'gridveil prf vector key').digest()[:16]
    bits_v = []
    for k in (key, key2):
        for x in (0, 1, 95, 2**63 - 1, 2**64 - 1):
            for b in (1, 3, 16, 63, 64):
                bits_v.append({'key': k.hex(), 'x': str(x), 'bits': b,
                               'value': str(prf_bits(k, x, b))})
    write('prf-bits.json', 'core.md §6.1, §6.2', bits_v, ['key', 'x', 'bits'], ['value'],
          {'x': 'unsigned decimal in [0, 2^64), encoded BE64(x) (core.md §6.1)'})
    mod_v = []
    n2048 = int(hashlib.sha512(b'n').hexdigest() * 4, 16) | 1
    for k in (key, key2):
        for x in (0, 7, 2**40):
            for n in (2, 3, 10, 255, 257, 2**64 + 13, (1 << 127) - 1, n2048):
                mod_v.append({'key': k.hex(), 'x': str(x), 'n': str(n),
                              'value': str(prf_mod(k, x, n))})
    write('prf-mod.json', 'core.md §6.1, §6.3', mod_v, ['key', 'x', 'n'], ['value'],
          {'x': 'unsigned decimal in [0, 2^64), encoded BE64(x) (core.md §6.1)'})

    # Deterministic random source (spec/core.md §3.5) and derived draws (§3.2, §3.3)
    rnd = []
    for seed in (b'', bytes(8), struct.pack('>q', 42), b'gridveil'):
        k = derive(seed, 'gridveil-v1 core deterministic-random', b'', 16)
        ks = aes128_ctr(k, 64)
        # uniformLong(bound) by §3.3 over the same keystream
        bound = 1000
        b = (bound - 1).bit_length()
        p, out = 0, []
        while len(out) < 3:
            v = int.from_bytes(ks[p:p + 8], 'big') >> (64 - b)
            p += 8
            if v < bound:
                out.append(v)
        rnd.append({'seed': seed.hex(), 'keystream': ks.hex(),
                    'uniformLong1000': [str(v) for v in out]})
    write('deterministic-random.json', 'core.md §3.2, §3.3, §3.5', rnd, ['seed'],
          ['keystream', 'uniformLong1000'],
          {'keystreamOffset': 0, 'keystreamLength': 64, 'uniformLongBound': 1000,
           'uniformLongDraws': 3, 'uniformLongOffset': 0,
           'note': 'keystream and uniformLong1000 are two views of a fresh source of the seed, '
                   'each from byte 0 of its stream (core.md §3.5): uniformLong(1000) draws '
                   'nextLong() words from offset 0 (core.md §3.2, §3.3)'})

    # Frames (spec/encoding.md §2): opaque bodies under protocol CORE (0)
    def addr(kind, payload=b''):
        return bytes([kind]) + payload

    token = bytes(range(16))
    frames = []
    cases = [
        ('meter-to-supplier', addr(1, token), addr(5), 'g1', 0, 1, b''),
        ('identified-to-lc', addr(2, bytes([5]) + b'SM-01'), addr(3), 'north.7', 95, 2, b'\x01\x02\x03'),
        ('ttp-broadcast', addr(6), addr(7), 'A' * 64, 2**63 - 2, 255, bytes(300)),
        ('aggregator-to-supplier', addr(4), addr(5), 'x:y-z_0', 1, 0, b'\xff' * 7),
    ]
    for name, s, r, g, rnd_j, typ, body in cases:
        frame = bytes([1, 0, typ]) + s + r + bytes([len(g)]) + g.encode() + struct.pack('>Q', rnd_j) \
            + struct.pack('>I', len(body)) + body
        frames.append({'name': name, 'version': 1, 'protocol': 0, 'type': typ,
                       'sender': s.hex(), 'recipient': r.hex(), 'round': str(rnd_j), 'group': g,
                       'body': body.hex(), 'frame': frame.hex()})
    write('frames.json', 'encoding.md §2, §2.2, §2.3', frames,
          ['version', 'protocol', 'type', 'sender', 'recipient', 'group', 'round', 'body'],
          ['frame'], {'sender': 'the address encoding of encoding.md §2.3 (kind byte, payload)',
                      'protocol': 'protocol 0: opaque bodies (encoding.md §2.2)'}, ['name'])

    good = bytes.fromhex(frames[0]['frame'])
    mal = [
        ('empty', b'', 'CORE-E-04', 'version'),
        ('version-2', bytes([2]) + good[1:], 'CORE-E-01', 'version'),
        ('protocol-9', good[:1] + bytes([9]) + good[2:], 'CORE-E-02', 'protocol'),
        ('truncated-token', good[:10], 'CORE-E-04', 'sender'),
        ('address-kind-0', good[:3] + bytes([0]) + good[4:], 'CORE-E-07', 'sender'),
        ('address-kind-8', good[:3] + bytes([8]) + good[4:], 'CORE-E-07', 'sender'),
        ('trailing-byte', good + b'\x00', 'CORE-E-06', 'frame'),
        ('body-length-huge', good[:-4] + bytes([0x7f, 0xff, 0xff, 0xff]), 'CORE-E-05', 'body'),
        ('body-length-top-bit', good[:-4] + bytes([0x80, 0, 0, 0]), 'CORE-E-07', 'body'),
        ('body-length-past-end', good[:-4] + bytes([0, 0, 0, 9]), 'CORE-E-04', 'body'),
        ('group-empty', good[:3 + 17 + 1] + bytes([0]) + good[3 + 17 + 1 + 3:], 'CORE-E-07', 'group'),
        ('group-bad-char', good[:3 + 17 + 1 + 1] + b'#' + good[3 + 17 + 1 + 2:], 'CORE-E-07', 'group'),
        ('group-too-long', good[:3 + 17 + 1] + bytes([65]) + b'a' * 65 + good[3 + 17 + 1 + 3:], 'CORE-E-05', 'group'),
        ('round-max', good[:3 + 17 + 1 + 3] + b'\x7f' + b'\xff' * 7 + good[3 + 17 + 1 + 3 + 8:], 'CORE-E-07', 'round'),
        ('round-negative', good[:3 + 17 + 1 + 3] + b'\x80' + bytes(7) + good[3 + 17 + 1 + 3 + 8:], 'CORE-E-07', 'round'),
        ('meter-id-bad', bytes.fromhex(frames[1]['frame'])[:5] + b'S M01' + bytes.fromhex(frames[1]['frame'])[10:], 'CORE-E-07', 'sender'),
        ('frame-too-large', bytes([1, 0, 0]) + bytes(2**20 - 2), 'CORE-E-08', 'frame'),
    ]
    write('malformed.json', 'encoding.md §2, §5', [
        {'name': n, 'frame': f.hex() if len(f) < 4096 else None, 'zeroFrameLength': len(f) if len(f) >= 4096 else None,
         'check': c, 'field': fld} for n, f, c, fld in mal],
          ['frame', 'zeroFrameLength'], ['check', 'field'],
          {'receiver': 'a frame decoder for protocol 0 (encoding.md §2.2: opaque bodies, every type '
                       'but 0xEE assigned); no party state',
           'zeroFrameLength': 'where frame is null, the input is zeroFrameLength bytes, all zero '
                              'but the first, which is 01'}, ['name'])


if __name__ == '__main__':
    main()
