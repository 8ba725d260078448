#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/vga_status_test.sh: the run's status line at the bottom of the
# VGA screen (kernel/chain/status.c).  A three-step table whose middle step
# is Debian's busybox sleeping 6 s runs with console=both; QEMU's monitor
# saves the text screen (0xb8000) every half second.  During the sleep,
# which prints nothing, the bottom row must name the step and show its time
# growing, in the status colours; the text above must not run into it; and
# the serial transcript keeps its one progress line a step, no status line.
. tests/qemu/lib.sh
root=$WORK/root
busybox_root "$root"
mkdir -p "$root/stages/answers"
printf '%s\n' "run first: /bin/busybox true" "run nap: /bin/busybox sleep 6" "run last: /bin/busybox true" \
    > "$root/stages/steps"
# the twin's times: enough done after the first step (1 s) for an estimate
printf '%s\n' "first 1" "nap 6" "last 1" > "$root/stages/answers/times"
img=$(image "console=both")

# the monitor through two FIFOs (pipe:), the screen sampled into screen.N
mkfifo "$WORK/mon.in" "$WORK/mon.out"
(
    exec 3>"$WORK/mon.in"
    cat "$WORK/mon.out" > /dev/null &
    for n in $(seq 1 60); do
        sleep 0.5
        # (quoted: unquoted, the monitor would read "4000 /tmp..." as a division)
        echo "pmemsave 0xb8000 4000 \"$WORK/screen.$n\"" >&3 2>/dev/null || break
    done
) &
sampler=$!
TIMEOUT=120 volume_boot "$root" 64M -monitor pipe:"$WORK/mon"
kill $sampler 2>/dev/null
[ "$STATUS" = "$(exit_code_for 0)" ] || fail "QEMU exit status $STATUS: the run did not end well"
expect "^\[2/3\] run nap \([0-9]+\.[0-9]s\)"
grep -q ' | [0-9]*:[0-9][0-9]:[0-9][0-9] in' "$LOG" && fail "a status line reached the serial console"

# row ROW of a saved screen as text, and the attribute byte of its first cell
row_text() { od -An -v -tu1 -j $(($2 * 160)) -N 160 "$1" | awk '{ for (i = 1; i <= NF; i += 2) printf "%c", $i } END { print "" }'; }
row_attr() { od -An -v -tu1 -j $(($2 * 160 + 1)) -N 1 "$1" | tr -d ' '; }
seen=()
for n in $(seq 1 60); do
    f=$WORK/screen.$n
    [ -f "$f" ] || continue
    line=$(row_text "$f" 24)
    case $line in
    "[2/3] run nap "*)
        echo "${f##*/}: $line"
        [ "$(row_attr "$f" 24)" = 112 ] || fail "the status row is not black on grey (attribute $(row_attr "$f" 24))"
        last=$(for r in $(seq 0 23); do row_text "$f" "$r"; done | grep -v '^ *$' | tail -n 1)
        case $last in "[1/3] run first "*) ;; *) fail "the text's last line is not step 1's: $last" ;; esac
        seen+=("$(echo "$line" | awk '{ print $4 }')") ;;
    esac
done
[ ${#seen[@]} -ge 2 ] || fail "the status row showed step 2 in ${#seen[@]} of the screens saved during it"
distinct=$(printf '%s\n' "${seen[@]}" | sort -u | wc -l)
[ "$distinct" -ge 2 ] || fail "the step's time on the status row never changed: ${seen[*]}"
echo "the status row showed the sleeping step in ${#seen[@]} screens, with $distinct different times: ${seen[*]}"
echo PASS
