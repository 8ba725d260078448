# SPDX-License-Identifier: GPL-3.0-or-later
# tests/user/busybox/run.sh WORKDIR: a workload for Debian's busybox, run by
# `busybox sh` under our kernel and on the host; the two outputs must be
# byte-identical (tests/qemu/busybox_test.sh).  It makes its own input in
# WORKDIR and prints only what does not depend on the machine: no times,
# inode numbers, directory sizes or absolute paths.
set -e
mkdir -p "$1"
cd "$1"
rm -rf w
mkdir w
cd w

echo "== files"
printf 'line %d of the first file\n' 1 2 3 4 5 > a.txt
seq 1 200 | sed 's/^/number /' > b.txt
yes 'the same line' | head -n 50 > c.txt
cat a.txt b.txt c.txt > all.txt
wc -l all.txt
wc -c < all.txt
head -n 3 b.txt
tail -n 2 b.txt
cmp a.txt a.txt && echo "cmp: same"
cmp a.txt b.txt || echo "cmp: differ"

echo "== text tools"
grep -c number all.txt
grep -n 'number 1[0-9]$' b.txt | head -n 4
sed -n '5,7p' b.txt | tr a-z A-Z
awk '{ s += $2 } END { print "sum", s }' b.txt
cut -d' ' -f2 b.txt | sort -rn | head -n 3
sort c.txt | uniq -c
echo "one two three" | tr ' ' '\n' | sort
expr 6 \* 7
test -f a.txt && echo "test: a.txt is a file"
[ -d . ] && echo "test: . is a directory"
printf '%05d|%-6s|%x\n' 42 ab 255
echo hello | od -An -tx1
seq 3 | xargs -n1 echo arg
echo "abc" | tee tee.out | wc -c
cat tee.out
basename /x/y/z.txt .txt
dirname /x/y/z.txt
echo "x=$((3 + 4 * 5))"

echo "== files and directories"
mkdir -p d1/d2/d3
touch d1/f1 d1/d2/f2
cp a.txt d1/d2/d3/copy.txt
mv d1/f1 d1/moved
ln -s ../a.txt d1/link
ln a.txt hard.txt
readlink d1/link
cat d1/link | head -n 1
chmod 600 hard.txt
stat -c '%a %h %s %n' hard.txt a.txt
find d1 | sort
find . -name '*.txt' -type f | sort
du -a d1 | awk '{ print $2 }' | sort
ls d1 d1/d2
rm d1/d2/f2
rmdir d1/d2/d3 2>/dev/null || echo "rmdir: not empty"
rm -r d1/d2/d3
ls -R d1 | grep -v '^$'

echo "== archives and checksums"
mkdir tree
for i in 1 2 3; do seq 1 $((i * 100)) > tree/f$i; done
touch -t 200001020304 tree/f1 tree/f2 tree/f3 tree   # the archive's bytes hold the times
stat -c '%Y %a %u %g %s %n' tree/f1 tree/f3
tar -cf t.tar tree/f1 tree/f2 tree/f3              # named: readdir order is the filesystem's
tar -tvf t.tar
tar -tf t.tar | sort
gzip -9 -c t.tar > t.tar.gz
bzip2 -c t.tar > t.tar.bz2
mkdir out1 out2
gunzip -c t.tar.gz | tar -xf - -C out1
bzip2 -dc t.tar.bz2 | tar -xf - -C out2
diff -r out1 out2 && echo "diff: archives agree"
sha256sum tree/f1 tree/f2 tree/f3
md5sum tree/f3
cd tree && sha256sum f1 f2 > ../sums && cd .. && (cd tree && sha256sum -c ../sums)
gunzip -c t.tar.gz | sha256sum
bzip2 -dc t.tar.bz2 | md5sum

echo "== diff and patch"
seq 1 10 > old
seq 1 10 | sed 's/^5$/five/' > new
diff -u old new > change.patch || true
sed -n '3,$p' change.patch
patch old < change.patch
cmp old new && echo "patch: applied"

echo "== shell"
f() { echo "function got $# args: $*"; return 3; }
f a b c || echo "status $?"
case "hello.c" in *.c) echo "case: C source" ;; esac
i=0; while [ $i -lt 3 ]; do i=$((i + 1)); done; echo "while: $i"
( exit 4 ) || echo "subshell: $?"
echo "$(echo nested $(echo command))"
x=$(printf 'a\nb\nc' | wc -l); echo "lines: $x"
echo err >&2 2>/dev/null
{ echo grouped; echo output; } | sort -r
false | true && echo "pipeline: status of the last"
sh -c 'echo "child shell, pid differs: $(( $$ != '$$' ))"'
cd ..
rm -rf w
echo "== done"
