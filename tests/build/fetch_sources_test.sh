#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/build/fetch_sources_test.sh: `make sources` (tools/fetch-sources)
# given a source with one byte changed.  A small package's archive is locked
# by its tree hash and archive sha256; then:
#   A  the mirror holds the archive with one byte of a file flipped: refused,
#      naming the file, the expected and the actual tree hash; nothing enters
#      the cache; the run fails and says which source is missing;
#   B  the good archive in the mirror: placed in the cache, verified;
#   C  one byte of the cached copy flipped later (a bad disk, a hand edit):
#      the next run finds it, refuses it, and takes the mirror's good copy.
set -u
B=${B:-build}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/seedstrap-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
[ -x "$B/tools/treehash" ] || fail "$B/tools/treehash is missing (make all)"

mkdir -p "$WORK/pkg-1.0/src" "$WORK/mirror" "$WORK/bad" "$WORK/cache"
printf 'int main(void) { return 0; }\n' > "$WORK/pkg-1.0/src/main.c"
printf 'all:\n\tcc -o main src/main.c\n' > "$WORK/pkg-1.0/Makefile"
tar -C "$WORK" --sort=name --owner=0 --group=0 --mtime=@0 -czf "$WORK/mirror/pkg-1.0.tar.gz" pkg-1.0
tree=$("$B/tools/treehash" "$WORK/pkg-1.0") || fail "treehash"
asha=$(sha256sum < "$WORK/mirror/pkg-1.0.tar.gz" | cut -c1-64)
echo "pkg-1.0 pkg-1.0.tar.gz $tree $asha https://example.invalid/pkg-1.0.tar.gz" > "$WORK/lock"

# the same tree with one byte of main.c flipped ("int" -> "Int")
cp -r "$WORK/pkg-1.0" "$WORK/bad/"
printf 'I' | dd of="$WORK/bad/pkg-1.0/src/main.c" bs=1 seek=0 conv=notrunc status=none
badtree=$("$B/tools/treehash" "$WORK/bad/pkg-1.0")
tar -C "$WORK/bad" --sort=name --owner=0 --group=0 --mtime=@0 -czf "$WORK/bad/pkg-1.0.tar.gz" pkg-1.0

fetch() { SOURCES_DIR=$WORK/cache MIRROR=$1 TREEHASH=$B/tools/treehash tools/fetch-sources "$WORK/lock" > "$WORK/out" 2>&1; }

echo "==== A: the mirror's copy has one byte flipped"
fetch "$WORK/bad" && { cat "$WORK/out"; fail "A: a changed archive was accepted"; }
cat "$WORK/out"
grep -qF "refused pkg-1.0.tar.gz from $WORK/bad: tree sha256 expected $tree, actual $badtree" "$WORK/out" ||
    fail "A: no refusal naming the file and both hashes"
grep -q "1 source(s) missing or refused: pkg-1.0" "$WORK/out" || fail "A: the summary does not name the source"
[ -e "$WORK/cache/pkg-1.0.tar.gz" ] && fail "A: the refused archive entered the cache"

echo "==== B: the good copy"
fetch "$WORK/mirror" || { cat "$WORK/out"; fail "B: the good archive was refused"; }
grep -q "pkg-1.0: ok (from $WORK/mirror)" "$WORK/out" || { cat "$WORK/out"; fail "B: not placed from the mirror"; }
cmp -s "$WORK/cache/pkg-1.0.tar.gz" "$WORK/mirror/pkg-1.0.tar.gz" || fail "B: the cached copy differs"

echo "==== C: the cached copy changes later"
cp "$WORK/bad/pkg-1.0.tar.gz" "$WORK/cache/pkg-1.0.tar.gz"
fetch "$WORK/mirror" || { cat "$WORK/out"; fail "C: the run failed with a good mirror"; }
cat "$WORK/out"
grep -qF "refused pkg-1.0.tar.gz from $WORK/cache: tree sha256 expected $tree, actual $badtree" "$WORK/out" ||
    fail "C: the changed cached copy was not refused by name and hashes"
grep -q "pkg-1.0: ok (from $WORK/mirror)" "$WORK/out" || fail "C: the good copy did not replace it"
cmp -s "$WORK/cache/pkg-1.0.tar.gz" "$WORK/mirror/pkg-1.0.tar.gz" || fail "C: the cache still holds the changed copy"
echo PASS
