#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/host/options_test.sh: the kernel's command-line options are listed
# alike in three places: what the kernel reads (every cmdline_get,
# cmdline_get_or and cmdline_has under kernel/), the options seedstrap.cfg
# may set (kernel/fs/settings.c's table `known`, which refuses any other),
# and README.md's command-line table.  An option added to the kernel and
# not to the table would make every seedstrap.cfg that sets it refused.
# First the check is shown to fail, on a table with one option left out.
set -u
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

read_by_kernel() {
    grep -rho 'cmdline_\(get\|get_or\|has\)("[a-z0-9-]*"' kernel | sed 's/.*("//; s/"$//' | sort -u
}
# the strings between the braces after `known[] =` in settings.c ($1)
in_table() {
    awk '/known\[\] = \{/ { on = 1; next } on && /\};/ { exit } on' "$1" | grep -o '"[^"]*"' | tr -d '"' | sort -u
}
# the options named in the first column of README.md's "## Kernel command
# line" table (`console=serial\|vga\|both`, `selftest`, `memmap`, `disktest[=MiB]`)
in_readme() {
    awk '/^## Kernel command line/ { on = 1; next } on && /^## / { exit } on && /^\| `/' README.md |
        sed 's/^| //; s/ | .*//' | grep -o '`[^`]*`' | tr -d '`' | sed 's/[=[].*//' | sort -u
}

check() {
    read_by_kernel > "$tmp/kernel"
    in_table "$1" > "$tmp/table"
    in_readme > "$tmp/readme"
    ok=0
    diff "$tmp/kernel" "$tmp/table" > "$tmp/d1" || { echo "kernel reads vs settings.c's table:"; cat "$tmp/d1"; ok=1; }
    diff "$tmp/kernel" "$tmp/readme" > "$tmp/d2" || { echo "kernel reads vs README.md's table:"; cat "$tmp/d2"; ok=1; }
    return $ok
}

sed '/known\[\] = {/,/};/ s/"memmap", //' kernel/fs/settings.c > "$tmp/settings.c"
check "$tmp/settings.c" > "$tmp/out" && { echo "FAIL: the check passes a table without memmap"; exit 1; }
grep -q '^> memmap\|^< memmap' "$tmp/out" || { cat "$tmp/out"; echo "FAIL: the check did not name memmap"; exit 1; }

check kernel/fs/settings.c || { echo "FAIL: the lists differ (above)"; exit 1; }
echo "$(wc -l < "$tmp/kernel") options, alike in the kernel, settings.c and README.md: $(tr '\n' ' ' < "$tmp/kernel")"
echo "PASS"
