#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/bench/bench.sh: `make bench`.  Measures, in one run, our kernel in
# QEMU against the same work on the host, and prints the figures:
#   boot       QEMU start to the kernel's banner
#   storage    sequential write+sync and read of a file on the external
#              volume, by each driver: ATA by PIO and by DMA (IDE), the
#              native AHCI driver, and the BIOS's int 13h on the same AHCI
#              disk, on a USB stick and on NVMe; beside dd on the host
#              against an image file
#   storage-vs-linux  writes, cold and warm reads, a tree of 20,000 files
#              unpacked and removed, fork+exec and a pipe, under our kernel
#              and under Debian's Linux 6.1 in the same QEMU
#              (tests/bench/storage_linux.sh)
#   syscalls   a fork+exec+wait loop and a one-byte read/write loop, the
#              same static i386 binaries under our kernel and on the host
#   codeview   stores among a program's own code, with the kernel's code
#              view and without it (codeview=off), and on the host
#   stage1     stage0-posix's x86 chain under our kernel and on the host
#   checkpoints  the trees every range starts from, by the fastest route
#              here (tools/checkpoint ranges), seconds per stage and route
#   twin       stages 0 to 4a in the native twin, step by step, against each
#              step's time under our kernel in the last passing run of its
#              range (make test-stage N=2; stages 3 and 4a run in this run);
#              where the host has no native i386, the twin's recorded times
#   linux      stage 4a, and stage 3's steps bison-3.4.1 to stage3-check
#              (gawk's build among them), under Debian's Linux 6.1 in the
#              same QEMU (tests/bench/linux_steps.sh) against our kernel,
#              step by step; the stage 3 range adds about 5 minutes of TCG
#              (4.8 on 2026-12-07 at load 4), its tree from a kept checkpoint
# "host" is native Linux where the host kernel runs i386 programs, else
# qemu-user through binfmt_misc (tools/i386-binfmt), and says which.
. tests/qemu/lib.sh
TIMEOUT=1800
accel=$(sh tests/qemu/accel.sh)
host_mode=$(sh tools/i386-binfmt) || exit 1
[ "$host_mode" = qemu-user ] && host_mode="qemu-user (this host kernel cannot run i386 programs)"
echo "QEMU accelerator: $accel; host runs of i386 programs: $host_mode"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# ---- boot
img=$(image "console=serial")
boot "$accel" "$img" $IDE_ARGS >/dev/null
echo "boot: banner after $(ms_until '^seedstrap kernel ') ms of QEMU wall time"

# ---- storage
MIB=64
mkdir -p "$WORK/seed"
echo seed > "$WORK/seed/hello.txt"
# (name, disk=, the volume's bus: ext_devices in tests/qemu/lib.sh)
while read -r -u 3 name driver bus; do
    img=$(image "console=serial disktest=$MIB disk=$driver")
    tools/mkimage -d "$WORK/seed" -o "$WORK/ext.img" -s 512M -i "$img" -m "$B/tools/mkinit" >/dev/null
    boot "$accel" "$img" $IDE_ARGS -drive file="$WORK/ext.img",format=raw,if=none,id=ext $(ext_devices "$bus") >/dev/null
    grep -E 'disktest: big file' "$LOG" | sed "s/^ *[0-9]* disktest:/storage $name:/"
done 3<<'EOF'
ata-pio ata-pio ide
ata-dma ata ide
ahci ahci ahci
bios-ahci bios ahci
bios-usb bios usb
bios-nvme bios nvme
EOF
dd if=/dev/zero of="$WORK/ext.img" bs=1M count=$MIB conv=fsync,notrunc 2>&1 | tail -n 1 | sed 's/^/storage host dd write: /'
dd if="$WORK/ext.img" of=/dev/null bs=1M count=$MIB iflag=direct 2>&1 | tail -n 1 | sed 's/^/storage host dd read: /'

# ---- storage and processes against Linux in the same QEMU
# (tests/bench/storage_linux.sh: the same busybox work under both kernels)
if tests/bench/storage_linux.sh > "$WORK/storage_linux.log" 2>&1; then
    grep -E '^(storage-vs-linux|budget) ' "$WORK/storage_linux.log"
else
    echo "storage-vs-linux: $(grep -E '^(SKIP|FAIL)' "$WORK/storage_linux.log" | head -n 1)"
fi

# ---- system calls
mkdir -p "$WORK/prog/bin"
gcc -m32 -static -O2 -o "$WORK/prog/bin/forkexec" tests/bench/forkexec.c
gcc -m32 -static -O2 -o "$WORK/prog/bin/readbyte" tests/bench/readbyte.c
head -c 1000000 /dev/urandom > "$WORK/prog/data"
for run in "forkexec 500" "readbyte /data"; do
    set -- $run
    img=$(image "console=serial init=\"/bin/$run\"")
    tools/mkimage -d "$WORK/prog" -o "$WORK/ext.img" -s 256M -i "$img" -m "$B/tools/mkinit" >/dev/null
    boot "$accel" "$img" $IDE_ARGS -drive file="$WORK/ext.img",format=raw,if=none,id=ext \
        -device ide-hd,drive=ext,bus=ide.0,unit=1 >/dev/null
    ours=$(grep -E -m1 "^ *[0-9]+ $1: " "$LOG" | sed -E 's/.* in ([0-9]+) ms/\1/')
    host=$(cd "$WORK/prog" && "./bin/$1" "$(echo "$2" | sed "s|^/|$WORK/prog/|")" | sed -E 's/.* in ([0-9]+) ms/\1/')
    echo "syscalls $1: ours=${ours}ms host=${host}ms ratio=$(ratio "$ours" "$host")"
done

# ---- the code view (kernel/proc/uvm.h): stores among a program's own code
# (tests/qemu/codeview.c, laid out as M2-Planet's programs are), with the
# view and without it, and on the host
mkdir -p "$WORK/cv"
build_codeview "$WORK/cv/codeview"
# per store, in ns: qemu-user (the host) takes a fault at each store here,
# so the host run makes a thousandth of the stores
stores=20000000
for view in on off; do
    img=$(image "console=serial codeview=$view init=\"/codeview $stores\"")
    tools/mkimage -d "$WORK/cv" -o "$WORK/ext.img" -s 64M -i "$img" -m "$B/tools/mkinit" >/dev/null
    boot "$accel" "$img" $IDE_ARGS -drive file="$WORK/ext.img",format=raw,if=none,id=ext \
        -device ide-hd,drive=ext,bus=ide.0,unit=1 >/dev/null
    ms=$(( $(ms_until '^ok - stores') - $(ms_until '^init: starting') ))
    eval "cv_$view=$(( ms * 1000000 / stores ))"
done
t0=${EPOCHREALTIME/./}
"$WORK/cv/codeview" $((stores / 1000)) >/dev/null
host=$(( (${EPOCHREALTIME/./} - t0) * 1000 / (stores / 1000) ))
echo "codeview a store among the code: view=${cv_on}ns no-view=${cv_off}ns host=${host}ns" \
     "no-view/view=$(ratio "$cv_off" "$cv_on") host/view=$(ratio "$host" "$cv_on")"

# ---- the busybox script of tests/user/busybox
if tools/fetch-deb busybox-static:i386 "$WORK/deb" >/dev/null 2>&1; then
    root=$WORK/bbroot
    busybox_root "$root"
    mkdir -p "$root/test"
    cp tests/user/busybox/run.sh "$root/test/"
    img=$(image "console=serial init=\"/bin/busybox sh /test/run.sh /work\"")
    tools/mkimage -d "$root" -o "$WORK/ext.img" -s 256M -i "$img" -m "$B/tools/mkinit" >/dev/null
    boot "$accel" "$img" $IDE_ARGS -drive file="$WORK/ext.img",format=raw,if=none,id=ext \
        -device ide-hd,drive=ext,bus=ide.0,unit=1 >/dev/null
    ours=$(( $(ms_until '^init: busybox exited') - $(ms_until '^init: starting') ))
    t0=${EPOCHREALTIME/./}
    (cd "$root" && PATH=$root/bin bin/sh test/run.sh "$WORK/bbwork" >/dev/null 2>&1)
    host=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
    echo "busybox script: ours=${ours}ms host=${host}ms ratio=$(ratio "$ours" "$host")"
else
    echo "busybox script: SKIP: needs busybox-static:i386 (sudo dpkg --add-architecture i386 && sudo apt-get update)"
fi

# ---- stage 1
SOURCES_DIR=${SOURCES_DIR:-$HOME/.cache/seedstrap/sources}
if [ -f "$SOURCES_DIR/stage0-posix-1.9.1.tar.gz" ]; then
    tools/stage-root "$WORK/root"
    img=$(image "console=serial stop-after=stage1-answers")
    tools/mkimage -d "$WORK/root" -o "$WORK/ext.img" -s 1G -i "$img" -m "$B/tools/mkinit" >/dev/null
    MEM=1024 boot "$accel" "$img" $IDE_ARGS -drive file="$WORK/ext.img",format=raw,if=none,id=ext \
        -device ide-hd,drive=ext,bus=ide.0,unit=1 >/dev/null
    start=$(ms_until '^\[1/') end=$(ms_until '^\[8/')
    ours=$(( end - start ))
    mkdir "$WORK/native"
    tar -xzf "$SOURCES_DIR/stage0-posix-1.9.1.tar.gz" -C "$WORK/native" --strip-components=1
    # qemu-user runs the chain's byte-at-a-time tools very slowly: give it 30 minutes
    t0=${EPOCHREALTIME/./}
    (cd "$WORK/native" && timeout ${NATIVE_LIMIT:-1800} ./bootstrap-seeds/POSIX/x86/kaem-optional-seed \
        ./kaem.x86 >/dev/null 2>&1)
    done_natively=$?
    host=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
    if [ $done_natively = 124 ]; then
        echo "stage1 qemu=$((ours / 1000)).$((ours / 100 % 10))s native>$((host / 1000))s (stopped) ratio<$(ratio "$ours" "$host")"
    else
        echo "stage1 qemu=$((ours / 1000)).$((ours / 100 % 10))s native=$((host / 1000)).$((host / 100 % 10))s ratio=$(ratio "$ours" "$host")"
    fi
    grep -E '^ *[0-9]+ \[[0-9]+/8\]' "$LOG" | sed -E 's/^ *[0-9]+ /stage1 step: /'
else
    echo "stage1: SKIP: stage0-posix-1.9.1 is not in $SOURCES_DIR: run make sources MIRROR=DIR"
fi

# ---- the checkpoints: every range's tree made by the fastest route this
# machine has (tools/checkpoint ranges), and per stage and route the
# seconds its steps took when their trees were made (kept trees: the figure
# of the run that made them)
if [ "$(id -u)" = 0 ] && B=$B tools/checkpoint ranges > "$WORK/routes.log" 2>&1; then
    awk '!/^[ \t]*(#|$)/ { sub(":", "", $2); n++; if ($2 == "stage1-answers") s1 = n; if ($2 == "tcc-check") s2 = n
                          if ($2 == "stage3-check") s3 = n }
         END { print s1, s2, s3 }' stages/steps > "$WORK/stage-ends"
    read -r s1 s2 s3 < "$WORK/stage-ends"
    sed -n '/^the route that made/,/^every tree/p' "$WORK/routes.log" | awk -v s1="$s1" -v s2="$s2" -v s3="$s3" '
        NF == 4 { st = $1 <= s1 ? "0-1" : $1 <= s2 ? "2" : $1 <= s3 ? "3" : "4a"; t[st " " $3] += $4 }
        END { for (k in t) { split(k, a, " "); printf "checkpoints stage %s by %s: %d s\n", a[1], a[2], t[k] } }' | sort
else
    echo "checkpoints: FAILED or not root: $(tail -n 1 "$WORK/routes.log" 2>/dev/null)"
fi

# ---- stages 1 to 3 in the native twin (tools/run-native), in this run,
# from the tree tools/stage-root lays out (tools/checkpoint); and each step's
# time under our kernel from the last passing run of its range
# (tests/stage/steps_test.sh keeps them in ~/.cache/seedstrap/ranges): a
# whole stage 2 under emulation takes hours, so not in this run; stage 3,
# minutes, is run here
# Where this host cannot run i386 code, the twin under qemu-user would take
# hours and measure qemu-user: the twin's column is then its native times
# as make answers recorded them (stages/answers/times), and says so.
twin_mode=$(sh tools/i386-binfmt)
if [ "$twin_mode" != native ] && [ "$(id -u)" = 0 ]; then
    twin_mode="native, recorded in stages/answers/times"
    step_range hex0-seed hex0-seed      # (for $WORK/steps: index, kind, name)
    awk -v total="$(wc -l < "$WORK/steps")" 'FNR == NR { if ($1 !~ /^#/) t[$1] = $2; next }
        { printf "[%d/%d] %s %s (%s s)\n", $1, total, $2, $3, ($3 in t) ? t[$3] : 0 }' \
        stages/answers/times "$WORK/steps" > "$WORK/twin.log"
elif [ "$(id -u)" = 0 ] && ck=$(B=$B tools/checkpoint before hex0-seed 2>/dev/null); then
    cp -a "$ck/root" "$WORK/twin"
    rm -rf "$WORK/twin/stages" && cp -r stages "$WORK/twin/stages"
    "$B/tools/run-native" "$WORK/twin" > "$WORK/twin.log" 2>&1 || echo "twin: FAILED: $(tail -n 2 "$WORK/twin.log")"
fi
if [ -s "$WORK/twin.log" ]; then
    # stages 3 and 4a take minutes under emulation, not hours: in this run,
    # each from its checkpoint as one range, the two at once (their
    # journals join the ranges')
    first3=$(awk '!/^[ \t]*(#|$)/ { sub(":", "", $2); if (after) { print $2; exit } if ($2 == "tcc-check") after = 1 }' stages/steps)
    last3=$(awk '!/^[ \t]*(#|$)/ { sub(":", "", $2); if ($2 == "perl-5.000") { print n; exit } n = $2 }' stages/steps)
    last4=$(awk '!/^[ \t]*(#|$)/ { n = $2 } END { sub(":", "", n); print n }' stages/steps)
    tests/stage/steps_test.sh "$first3" "$last3" > "$WORK/stage3.log" 2>&1 &
    tests/stage/steps_test.sh perl-5.000 "$last4" > "$WORK/stage4.log" 2>&1 &
    wait
    for stage in 3:$first3:$last3 4a:perl-5.000:$last4; do
        IFS=: read -r n from to <<< "$stage"
        if grep -q '^PASS$' "$WORK/stage${n%a}.log"; then
            echo "stage $n under our kernel ($from .. $to, this run): passed"
        else
            echo "stage $n under our kernel ($from .. $to): FAILED: $(grep -m1 FAIL "$WORK/stage${n%a}.log")"
        fi
    done
    cat "$HOME"/.cache/seedstrap/ranges/*/journal 2>/dev/null > "$WORK/kernel.journal"
    # "[N/M] KIND NAME (S s)" from the twin, "done NNN NAME S" from the kernel's ranges
    awk -v mode="$twin_mode" 'FNR == NR { if ($1 == "done") k[$3] = $4; next }
        /^\[[0-9]+\/[0-9]+\] / { n = $3; t = $4; gsub(/[()s]/, "", t)
            q = (n in k) ? k[n] "s" : "-"
            printf "twin step %s %s: twin(%s)=%ss kernel=%s%s\n", $1, n, mode, t, q,
                   (n in k && t + 0 > 0) ? sprintf(" ratio=%.2f", k[n] / t) : ""
            if (n == "perl-5.000") stage4 = 1
            if (n ~ /^(stage1-|hex0|kaem)/) s1 += t; else if (stage4) s4 += t; else if (stage3) s3 += t; else s2 += t
            if (n in k) { kt += k[n]; tt += t
                          if (stage4) { k4 += k[n]; t4 += t } else if (stage3) { k3 += k[n]; t3 += t } }
            if (n == "tcc-check") stage3 = 1 }
        # (a bare ">" among the arguments of printf would redirect its output)
        END { printf "twin(%s) stage 0-1: %.1fs, stage 2: %.1fs, stage 3: %.1fs, stage 4a: %.1fs; the steps timed under our kernel too: kernel=%ds twin=%.1fs ratio=%.2f\n",
                     mode, s1, s2, s3, s4, kt, tt, (tt > 0 ? kt / tt : 0)
              printf "stage 3 steps timed under our kernel: kernel=%ds twin=%.1fs ratio=%.2f\n",
                     k3, t3, (t3 > 0 ? k3 / t3 : 0)
              printf "stage 4a steps timed under our kernel: kernel=%ds twin=%.1fs ratio=%.2f\n",
                     k4, t4, (t4 > 0 ? k4 / t4 : 0) }' "$WORK/kernel.journal" "$WORK/twin.log"
    # stage 4a, and stage 3's last range (gawk's build among its steps,
    # from a kept checkpoint), again under Debian's Linux in the same QEMU
    # (TCG, memory, disks), the anchor for our kernel under emulation: per
    # step, our kernel's time (this run's ranges) against Linux's
    # (its step times count even when its tree check fails, which it says)
    for range in "4a perl-5.000 $last4" "3 bison-3.4.1 $last3"; do
        read -r n from to <<< "$range"
        tests/bench/linux_steps.sh "$from" "$to" > "$WORK/linux$n.log" 2>&1
        grep -q '^PASS$' "$WORK/linux$n.log" ||
            echo "stage $n ($from .. $to) under Linux in QEMU: $(grep -m1 -E '^(FAIL|SKIP)' "$WORK/linux$n.log")"
        awk -v st="$n" -v range="$from .. $to" 'FNR == NR { if ($1 == "done") k[$3] = $4; next }
            /^linux step / { s = $3; sub(":", "", s); t = $4
                printf "stage %s step %s: kernel=%ss linux-in-qemu=%ss%s\n", st, s, (s in k) ? k[s] : "-", t,
                       (s in k && t > 0) ? sprintf(" ratio=%.2f", k[s] / t) : ""
                if (s in k) { kt += k[s]; lt += t } }
            END { if (lt > 0) printf "stage %s (%s) under our kernel against Linux 6.1 in the same QEMU: kernel=%ds linux=%.1fs ratio=%.2f\n",
                                      st, range, kt, lt, kt / lt }' "$WORK/kernel.journal" "$WORK/linux$n.log"
    done
    for r in "$HOME"/.cache/seedstrap/ranges/*/run; do
        [ -f "$r" ] && echo "kernel range $(basename "$(dirname "$r")"): passed $(cat "$r")"
    done
else
    echo "twin: SKIP: needs root and the sources (make sources MIRROR=DIR) for the native twin's checkpoint"
fi
