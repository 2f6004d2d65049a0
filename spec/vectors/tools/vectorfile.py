# SPDX-License-Identifier: Apache-2.0
"""Writes one vector file in the format of spec/README.md §4, with its declaration.

Every file declares `parameters` (inputs shared by all its vectors, {} if none), `inputs`,
`outputs` and `notes` (the fields a vector may carry; a trailing '?' marks a field that only some
vectors carry). A file with negative vectors (an output `check` or `outcome`) names the receiver
state they are judged in (`receiver`, a parameter or an input). This module checks the
declaration before writing; SpecVectorSchemaTest (protocol-testkit) checks it again in the build.
"""
import json
import os


def _names(decl):
    return {d.rstrip('?') for d in decl}


def check(name, parameters, inputs, outputs, notes, vectors):
    declared = _names(inputs) | _names(outputs) | _names(notes)
    assert len(declared) == len(inputs) + len(outputs) + len(notes), name + ': a field declared twice'
    required = {d for d in list(inputs) + list(outputs) + list(notes) if not d.endswith('?')}
    assert vectors, name + ': no vectors'
    for i, v in enumerate(vectors):
        extra = set(v) - declared
        missing = required - set(v)
        assert not extra, '%s #%d: undeclared fields %s' % (name, i, sorted(extra))
        assert not missing, '%s #%d: missing fields %s' % (name, i, sorted(missing))
    if _names(outputs) & {'check', 'outcome'}:
        assert 'receiver' in parameters or 'receiver' in _names(inputs), \
            name + ': negative vectors without a receiver state'


def write(directory, name, spec, vectors, inputs, outputs, parameters=None, notes=(), indent=2):
    parameters = {} if parameters is None else parameters
    check(name, parameters, list(inputs), list(outputs), list(notes), vectors)
    os.makedirs(directory, exist_ok=True)
    doc = {'spec': spec, 'version': 1, 'parameters': parameters, 'inputs': list(inputs),
           'outputs': list(outputs), 'notes': list(notes), 'vectors': vectors}
    with open(os.path.join(directory, name), 'w') as f:
        json.dump(doc, f, indent=indent)
        f.write('\n')
