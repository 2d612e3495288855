#!/usr/bin/env python3
"""Writes the export table of tests/stress/hostile.c: every export of the
spec with one letter per parameter, from include/clusapi.h's prototypes, so
the hostile caller knows a handle from a buffer from a size.
  h handle (C cluster, G group, R resource, N node, K key, E/F/H/M cluster,
  group, resource, node enumeration)   s input string   b output buffer or pointer   z size or count
  c control code   d any other value
and one letter for what it returns:
  e an error code   h a handle (NULL: last error)   b a BOOL (FALSE: last error)
  s a state (-1: last error)   v anything else (a count, a pointer)"""
import re, sys

spec, header, resapi = sys.argv[1:4]
protos = {}
rets = {}
for path in (header, resapi):
    text = re.sub(r'/\*.*?\*/', ' ', open(path).read(), flags=re.S)
    for m in re.finditer(r'(\w+)\s+WINAPI\s+(\w+)\s*\(([^;]*?)\)\s*;', text, re.S):
        protos.setdefault(m.group(2), [p.strip() for p in m.group(3).split(',')])
        rets.setdefault(m.group(2), m.group(1))

def returns(name):
    t = rets.get(name, '')
    if t in ('DWORD', 'LONG'):
        return 'v' if 'GetEnumCount' in name else 'e'
    if t == 'BOOL':
        return 'b'
    if t.endswith('_STATE'):
        return 's'
    if t.startswith('H'):
        return 'h'
    return 'v'

def kind(param):
    if param in ('void', 'VOID', ''):
        return None
    words = param.replace('*', ' * ').replace('[', ' [ ').split()
    ptr = '*' in words or '[' in words
    t, name = words[0], words[-1].lower() if not words[-1] in ('*', ']') else ''
    if t in ('CONST', 'const'):
        t = words[1]
    if not ptr and t.startswith('H') and t != 'HRESULT':
        return {'HCLUSTER': 'C', 'HGROUP': 'G', 'HRESOURCE': 'R', 'HNODE': 'N', 'HKEY': 'K',
                'HCLUSENUM': 'E', 'HGROUPENUM': 'F', 'HRESENUM': 'H', 'HNODEENUM': 'M'}.get(t, 'h')
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
    out.append('X(%s, "%s", \'%s\')' % (name, ''.join(params), returns(name)))
print('\n'.join(out))
