#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/host/hex0_seeds_test.sh: kernel/chain/hex0.c against the real seeds.  Unpacks
# stage0-posix 1.9.1 from the sources cache and runs build/host/hex0_test on
# it, which compiles x86/hex0_x86.hex0 and x86/kaem-minimal.hex0 and compares
# them byte for byte with bootstrap-seeds' hex0-seed and kaem-optional-seed.
# Skips (77) when the archive is not in the cache.
set -u
SOURCES_DIR=${SOURCES_DIR:-$HOME/.cache/seedstrap/sources}
archive=$SOURCES_DIR/stage0-posix-1.9.1.tar.gz
test=${HEX0_TEST:-build/host/hex0_test}
if [ ! -f "$archive" ]; then
    echo "SKIP: stage0-posix sources not in cache; run: make sources MIRROR=..."
    exit 77
fi
[ -x "$test" ] || { echo "hex0_seeds_test: $test missing (make $test)"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hex0-seeds.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
tar -xzf "$archive" -C "$tmp" || { echo "hex0_seeds_test: cannot unpack $archive"; exit 1; }
"$test" "$tmp/stage0-posix-1.9.1"
