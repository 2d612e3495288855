#!/usr/bin/env python3
"""Writes the export table of tests/stress/hostile.c: every export of the
spec with one letter per parameter, from include/clusapi.h's prototypes, so
the hostile caller knows a handle from a buffer from a size.
  h handle   s input string   b output buffer or pointer   z size or count
  c control code   d any other value"""
import re, sys

spec, header, resapi = sys.argv[1:4]
protos = {}
for path in (header, resapi):
    text = re.sub(r'/\*.*?\*/', ' ', open(path).read(), flags=re.S)
    for m in re.finditer(r'WINAPI\s+(\w+)\s*\(([^;]*?)\)\s*;', text, re.S):
        protos.setdefault(m.group(1), [p.strip() for p in m.group(2).split(',')])

def kind(param):
    if param in ('void', 'VOID', ''):
        return None
    words = param.replace('*', ' * ').replace('[', ' [ ').split()
    ptr = '*' in words or '[' in words
    t, name = words[0], words[-1].lower() if not words[-1] in ('*', ']') else ''
    if t in ('CONST', 'const'):
        t = words[1]
    if not ptr and t.startswith('H') and t != 'HRESULT':
        return 'h'
    if t in ('LPCWSTR', 'PCWSTR', 'LPCSTR'):
        return 's'
    if ptr or t.startswith('LP') or t.startswith('P'):
        return 'b'
    if 'controlcode' in name:
        return 'c'
    if name.startswith(('cb', 'cch', 'n')) or 'size' in name or 'count' in name:
        return 'z'
    return 'd'

out = []
for line in open(spec):
    m = re.match(r'@\s+stdcall\s+(\w+)\((.*)\)', line)
    if not m:
        continue
    name, n = m.group(1), len(m.group(2).split())
    params = [k for k in (kind(p) for p in protos.get(name, [])) if k]
    if len(params) != n:
        params = ['d'] * n   # no prototype: values only, never dereferenced by us
    out.append('X(%s, "%s")' % (name, ''.join(params)))
print('\n'.join(out))
