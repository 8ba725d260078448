#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/report_test.sh: tools/report (make report) on two short runs of
# the real step table under our kernel, each page read by Chromium as a
# person's browser reads it (the DOM after the page's script ran):
#   stopped  stage 0 and stage 1's first step (stop-after=stage1-seed-kaem),
#            seconds under TCG: a bar for each done step of the journal,
#            step 5's log and system calls in its row, and a link to a step
#            (#s-002) opens its log;
#   failed   the same tree with a line naming a program that does not exist
#            added to stage1-seed-kaem's kaem script, so step 5 fails: a bar
#            for each of the 4 done steps, step 5 named at the top with its
#            last log lines, and the log's "<missing>" shown as text.
# Built from stage0-posix's sources alone, without the checkpoint cache.
# The pages and a screenshot of each (1200x800) stay in
# $TEST_LOG_DIR/report (build/test-logs/report) for people to look at.
. tests/qemu/lib.sh
SOURCES_DIR=${SOURCES_DIR:-$HOME/.cache/seedstrap/sources}
MEM=1024
PATH=$PATH:/sbin:/usr/sbin
OUT=${TEST_LOG_DIR:-$B/test-logs}/report
STEP5=stage1-seed-kaem
[ -f "$SOURCES_DIR/stage0-posix-1.9.1.tar.gz" ] ||
    skip "stage0-posix-1.9.1 is not in $SOURCES_DIR: run make sources MIRROR=DIR (docs/sources.md: the three ways to provide the sources)"
command -v debugfs >/dev/null || skip "needs e2fsprogs: sudo apt-get install e2fsprogs"
command -v chromium >/dev/null || skip "needs Chromium to read the report: sudo apt-get install chromium (or make need-test)"
mkdir -p "$OUT" "$WORK/sources"
rm -f "$OUT"/*

# the tree with stage0-posix alone: tools/stage-root warns of each other
# archive, which these steps do not need
ln -s "$(realpath "$SOURCES_DIR/stage0-posix-1.9.1.tar.gz")" "$WORK/sources/"
SOURCES_DIR=$WORK/sources tools/stage-root "$WORK/root" 2>"$WORK/stage-root.err" ||
    { cat "$WORK/stage-root.err"; fail "tools/stage-root"; }

# run NAME: boots the table in $WORK/root to step 5, then NAME.html of the
# volume; its journal in $WORK/NAME.journal, its DOM in $WORK/NAME.dom
run() {
    img=$(image "console=serial stop-after=$STEP5")
    tools/mkimage -d "$WORK/root" -o "$WORK/$1.img" -s 256M -i "$img" -m "$B/tools/mkinit" >/dev/null ||
        fail "tools/mkimage"
    boot "$(sh tests/qemu/accel.sh)" "$img" $IDE_ARGS -drive file="$WORK/$1.img",format=raw,if=none,id=ext \
        -device ide-hd,drive=ext,bus=ide.0,unit=1
    debugfs -R "cat /log/journal" "$WORK/$1.img?offset=1048576" > "$WORK/$1.journal" 2>/dev/null
    tools/report "$WORK/$1.img" "$OUT/$1.html" || fail "tools/report on the $1 run"
    browse "$1" "" > "$WORK/$1.dom"
    grep -q '</html>' "$WORK/$1.dom" || fail "Chromium gave no DOM of $1.html"
    browse "$1" "" --screenshot="$OUT/$1.png" --window-size=1200,800 >/dev/null
    [ -s "$OUT/$1.png" ] || fail "Chromium made no screenshot of $1.html"
}

# browse NAME FRAGMENT ARGS: Chromium on NAME.html (ARGS: --dump-dom by default)
browse() {
    local page="file://$(realpath "$OUT/$1.html")$2"
    shift 2
    timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$WORK/chromium" \
        "${@:---dump-dom}" "$page" 2>>"$WORK/chromium.err" || { cat "$WORK/chromium.err"; fail "chromium"; }
}

# check NAME DONE: one bar for each of the DONE steps the journal records
check_bars() {
    local done bars
    done=$(grep -c '^done ' "$WORK/$1.journal")
    bars=$(grep -o 'class="bar"' "$WORK/$1.dom" | wc -l)
    echo "$1: the journal records $done steps done; the page has $bars bars"
    [ "$done" = "$2" ] || fail "$1: the journal records $done steps done, expected $2"
    [ "$bars" = "$done" ] || fail "$1: $bars bars for $done done steps"
}

# the serialized DOM of step NNN's row and log
step_dom() {
    sed -n "/<details[^>]*id=\"s-$2\"/,/<\/details>/p" "$WORK/$1.dom"
}

# ---- stopped: steps 1 to 5 done ------------------------------------------------
run stopped
[ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS: a step failed"
expect "^runner: stopping after $STEP5, as the command line asks$"
check_bars stopped 5
grep -q "<h1>seedstrap run: stopped after step 005 $STEP5</h1>" "$WORK/stopped.dom" || fail "stopped: no such heading"
grep -q 'id="failure"' "$WORK/stopped.dom" && fail "stopped: the page reports a failure"
step_dom stopped 005 > "$WORK/s5"
grep -qF ' +&gt; ./x86/artifact/hex0 ./x86/kaem-minimal.hex0 ./x86/artifact/kaem-0' "$WORK/s5" ||
    fail "stopped: step 5's log is not in its row"
# kaem and hex0 read their input a byte a call
grep -Eq '<span>read [0-9,]+ ' "$WORK/s5" || fail "stopped: read is not step 5's most made system call"
echo "stopped: step 5's row: $(grep -o '<span>read [^<]*</span>' "$WORK/s5")"
browse stopped "#s-002" > "$WORK/hash.dom"
grep -Eq '<details [^>]*id="s-002" open' "$WORK/hash.dom" || fail "stopped: #s-002 does not open step 2's log"

# ---- failed: step 5 fails --------------------------------------------------------
echo './x86/artifact/<missing>' >> "$WORK/root/x86/mescc-tools-seed-kaem.kaem"
run failed
[ "$STATUS" = "$(exit_code_for 1)" ] || fail "QEMU exit status $STATUS, expected $(exit_code_for 1) (a step failed)"
expect "^runner: step 5 \($STEP5, stages/steps line [0-9]+\) failed"
grep -q "^failed 005 $STEP5 " "$WORK/failed.journal" || fail "failed: the journal does not record step 5's failure"
check_bars failed 4
sed -n '/<section id="failure">/,/<\/section>/p' "$WORK/failed.dom" > "$WORK/top"
grep -q "<h2>Step 005 $STEP5 failed</h2>" "$WORK/top" || fail "failed: step 5 is not named at the top"
grep -q 'ABORTING HARD' "$WORK/top" || fail "failed: the top lacks the last lines of step 5's log"
[ "$(grep -n 'id="failure"' "$WORK/failed.dom" | cut -d: -f1)" -lt "$(grep -n 'id="s-001"' "$WORK/failed.dom" | cut -d: -f1)" ] ||
    fail "failed: the failure is not above the timeline"
grep -qF './x86/artifact/&lt;missing&gt;' "$WORK/top" || fail "failed: the log's <missing> is not shown as text"
grep -q '<missing>' "$WORK/failed.dom" && fail "failed: the log's <missing> became an element"
grep -Eq "<details [^>]*id=\"s-005\" open" "$WORK/failed.dom" || fail "failed: step 5's log is not open"
echo "failed: at the top: $(grep -o '<h2>[^<]*</h2>' "$WORK/top")"

echo "pages and screenshots: $OUT/stopped.html $OUT/failed.html $OUT/stopped.png $OUT/failed.png"
echo "PASS"
