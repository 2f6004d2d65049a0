#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Copies a record's @param tags into the javadoc of its compact constructor.

javac 17's doclint asks for @param tags on a compact canonical constructor (later JDKs do not);
this keeps the two javadocs consistent. Usage: tools/compact-ctor-params.py FILE...
"""
import re
import sys

REC = re.compile(r'/\*\*((?:(?!\*/).)*?)\*/\s*(?:@\w+\s*)*(?:public\s+|static\s+|final\s+)*record\s+(\w+)(?:<[^>]*>)?\s*\(', re.S)

def params(doc):
    out = []
    for m in re.finditer(r'@param\s+(\S+)\s+((?:(?!\n\s*\*\s*@).)*)', doc, re.S):
        name = m.group(1)
        if name.startswith('<'):
            continue
        text = ' '.join(l.strip().lstrip('*').strip() for l in m.group(2).split('\n')).strip()
        out.append((name, text))
    return out

def fix(src):
    for m in REC.finditer(src):
        doc, name = m.group(1), m.group(2)
        ps = params(doc)
        ctor = re.compile(r'(/\*\*(?:(?!\*/).)*?)(\n(\s*)\*/)(\s*public\s+' + name + r'\s*\{)', re.S)
        cm = ctor.search(src, m.end())
        if not cm:
            continue
        body = cm.group(1)
        if '@param' in body:
            continue
        indent = cm.group(3)
        add = ''.join(f'\n{indent}* @param {p} {t}' for p, t in ps)
        # insert before @throws if present, else at end
        t = body.find(f'\n{indent}* @throws')
        if t >= 0:
            body = body[:t] + add + body[t:]
        else:
            body = body + add
        src = src[:cm.start()] + body + cm.group(2) + cm.group(4) + src[cm.end():]
        return fix(src)
    return src

for f in sys.argv[1:]:
    s = open(f).read()
    n = fix(s)
    if n != s:
        open(f, 'w').write(n)
