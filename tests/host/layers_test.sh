#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/host/layers_test.sh: the kernel's includes point down.  Every
# `#include "..."` under kernel/ must name a header beside the includer, a
# generated one, or one in a folder kernel/layers lets the includer's
# folder reach; every folder under kernel/ must be in that table.  A
# violation is named with its file, line and include.  First the checker is
# shown to fail: on a copy of kernel/ with a bad include put into
# arch/console.c, it must name that line.  It then prints the include
# cycles left between files inside one folder (allowed, and listed so that
# they stay seen).
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check KERNEL_DIR: prints one line per violation, exits 1 when there is one
check() {
    (cd "$1" && find . -name '*.[ch]' -o -name '*.def' | sort | sed 's,^\./,,' |
        while read -r f; do
            grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
                sed "s,^\([0-9]*\):.*\"\(.*\)\".*,$f \1 \2,"
        done) > "$tmp/includes"
    (cd "$1" && find . -mindepth 1 -type d | sed 's,^\./,,' | sort) > "$tmp/folders"
    awk -v table="$1/layers" -v kdir="$1" '
        BEGIN {
            while ((getline line < table) > 0) {
                if (line ~ /^[ \t]*(#|$)/) continue
                n = split(line, w, /[ \t]+/)
                if (w[1] == "generated") { for (i = 2; i <= n; i++) gen[w[i]] = 1; continue }
                layer[w[1]] = 1
                for (i = 2; i <= n; i++) may[w[1], w[i]] = 1
            }
        }
        FILENAME ~ /folders$/ { if (!($1 in layer)) { print "kernel/" $1 ": a folder kernel/layers does not place"; bad = 1 } next }
        {
            file = $1; line = $2; inc = $3
            dir = file ~ /\// ? file : "."; sub(/\/[^\/]*$/, "", dir)
            where = "kernel/" file ":" line ": #include \"" inc "\""
            if (inc ~ /\.\./) { print where ": a path with .."; bad = 1; next }
            if (inc !~ /\//) {
                path = (dir == "." ? "" : dir "/") inc
                if (!(inc in gen) && system("test -f \"" kdir "/" path "\"") != 0) {
                    print where ": not beside it (another folder must be named)"; bad = 1
                }
                next
            }
            to = inc; sub(/\/.*/, "", to)
            if (!(to in layer)) { print where ": " to "/ is not a layer"; bad = 1 }
            else if (to == dir) { print where ": its own folder, to be named without it"; bad = 1 }
            else if (!((dir, to) in may)) { print where ": layer " dir " may not include " to "/"; bad = 1 }
            else if (system("test -f \"" kdir "/" inc "\"") != 0) { print where ": no such header"; bad = 1 }
        }
        END { exit bad }' "$tmp/folders" "$tmp/includes"
}

# the checker can fail: a copy with an upward include
cp -r kernel "$tmp/bad"
sed -i '0,/#include "/s//#include "sys\/syscall.h"\n&/' "$tmp/bad/arch/console.c"
if out=$(check "$tmp/bad"); then
    echo "FAIL: an include of sys/syscall.h in arch/console.c was not found"; exit 1
fi
case $out in
*'kernel/arch/console.c:'*'"sys/syscall.h": layer arch may not include sys/'*) ;;
*) echo "FAIL: the bad include was not named: $out"; exit 1 ;;
esac

if ! out=$(check kernel); then
    echo "$out"
    echo "FAIL: includes that break kernel/layers"; exit 1
fi

# Include cycles between the files of one folder, as groups of modules
# that reach each other: a module is x.c with x.h (and x_int.h, the
# internal header several x_*.c share).
awk '{ dir = $1 ~ /\// ? $1 : "."; sub(/\/[^\/]*$/, "", dir)
       from = $1; sub(/\.[a-z]*$/, "", from); sub(/_int$/, "", from)
       if ($3 ~ /\// || $3 ~ /\.def$/) next
       to = (dir == "." ? "" : dir "/") $3; sub(/\.[a-z]*$/, "", to); sub(/_int$/, "", to)
       if (from != to) print from, to }' "$tmp/includes" | sort -u > "$tmp/edges"
# the pairs (a, b) with a path from a to b, by joining until nothing is new
cp "$tmp/edges" "$tmp/reach"
while :; do
    join -1 2 -2 1 -o 1.1,2.2 <(sort -k2,2 "$tmp/reach") <(sort -k1,1 "$tmp/edges") |
        cat - "$tmp/reach" | sort -u > "$tmp/reach.new"
    cmp -s "$tmp/reach" "$tmp/reach.new" && break
    mv "$tmp/reach.new" "$tmp/reach"
done
cycles=$(awk '{ r[$1, $2] = 1; n[$1] = 1 }
    END { for (a in n) { g = a; for (b in n) if (b != a && r[a, b] && r[b, a]) g = g " " b; if (g != a) print g } }' "$tmp/reach" |
    while read -r line; do echo "  $(echo "$line" | tr ' ' '\n' | sort | tr '\n' ' ')"; done | sort -u)
echo "include cycles inside a folder:"
echo "${cycles:-  none}"
echo "PASS: $(wc -l < "$tmp/includes") includes under kernel/ follow kernel/layers"
