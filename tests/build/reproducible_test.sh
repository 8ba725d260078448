#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/build/reproducible_test.sh: two clean builds, in two different
# directories, give a byte-identical init.img.
set -u
work=$(mktemp -d "${TMPDIR:-/tmp}/seedstrap-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT
for n in 1 2; do
    make -s B="$work/b$n" "$work/b$n/init.img" >"$work/make$n.log" 2>&1 ||
        { cat "$work/make$n.log"; echo "FAIL: build $n"; exit 1; }
done
a=$(sha256sum < "$work/b1/init.img") b=$(sha256sum < "$work/b2/init.img")
echo "build 1: $a"
echo "build 2: $b"
[ "$a" = "$b" ] || { cmp -l "$work/b1/init.img" "$work/b2/init.img" | head; echo "FAIL: the images differ"; exit 1; }
echo "PASS"
