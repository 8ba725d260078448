#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/build/help_test.sh: every target the Makefile declares (.PHONY) is in
# the README's table of make targets, so `make help`, which prints that
# table, lists it: as `make TARGET`, or as an alias `(or TARGET)`.
set -u
help=$(make -s --no-print-directory help) || { echo "FAIL: make help"; exit 1; }
echo "$help"
targets=$(sed -n 's/^\.PHONY: *//p' Makefile)
[ -n "$targets" ] || { echo "FAIL: no .PHONY line in the Makefile"; exit 1; }
missing=0
for t in $targets; do
    pattern="^  make $t( |\$)|\(or $t\)"
    [ "$t" = all ] && pattern="^  make  "           # plain `make`
    echo "$help" | grep -Eq "$pattern" || { echo "missing from make help: $t"; missing=1; }
done
[ $missing = 0 ] || { echo "FAIL: targets missing from README.md's table of make targets"; exit 1; }
echo "PASS: $(echo $targets | wc -w) targets, each in make help"
