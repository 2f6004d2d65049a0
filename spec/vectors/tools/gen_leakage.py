#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates spec/vectors/leakage/*.json (spec/leakage.md §3.1, §4, §5) by running the two
leakage generators, so that CI's `for g in gen_*.py` loop regenerates and checks them too.
Run from the repository root: python3 spec/vectors/tools/gen_leakage.py
"""
import os
import runpy

HERE = os.path.dirname(os.path.abspath(__file__))
for script in ('leakage_special_functions.py', 'leakage_attacks_metrics.py'):
    runpy.run_path(os.path.join(HERE, script), run_name='__main__')
