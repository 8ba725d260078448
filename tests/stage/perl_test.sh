#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/stage/perl_test.sh: `make test-perl`.  perl 5.6.2's own test suite
# in its build tree, run as its Makefile.SH's test-notty target runs it
# (the chain builds perl by a Makefile of its own, without that target):
# t/TEST runs each of its test scripts with the perl just built (t/perl,
# a link to ../perl; PERL_SKIP_TTY_TEST=1), under our kernel and in the native
# twin, from the same tree: the twin's just after step perl-5.6.2
# (tools/checkpoint), the build tree still in /build.  The suite runs as
# one more `run` step in place of the table's next, so both runners run it
# as they run the chain, each writing its step log.
# Prints both tallies and every script whose answer differs; fails if a
# script passes in the twin and not under our kernel, or if either run did
# not reach the suite's summary.
. tests/qemu/lib.sh
TIMEOUT=${STAGE_TIMEOUT:-7200}
MEM=${MEM:-2048}
PATH=$PATH:/sbin:/usr/sbin
need_twin

ck=$(B=$B tools/checkpoint before uninstall-perls) || fail "tools/checkpoint could not make the tree after perl-5.6.2"
echo "the tree after perl-5.6.2, from the native twin ($mode): $ck"

# the table up to perl-5.6.2, then the suite as a step
n=$(awk '!/^[ \t]*(#|$)/ { n++ } /^build[ \t]+perl-5\.6\.2$/ { print n; exit }' stages/steps)
[ -n "$n" ] || fail "no step perl-5.6.2 in stages/steps"
log=$(printf '%03d' $((n + 1)))-perl-make-test.log
root_for() {
    cp -a "$ck/root" "$1"
    rm -rf "$1/stages" && cp -r stages "$1/stages"
    awk -v n="$n" '!/^[ \t]*(#|$)/ && ++k > n { exit } { print }' stages/steps > "$1/stages/steps"
    echo "run     perl-make-test: /usr/bin/bash /stages/perl-make-test.sh" >> "$1/stages/steps"
    # the suite's failures are its answers here, not the step's
    printf '%s\n' '. /etc/profile' 'cd /build/perl-5.6.2/perl-5.6.2/t' 'rm -f perl' 'ln -s ../perl perl' \
        'PERL_SKIP_TTY_TEST=1 ./perl TEST' 'exit 0' > "$1/stages/perl-make-test.sh"
}

# the twin
root_for "$WORK/twin"
t0=$SECONDS
"$B/tools/run-native" -s perl-make-test "$WORK/twin" > "$WORK/twin.out" 2>&1 ||
    { cat "$WORK/twin.out"; fail "the twin did not run the suite"; }
twin_secs=$((SECONDS - t0))
cp "$WORK/twin/log/$log" "$WORK/twin.log"
rm -rf "$WORK/twin"

# our kernel
root_for "$WORK/root"
img=$(image "console=serial stop-after=perl-make-test")
EXT=$WORK/external.img
tools/mkimage -d "$WORK/root" -o "$EXT" -s 4G -i "$img" -m "$B/tools/mkinit" >/dev/null || fail "tools/mkimage"
rm -rf "$WORK/root"
t0=$SECONDS
boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS \
    -drive file=$EXT,format=raw,if=none,id=ext -device ide-hd,drive=ext,bus=ide.0,unit=1 > /dev/null
ours_secs=$((SECONDS - t0))
[ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS: the suite's step failed"
off="$EXT?offset=1048576"
volume_clean "$off" "e2fsck -fn found errors"
debugfs -R "dump /log/$log $WORK/ours.log" "$off" 2>/dev/null
[ -s "$WORK/ours.log" ] || fail "no /log/$log on the volume"

# t/TEST's lines: "t/op/pack.........ok", "ext/Safe/t/safe1.....ok",
# "...FAILED at test 3", "...skipping test on this platform"; a script's
# own stderr may come between the dots and the answer, which then starts
# a later line
results() {
    tr -d '\r' < "$1" | awk '
        /^[A-Za-z][^ ]*[^ .]\.\.\./ { name = $0; sub(/\.\.\..*/, "", name); rest = $0; sub(/^[^ ]*\.\.\.+/, "", rest) }
        { line = name != "" && rest == "" ? $0 : rest; rest = "" }
        name != "" && match(line, /^(ok|FAILED|skipping)/) { print name, substr(line, 1, RLENGTH); name = "" }' | sort
}
for who in twin ours; do
    results "$WORK/$who.log" > "$WORK/$who.res"
    summary=$(grep -E '^(All tests successful|Failed [0-9]+ test script)' "$WORK/$who.log" | tail -n 1)
    [ -n "$summary" ] || { tail -n 30 "$WORK/$who.log"; fail "the suite did not finish in the $who run"; }
    printf '%-4s (%5s s): %s; %d scripts say ok, %d FAILED, %d skipping\n' "$who" "$(eval echo \$${who}_secs)" \
        "$summary" "$(grep -c ' ok$' "$WORK/$who.res")" "$(grep -c ' FAILED$' "$WORK/$who.res")" \
        "$(grep -c ' skipping$' "$WORK/$who.res")"
done
echo "scripts whose answer differs (name, twin, ours):"
join -a1 -a2 -e - -o 0,1.2,2.2 "$WORK/twin.res" "$WORK/ours.res" | awk '$2 != $3 { print "  " $0 }'
worse=$(join -a2 -e - -o 0,1.2,2.2 "$WORK/twin.res" "$WORK/ours.res" | awk '$3 == "FAILED" && $2 != "FAILED" { print $1 }')
[ -z "$worse" ] || fail "FAILED under our kernel, not in the twin: $(echo $worse)"
echo PASS
