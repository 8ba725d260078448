#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/qemu/ext2_fuzz_boot.sh [COUNT [SEED]]: `make fuzz-full`'s boots.  The
# kernel mounts COUNT (default 200) mutated external volumes in QEMU, one
# boot each, and its runner walks them: a small volume (Debian's static
# busybox, a tree of files, a step table whose one step lists, reads and
# writes the tree) with bytes of its metadata changed at random (seeded,
# printed; the superblock's magic and UUID left alone so the volume is
# found): group descriptors, bitmaps, the inode table, directories.
# Every boot must end by the kernel's own power-off, whatever the volume
# held: a refused mount, a failed step or a done one.  A kernel panic (a
# fault in the kernel is one) or a boot still running after 60 s fails the test,
# naming the seed and the image, which are kept.  Prints how the boots ended.
. tests/qemu/lib.sh
COUNT=${1:-200}
SEED=${2:-$RANDOM}
TIMEOUT=60
MEM=${MEM:-256}
PATH=$PATH:/sbin:/usr/sbin
echo "seed $SEED, $COUNT images (tests/qemu/ext2_fuzz_boot.sh $COUNT $SEED repeats this run)"

root=$WORK/root
busybox_root "$root"
mkdir -p "$root/stages" "$root/log" "$root/tree" "$root/dev"
for d in 1 2 3 4 5 6 7 8; do
    mkdir -p "$root/tree/d$d/sub"
    for f in 1 2 3 4 5 6; do
        head -c $((d * 700 + f * 300)) /dev/zero | tr '\0' "$d" > "$root/tree/d$d/f$f"
    done
    ln -s "../d$d/f1" "$root/tree/d$d/sub/link"
done
cat > "$root/stages/walk.sh" <<'EOF'
find / -xdev | wc -l
cat /tree/*/* /tree/*/sub/* > /dev/null
mkdir /tree/new && cp -r /tree/d1 /tree/new/ && rm -r /tree/d2 && mv /tree/d3 /tree/d9
ls -lR /tree > /log/tree.txt
EOF
echo "run     walk: /bin/sh /stages/walk.sh" > "$root/stages/steps"
img=$(image "console=serial")
tools/mkimage -d "$root" -o "$WORK/base.img" -s 16M -i "$img" -m "$B/tools/mkinit" >/dev/null || fail "tools/mkimage"
accel=$(sh tests/qemu/accel.sh)

# the partition starts at 1 MiB; its superblock at 1 KiB into it
part=1048576
python3 - "$WORK/base.img" "$SEED" "$COUNT" "$WORK" <<'PYEOF'
import random, struct, sys
base, seed, count, work = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
data = open(base, "rb").read()
part = 1048576
sb = part + 1024
block = 1024 << struct.unpack_from("<I", data, sb + 24)[0]
blocks = struct.unpack_from("<I", data, sb + 4)[0]
# the metadata: from the group descriptors to past the inode table and the
# first directories (the tree is small: all of it in the first 2 MiB)
lo, hi = part + 2048, part + min(blocks * block, 2 << 20)
keep = set(range(sb + 56, sb + 58)) | set(range(sb + 104, sb + 120))   # magic, UUID
rng = random.Random(seed)
for n in range(count):
    img = bytearray(data)
    kinds = []
    for _ in range(rng.randint(1, 12)):
        at = rng.randrange(lo, hi)
        if at in keep:
            continue
        kind = rng.choice(["byte", "zero", "ones", "word"])
        if kind == "byte":
            img[at] = rng.randrange(256)
        elif kind == "zero":
            img[at:at + 4] = b"\0\0\0\0"
        elif kind == "ones":
            img[at:at + 4] = b"\xff\xff\xff\xff"
        else:
            img[at:at + 4] = struct.pack("<I", rng.randrange(1 << 32))
        kinds.append(f"{kind}@{at - part:#x}")
    open(f"{work}/fuzz{n}.img", "wb").write(img)
    open(f"{work}/fuzz{n}.what", "w").write(" ".join(kinds) + "\n")
PYEOF
[ -f "$WORK/fuzz0.img" ] || fail "no mutated images"

declare -A ended
for ((n = 0; n < COUNT; n++)); do
    HALT_EXPECTED=1 boot "$accel" "$img" $IDE_ARGS -drive file="$WORK/fuzz$n.img",format=raw,if=none,id=ext \
        -device ide-hd,drive=ext,bus=ide.0,unit=1 > /dev/null
    why=""
    [ "$STATUS" = 124 ] && why="still running after ${TIMEOUT}s"
    grep -q "kernel panic" "$LOG" && why="kernel panic"
    if [ -n "$why" ]; then
        mkdir -p "$B/fuzz-boot" && cp "$WORK/fuzz$n.img" "$LOG" "$B/fuzz-boot/"
        fail "image $n (seed $SEED; mutations: $(cat "$WORK/fuzz$n.what")): $why; the image and transcript are in $B/fuzz-boot"
    fi
    if grep -q "^ *[0-9]* storage: cannot mount" "$LOG"; then e="refused at mount"
    elif grep -q "runner: all 1 steps done" "$LOG"; then e="the walk done"
    elif grep -q "FAILED" "$LOG"; then e="the walk failed"
    else e="stopped otherwise (status $STATUS)"; fi
    ended[$e]=$((${ended[$e]:-0} + 1))
    rm -f "$WORK/fuzz$n.img"
done
for e in "${!ended[@]}"; do echo "$e: ${ended[$e]}"; done
echo "$COUNT boots, none panicked, faulted in the kernel or hung"
echo PASS
