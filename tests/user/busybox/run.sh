# SPDX-License-Identifier: GPL-3.0-or-later
# tests/user/busybox/run.sh WORKDIR [BUSYBOX]: a workload for Debian's static
# busybox for i386, a program we did not write, run as `busybox sh run.sh`
# under our kernel and on the host (tests/qemu/busybox_test.sh,
# tests/user/busybox/compare-native.sh); the two outputs must be identical
# byte for byte.  It uses some 70 applets, pipelines, redirections,
# subshells, here-documents, traps and archives over an input tree it makes
# itself in WORKDIR.  The applets are reached through WORKDIR/bin, links to
# BUSYBOX (default: `which busybox`) made here, and PATH holds nothing else,
# so no program of the host takes part.  Only what does not depend on the
# machine is printed: no times but fixed ones (TZ is set), no inode numbers,
# owners, directory sizes, block counts or absolute paths.
set -e
umask 022
export TZ=UTC0 LC_ALL=C
bb=${2:-$(which busybox)}
[ -x "$bb" ] || { echo "run.sh: no busybox binary (give its path as the second argument)"; exit 1; }
mkdir -p "$1"
cd "$1"
rm -rf w bin
mkdir w bin
applets="awk base64 basename bunzip2 bzcat bzip2 cat chmod cmp cp cpio cut date dd diff dirname du
echo env expand expr factor false find fold grep gunzip gzip head hexdump ln ls md5sum mkdir mktemp
mv nl od paste patch printf readlink realpath rev rm rmdir sed seq sh sha1sum sha256sum sha512sum
sleep sort stat strings tac tail tar tee test touch tr true truncate uniq unlink uudecode uuencode
wc xargs xxd yes zcat"
for a in $applets; do ln -s "$bb" "bin/$a"; done
PATH=$PWD/bin
export PATH
cd w
echo "== $(echo $applets | wc -w) applets"

echo "== files"
printf 'line %d of the first file\n' 1 2 3 4 5 > a.txt
seq 1 200 | sed 's/^/number /' > b.txt
yes 'the same line' | head -n 50 > c.txt
cat a.txt b.txt c.txt > all.txt
wc -l all.txt
wc -c < all.txt
wc -w -l < b.txt
head -n 3 b.txt
tail -n 2 b.txt
tail -c 12 b.txt
cmp a.txt a.txt && echo "cmp: same"
cmp a.txt b.txt || echo "cmp: differ, status $?"
dd if=b.txt of=dd.out bs=100 skip=2 count=3 2>/dev/null
wc -c < dd.out
head -c 20 dd.out; echo

echo "== text tools"
grep -c number all.txt
grep -n 'number 1[0-9]$' b.txt | head -n 4
grep -v number all.txt | grep -E '^line [24]'
sed -n '5,7p' b.txt | tr a-z A-Z
sed -e 's/number \([0-9]*\)/<\1>/' -e '/<1[0-9][0-9]>/d' b.txt | tail -n 2
awk '{ s += $2 } END { print "sum", s, "mean", s / NR }' b.txt
awk -F' ' 'NR % 50 == 0 { printf "%s=%d\n", $1, $2 * 2 }' b.txt
cut -d' ' -f2 b.txt | sort -rn | head -n 3
cut -c1-4 a.txt | uniq -c
sort c.txt | uniq -c
printf 'b 2\na 1\nc 3\na 0\n' | sort -k1,1 -k2n
echo "one two three" | tr ' ' '\n' | sort | tac
printf 'x\ty\n' | expand -t 4 | od -c | head -n 1
seq 1 5 | paste -s -d, -
seq 1 6 | paste - -
echo "stressed desserts" | rev
fold -w 10 a.txt | head -n 3
nl -ba a.txt | tail -n 1
printf 'alpha\0beta\n\001gamma-long\n' | strings -n 5
factor 360 1001
expr 6 \* 7
expr length "seedstrap"
test -f a.txt && echo "test: a.txt is a file"
[ -d . ] && echo "test: . is a directory"
env test -s a.txt && echo "env runs the test applet by exec"
printf '%05d|%-6s|%x|%s\n' 42 ab 255 "$(basename /x/y/z.txt .txt)"
echo hello | od -An -tx1
echo hello | hexdump -C
echo hello | xxd
seq 3 | xargs -n1 echo arg
seq 10 | xargs | wc -w
echo "abc" | tee tee.out | wc -c
cat tee.out
dirname /x/y/z.txt
date -u -d @1000000000 '+%Y-%m-%d %H:%M:%S'
echo "x=$((3 + 4 * 5)) y=$(( (7 << 2) % 5 ))"

echo "== encodings and checksums"
base64 a.txt | tee a.b64 | head -n 2
base64 -d a.b64 | cmp - a.txt && echo "base64: round trip"
uuencode a.txt a.txt > a.uu && uudecode -o a.back a.uu && cmp a.back a.txt && echo "uuencode: round trip"
sha1sum a.txt
sha512sum b.txt | cut -c1-32
md5sum a.txt b.txt c.txt

echo "== files and directories"
mkdir -p d1/d2/d3
touch d1/f1 d1/d2/f2
cp a.txt d1/d2/d3/copy.txt
cp -r d1/d2 d1/d2copy
mv d1/f1 d1/moved
ln -s ../a.txt d1/link
ln a.txt hard.txt
readlink d1/link
realpath d1/link | sed "s|^$PWD/||"
cat d1/link | head -n 1
chmod 600 hard.txt
chmod u+x,g-r d1/moved
stat -c '%a %h %s %F %n' hard.txt a.txt d1/moved d1/link
stat -L -c '%s %F %n' d1/link
ls -l d1/moved | cut -c1-10
find d1 | sort
find . -name '*.txt' -type f | sort
find d1 -type l
du -a d1 | awk '{ print $2 }' | sort
ls d1 d1/d2
ls -a d1 | tr '\n' ' '; echo
ls -F d1
ls -R d1 | grep -v '^$'
tmp=$(mktemp -d ./tmp.XXXXXX) && [ -d "$tmp" ] && rmdir "$tmp" && echo "mktemp: made and removed"
truncate -s 1000 trunc.out && stat -c '%s' trunc.out
truncate -s 10 trunc.out && od -An -c trunc.out
unlink trunc.out
rm d1/d2/f2
rmdir d1/d2/d3 2>/dev/null || echo "rmdir: not empty, status $?"
rm -r d1/d2/d3 d1/d2copy
ls -R d1 | grep -v '^$'
rm -f nonexistent && echo "rm -f: quiet about missing files"
ls nonexistent 2>&1 || echo "ls: status $?"

echo "== archives"
mkdir tree
for i in 1 2 3; do seq 1 $((i * 100)) > tree/f$i; done
mkdir tree/sub && printf 'deep\n' > tree/sub/deep
touch -t 200001020304 tree/f1 tree/f2 tree/f3 tree/sub/deep
stat -c '%Y %y %a %s %n' tree/f1 tree/f3
tar -cf t.tar tree/f1 tree/f2 tree/f3 tree/sub/deep   # named: readdir order is the filesystem's
tar -tf t.tar
gzip -9 -c t.tar > t.tar.gz
bzip2 -c t.tar > t.tar.bz2
mkdir out1 out2 out3 out4
gunzip -c t.tar.gz | tar -xf - -C out1
bzip2 -dc t.tar.bz2 | tar -xf - -C out2
tar -xzf t.tar.gz -C out3
bunzip2 -c t.tar.bz2 | tar -x -C out4
diff -r out1 out2 && diff -r out1 out3 && diff -r out1 out4 && diff -r tree out1/tree && echo "diff: archives agree"
stat -c '%Y %n' out1/tree/f1
zcat t.tar.gz | cmp - t.tar && bzcat t.tar.bz2 | cmp - t.tar && echo "zcat, bzcat: the archive"
seq 1 1000 | gzip -9 | sha256sum
seq 1 1000 | bzip2 -9 | sha256sum
gzip -c b.txt > b.gz && gunzip -t b.gz && echo "gunzip -t: sound"
find tree -type f | sort | cpio -o -H newc 2>/dev/null > t.cpio
cpio -t < t.cpio 2>/dev/null
mkdir out5 && cd out5 && cpio -id < ../t.cpio 2>/dev/null && cd .. && diff -r tree out5/tree && echo "cpio: round trip"
(cd tree && find . -type f | sort | xargs sha256sum) > sums
(cd out1/tree && sha256sum -c ../../sums)
md5sum tree/f3

echo "== diff and patch"
seq 1 10 > old
seq 1 10 | sed 's/^5$/five/' > new
diff -u old new > change.patch || echo "diff: status $?"
sed -n '3,$p' change.patch
patch old < change.patch
cmp old new && echo "patch: applied"
patch -R old < change.patch && seq 1 10 | cmp - old && echo "patch -R: reverted"

echo "== shell"
f() { echo "function got $# args: $*"; return 3; }
f a b c || echo "status $?"
case "hello.c" in *.c) echo "case: C source" ;; *) echo "case: other" ;; esac
i=0; while [ $i -lt 3 ]; do i=$((i + 1)); done; echo "while: $i"
for w in x y z; do printf '%s.' "$w"; done; echo
( exit 4 ) || echo "subshell: $?"
echo "$(echo nested $(echo command))"
x=$(printf 'a\nb\nc' | wc -l); echo "lines: $x"
v=path/to/file.tar.gz; echo "${v##*/} ${v%%.*} ${#v} ${v#*/}"
set -- one two three; shift; echo "positional: $# $1 $*"
echo err >&2 2>/dev/null
echo "to stderr, then merged" 2>&1 >&2 | cat
{ echo grouped; echo output; } | sort -r
false | true && echo "pipeline: status of the last"
cat <<END | tr a-z A-Z
here document with $((2 + 2)) expanded
END
cat <<'END'
quoted $here stays
END
exec 3> fd3.out
echo "through fd 3" >&3
exec 3>&-
cat fd3.out
while read -r n rest; do echo "read: $n [$rest]"; done <<END
1 first line
2 second
END
echo appended >> fd3.out && wc -l < fd3.out
sh -c 'exit 7' || echo "sh -c: status $?"
sh -c 'echo "child shell, pid differs: $(( $$ != '$$' ))"'
(trap 'echo "trap: EXIT"' EXIT; echo "in the subshell")
sh -c 'trap "echo trap: USR1" USR1; kill -USR1 $$; echo "after the trap"'
sleep 0.1 & wait $! && echo "background job: status $?"
sh -c 'kill -TERM $$' || echo "killed child: status $?"
command -v sort >/dev/null && echo "command -v: found"
cd ..
rm -rf w bin
echo "== done"
