#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/stage/ddc_test.sh: `make ddc`, diverse double compiling (David A.
# Wheeler's DDC) of TinyCC 0.9.27.  A compiler we did not build stands in
# for tcc 0.9.26 in pass 1: Debian's `gcc -m32` (DDC_CC=gcc, the default) or
# Debian's i386 tcc (DDC_CC=tcc, /usr/bin/tcc from tcc:i386).  It compiles
# tcc.c with pass 1's flags, on Mes's C library compiled as the recipe does,
# into tcc-T: the chain's pass-1 program in other bytes.  So its descendants
# D1 (pass 2) and D2 (pass 3) must equal each other and the chain's tcc byte
# for byte; a trusting-trust attack would have to be in Debian's compiler
# and in our seeds alike.  DDC_LIBC=host links tcc-T on the host's libc
# (gcc -m32 -static) instead; then D1 must differ from D2: tcc converts
# decimal float literals with its C library's strtod, and glibc's is right
# where Mes's abtod is not (0.9999 -> 999.9, 4294967296.0 -> 0), so D1 has
# other constants than every tcc on Mes's library; only D2 must be the chain's.
#
# The root ($WORK/root) is made from the two source archives alone: Mes's
# headers where libc.kaem installs them, empty /usr/bin and /usr/lib/mes/tcc.
# Then the recipe stages/tcc-0.9.27/build.kaem itself runs, so the test
# cannot drift from it: the loop below reads its kaem (`\` continuations,
# NAME=VALUE, ${NAME}, \") and runs each command in the recipe's working
# directory by a rule: tcc inside the root (unshare --root --wd, as
# chroot(8) always starts in /), untar, catm, cp, chmod and sha256sum on the
# host, pass 1's tcc-0.9.26 by the trusted compiler; any other command fails.
# i386 programs run natively or by qemu-user through binfmt, as
# tools/i386-binfmt finds.  The result is held against the chain's records:
# stages/answers/tcc-0.9.27.answers (DDC_ANSWERS=FILE overrides; format in
# stages/README.md), which must have /usr/bin/tcc, and mes-libc's for the
# headers.  DDC_CHAIN=DIR (the chain's tree, e.g. a twin's) adds cmp -l.
set -u
cd "$(dirname "$0")/../.."
SOURCES_DIR=${SOURCES_DIR:-$HOME/.cache/seedstrap/sources}
DDC_CC=${DDC_CC:-gcc} DDC_LIBC=${DDC_LIBC:-mes}
answers=${DDC_ANSWERS:-stages/answers/tcc-0.9.27.answers}
recipe=stages/tcc-0.9.27/build.kaem
WORK=$(mktemp -d "${TMPDIR:-/tmp}/seedstrap-ddc.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
root=$WORK/root log=$WORK/build.log inc=/usr/include/mes
fail() {
    echo "FAIL: $*"
    [ -s "$log" ] && { echo "---- last lines of $log ----"; tail -n 20 "$log"; trap - EXIT; echo "(kept: $WORK)"; }
    exit 1
}
skip() { echo "SKIP: $*"; exit 77; }
lockfile() { awk -v n="$1" '$1 == n { print $2 }' stages/sources.lock; }
sha() { sha256sum < "$1" | cut -c1-64; }

for name in $(grep -v '^#' stages/tcc-0.9.27/sources); do
    [ -f "$SOURCES_DIR/$(lockfile "$name")" ] || skip "$name is not in $SOURCES_DIR: run make sources MIRROR=DIR"
done
[ "$(id -u)" = 0 ] || skip "the passes run in a chroot: run as root (sudo make ddc)"
echo 'int main(void) { return 0; }' | gcc -m32 -static -x c - -o "$WORK/probe" 2>/dev/null ||
    skip "needs gcc -m32 -static: apt-get install gcc-multilib"
how=$(sh tools/i386-binfmt) ||
    skip "this host runs no i386 programs: as root, apt-get install qemu-user-static; tools/i386-binfmt"
case $DDC_CC in
gcc) cc=(gcc -m32 -fno-pie -fno-stack-protector -fno-builtin) link=(gcc -m32 -static -nostdlib -no-pie) libs=(-lgcc)
     trusted=$(gcc --version | head -n 1) ;;
tcc) file -L /usr/bin/tcc 2>/dev/null | grep -q 'ELF 32-bit.*80386' ||
         skip "DDC_CC=tcc needs Debian's i386 tcc: dpkg --add-architecture i386; apt-get update; apt-get install tcc:i386"
     cc=(/usr/bin/tcc) link=(/usr/bin/tcc -static -nostdlib) libs=()
     trusted="/usr/bin/tcc, $(dpkg-query -W -f '${Package}:${Architecture} ${Version}' tcc:i386)" ;;
*) fail "DDC_CC=$DDC_CC: gcc or tcc" ;;
esac
case $DDC_LIBC in mes|host) ;; *) fail "DDC_LIBC=$DDC_LIBC: mes or host" ;; esac

# Mes's headers as libc.kaem copies them; its include/arch is a copy of
# include/linux/x86 (mes-0.27/build.kaem), and its mes/config.h is empty
# (`catm`): the library's <mes/config.h>, the fresh Mes tree having none.
mkdir -p "$WORK/mes" "$WORK/T" "$root/usr/bin" "$root/usr/lib/mes/tcc" "$root$inc/mes" "$root/build/tcc-0.9.27"
tar -xzf "$SOURCES_DIR/$(lockfile mes-0.27)" -C "$WORK/mes" --strip-components=1 --no-same-owner
n=0
while read -r from to; do
    case $from in arch/*) from=linux/x86/${from#arch/} ;; esac
    install -D -m 644 "$WORK/mes/include/$from" "$root$inc/$to" && n=$((n + 1)) || fail "installing $to"
done < <(sed -n 's|^cp include/\([^ ]*\) ${INCDIR}/\([^ ]*\)$|\1 \2|p' stages/mes-0.27/libc.kaem)
[ "$n" -gt 50 ] || fail "only $n headers in stages/mes-0.27/libc.kaem's list"
: > "$root$inc/mes/config.h"

# pass 1's `tcc-0.9.26 -v -static -o OUT FLAGS tcc.c`, by the trusted compiler:
# tcc.c, and Mes's crt1, libc and tcc's libtcc1 as the recipe compiles them
# (unified-libc.c is the recipe's, made before pass 1), with the headers the
# chain's tcc finds (-nostdinc: none of the host's)
trusted_cc() {
    local out= args=() o=$WORK/T f c i=(-D HAVE_CONFIG_H=1 -I include -I include/linux/x86)
    for f; do case $f in -v|-static) ;; -o) out=- ;; *) [ "$out" = - ] && out=$f || args+=("$f") ;; esac; done
    if [ "$DDC_LIBC" = host ]; then
        "${cc[@]}" -c -o "$o/tcc.o" "${args[@]}" && gcc -m32 -static -Wl,-z,noexecstack -o "$out" "$o/tcc.o"
        return
    fi
    c=("${cc[@]}" -nostdinc -isystem "$root$inc")
    "${c[@]}" -c -o "$o/tcc.o" "${args[@]}" && (cd "$root$V_MES" &&
        "${c[@]}" -c "${i[@]}" -o "$o/crt1.o" lib/linux/x86-mes-gcc/crt1.c &&
        "${c[@]}" -c "${i[@]}" -o "$o/libc.o" unified-libc.c &&
        "${c[@]}" -c -D TCC_TARGET_I386=1 -o "$o/libtcc1.o" "$root$V_TCC/lib/libtcc1.c") &&
        "${link[@]}" -o "$out" "$o"/{crt1,tcc,libc,libtcc1}.o "${libs[@]}"
}
# host path of a recipe path, relative to the recipe's working directory $wd
at() { case $1 in /*) echo "$root$1" ;; *) echo "$root$wd/$1" ;; esac; }
run() {
    local cmd=$1 f
    shift
    case $cmd in
    cd) wd=$(realpath -m "$(at "$1")") && wd=${wd#"$root"} && [ -d "$root$wd" ] ;;
    untar) # --file /sources/NAME.tar: from the cache, top dir renamed NAME/ as tools/stage-root
        # does; mescc-tools-extra's untar makes every file 0666 less the umask
        f=$(basename "$2" .tar) && rm -rf "$WORK/x" && mkdir "$WORK/x" &&
        tar -xzf "$SOURCES_DIR/$(lockfile "$f")" -C "$WORK/x" --no-same-owner &&
        find "$WORK/x" -type f -exec chmod 644 {} + && mv "$WORK/x"/* "$(at "$f")" ;;
    catm) f=$(at "$1") && shift && (cd "$root$wd" && cat "$@" /dev/null) > "$f" ;;
    cp) cp "$(at "$1")" "$(at "$2")" ;;
    chmod) chmod "$1" "$(at "$2")" ;;
    sha256sum) case $1 in # the recipe's fixpoint check, pass 3 = pass 2: judged below
        -o) echo "$(sha "$(at "$3")")  $3" > "$(at "$2")" ;;
        -c) read -r f p < "$(at "$2")" && fixpoint=$([ "$(sha "$(at "$p")")" = "$f" ] && echo holds || echo fails) ;;
        *) return 1 ;; esac ;;
    tcc-0.9.26) (cd "$root$wd" && trusted_cc "$@") ;;
    tcc) env -i HOME=/ TERM=dumb "${vars[@]}" "$(command -v unshare)" --root="$root" --wd="$wd" /usr/bin/tcc "$@" ;;
    *) echo "no rule for $cmd"; return 1 ;;
    esac
}

# the recipe: a NAME=VALUE line sets a variable, any other line is a command
vars=() wd=/build/tcc-0.9.27 fixpoint=unchecked
umask 022 # the runner's
start=${EPOCHREALTIME/./}
while IFS=$'\t' read -r lineno line; do
    if [[ $line =~ ^([A-Z_]+)=([^ ]*)$ ]]; then
        vars+=("$line") && declare "V_${BASH_REMATCH[1]}=${BASH_REMATCH[2]}" && continue
    fi
    read -ra words <<< "$line"
    for i in "${!words[@]}"; do
        w=${words[i]//\\\"/\"}
        while [[ $w =~ \$\{([A-Z_]+)\} ]]; do v=V_${BASH_REMATCH[1]} && w=${w//"${BASH_REMATCH[0]}"/${!v}}; done
        words[i]=$w
    done
    echo "+ ${words[*]}" >> "$log"
    run "${words[@]}" >> "$log" 2>&1 || fail "$recipe:$lineno: ${words[0]} failed (in $wd)"
done < <(awk '/^[ \t]*(#|$)/ { next } { if (!cont) n = NR; line = line $0 }
              /\\$/ { sub(/\\$/, "", line); cont = 1; next } { printf "%d\t%s\n", n, line; line = ""; cont = 0 }' "$recipe")
secs=$(( (${EPOCHREALTIME/./} - start) / 1000 ))

t=$root/build/tcc-0.9.27/tcc-0.9.27
for f in tcc-pass1 tcc-pass2 tcc-pass3; do [ -f "$t/$f" ] || fail "the recipe made no $f"; done
echo "trusted compiler: $trusted (DDC_CC=$DDC_CC), C library of tcc-T: DDC_LIBC=$DDC_LIBC; i386 programs: $how"
echo "$recipe, run in a fresh root in $((secs / 1000)).$((secs / 100 % 10))s; its fixpoint check $fixpoint"
for f in "tcc-pass1 tcc-T  (pass 1, by $DDC_CC)" "tcc-pass2 tcc-D1 (pass 2, by tcc-T)" "tcc-pass3 tcc-D2 (pass 3, by tcc-D1)"; do
    printf '  %s %7d  %s\n' "$(sha "$t/${f%% *}")" "$(stat -c %s "$t/${f%% *}")" "${f#* }"
done
bad=0
if ! cmp -s "$t/tcc-pass2" "$t/tcc-pass3"; then
    echo "D1 and D2 differ in $(cmp -l "$t/tcc-pass2" "$t/tcc-pass3" | wc -l) bytes (offset, octal D1, D2):"
    cmp -l "$t/tcc-pass2" "$t/tcc-pass3" | head | sed 's/^/    /'
    if [ "$DDC_LIBC" = host ]; then echo "  as expected with the host's strtod (see the header); D2 must be the chain's"; else bad=1; fi
fi
# the chain's records (stages/README.md: KIND MODE SHA256 PATH, as treehash -v)
# against this root's: Mes's headers as step mes-libc installed them, then
# all that step tcc-0.9.27 made (/usr/bin/tcc is D2)
declare -A hash exe
while read -r h p; do hash[$p]=$h; done < <(cd "$root" && find . -type f -printf '%P\0' | xargs -0 sha256sum)
while read -r p; do exe[$p]=755; done < <(cd "$root" && find . -type f -perm /111 -printf '%P\n')
record() { # PATH from the root: got=its record here
    if [ -L "$root/$1" ]; then got="l 777 $(printf %s "$(readlink "$root/$1")" | sha256sum | cut -c1-64)"
    elif [ -n "${hash[$1]:-}" ]; then got="f ${exe[$1]:-644} ${hash[$1]}"
    else got="removed - -"; fi
}
# tcc-T is not tcc 0.9.26's pass 1; with the host's libc, D1 is not the chain's pass 2
differ=" ${V_TCC#/}/tcc-pass1 "
[ "$DDC_LIBC" = host ] && differ+="${V_TCC#/}/tcc-pass2 $(dirname "${V_TCC#/}")/pass2.sha256 "
compare() { # FILE [PATH-PREFIX]: its records, those under PREFIX
    local k m h p same=0 want
    while read -r k m h p; do
        case $k in ''|'#'*) continue ;; esac
        want="$k $m $h"
        [[ $p == ${2:-}* ]] || continue
        record "$p"
        if [ "$got" = "$want" ]; then
            same=$((same + 1)) && case $p in usr/bin/*|usr/lib/*) echo "  same     $want /$p" ;; esac
        elif [[ $differ == *" $p "* ]]; then
            echo "  differs, as it must: /$p (chain $h, here ${got##* })"
        else
            echo "  DIFFERS  /$p: chain $want, here $got"
            [ -f "${DDC_CHAIN:-/nonexistent}/$p" ] && [ -f "$root/$p" ] && {
                echo "    $(stat -c %s "$DDC_CHAIN/$p") bytes, here $(stat -c %s "$root/$p"); cmp -l:"
                cmp -l "$DDC_CHAIN/$p" "$root/$p" | head | sed 's/^/    /'; }
            bad=1
        fi
    done < "$1"
    echo "  $same of $1's records the same${2:+ (those under $2)}"
}
[ -f "$answers" ] || fail "no $answers: the chain's records to compare with"
grep -q ' usr/bin/tcc$' "$answers" || fail "$answers has no record of /usr/bin/tcc"
echo "the chain's records against this root:"
compare stages/answers/mes-libc.answers usr/include/mes/
compare "$answers"
[ "$bad" = 0 ] || fail "DDC: the chain's tcc 0.9.27 is not what $DDC_CC's tcc-T gives (above)"
echo "DDC PASS: tcc-T by $DDC_CC gives the chain's tcc 0.9.27 and libraries byte for byte"
