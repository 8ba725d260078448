#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/host/answers_test.sh: the recorded answers (stages/answers) as data,
# without running anything: every hex0, run and build step up to the end of
# stage 2 (tcc-check) has its answers file; each line is a record
# tools/treehash -v prints (or "removed - - PATH"), sorted by path, with no
# path twice; and every sha256 live-bootstrap recorded
# (stages/answers/live-bootstrap) equals the one our answers give the file
# after that step (the last step up to it that wrote the file), except
# where its checksums file notes "# differs /PATH SHA256: why", where the
# two must differ.  The range tests compare the volume with these files.
set -u
cd "$(dirname "$0")/../.."
fails=0
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
awk '!/^[ \t]*(#|$)/ { n++; sub(":", "", $2); print n, $1, $2 }' stages/steps > "${TMPDIR:-/tmp}/steps.$$"
steps=${TMPDIR:-/tmp}/steps.$$
trap 'rm -f "$steps"' EXIT
last=$(wc -l < "$steps")

checked=0
while read -r i kind name; do
    [ "$i" -le "$last" ] || break
    case $kind in hex0|run|build) ;; *) continue ;; esac
    f=stages/answers/$name.answers
    [ -f "$f" ] || { bad "step $name has no $f (make answers)"; continue; }
    problems=$(awk 'function sha(w) { return length(w) == 64 && w ~ /^[0-9a-f]+$/ }
        /^#/ { next }
        { p = $0; sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", p) }
        !(($1 == "f" && ($2 == "755" || $2 == "644") && sha($3)) || ($1 == "l" && $2 == "777" && sha($3)) ||
          ($1 ~ /^[cbp]$/ && $2 ~ /^[0-7][0-7][0-7][0-7]?$/ && $3 ~ /^[0-9]+:[0-9]+$/) ||
          ($1 == "removed" && $2 == "-" && $3 == "-")) { print FILENAME ":" FNR ": not a record: " $0 }
        p in seen { print FILENAME ":" FNR ": " p " twice" }
        { seen[p] = 1 }' "$f")
    [ -z "$problems" ] || bad "$problems"
    grep -v '^#' "$f" | cut -d' ' -f4- > "$f.paths.$$"
    LC_ALL=C sort -c "$f.paths.$$" 2>/dev/null || bad "$f is not sorted by path"
    rm -f "$f.paths.$$"
    checked=$((checked + 1))
done < "$steps"
echo "$checked answers files well formed"

# the sha256 our answers give PATH after step I: the last step up to I that wrote it
ours_after() {
    awk -v i="$1" '$1 <= i && ($2 == "hex0" || $2 == "run" || $2 == "build") { print $3 }' "$steps" |
        while read -r n; do
            awk -v p="$2" '!/^#/ { q = $0; sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", q); if (q == p) print $3 }' \
                "stages/answers/$n.answers" 2>/dev/null
        done | tail -n 1
}
agree=0 noted=0
while read -r step file; do
    case $step in ''|'#'*) continue ;; esac
    i=$(awk -v s="$step" '$3 == s { print $1 }' "$steps")
    [ -n "$i" ] || { bad "stages/answers/live-bootstrap names no step of stages/steps: $step"; continue; }
    [ -f "$file" ] || { bad "stages/answers/live-bootstrap names a missing file: $file"; continue; }
    while read -r a b c _; do
        case $a in
        \#) [ "$b" = differs ] || continue
            path=$c sum=$(sed -n "s|^# differs $c \([0-9a-f]*\):.*|\1|p" "$file") how=differs ;;
        '') continue ;;
        *) path=$b sum=$a how=equal ;;
        esac
        ours=$(ours_after "$i" "${path#/}")
        if [ "$how" = equal ] && [ "$ours" = "$sum" ]; then agree=$((agree + 1))
        elif [ "$how" = differs ] && [ -n "$ours" ] && [ "$ours" != "$sum" ]; then noted=$((noted + 1))
        else bad "$path after $step: ours ${ours:-missing}, live-bootstrap's $sum ($how expected, $file)"
        fi
    done < "$file"
done < stages/answers/live-bootstrap
echo "live-bootstrap: $agree recorded sha256s equal ours, $noted differ as their notes say"
[ $fails -eq 0 ] || exit 1
echo PASS
