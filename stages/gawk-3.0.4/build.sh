# SPDX-License-Identifier: GPL-3.0-or-later
# stages/gawk-3.0.4/build.sh: GNU awk 3.0.4, by TinyCC against musl, as
# live-bootstrap's steps/gawk-3.0.4 (commit 865b9aea^): its parser,
# awktab.c, is made anew from awk.y by the chain's bison; pc/config.h
# (MS-DOS's) goes, and config.h is empty, the Makefile defining what
# configure would.  The library of awk functions goes to /usr/share/awk,
# where gawk's -f looks.
. /etc/profile
tar xf /sources/gawk-3.0.4.tar
cd gawk-3.0.4
cp /stages/gawk-3.0.4/Makefile Makefile
rm awktab.c pc/config.h
touch config.h
make PREFIX=$PREFIX
make PREFIX=$PREFIX install
# fields, arrays, printf, gsub, regular expressions, getline and output to
# a file and a pipe; then a function from the installed library
printf 'b 2\na 1\nb 3\n' > in
[ "$(awk '{ s[$1] += $2 } END { for (k in s) n++; printf "%d %d %d\n", n, s["a"], s["b"] }' in)" = "2 1 5" ]
[ "$(echo 'foo bar foo' | awk '{ n = gsub(/fo+/, "x"); print n, $0 }')" = "2 x bar x" ]
[ "$(awk '/^b/ { c++ } END { print c }' in)" = 2 ]
awk '{ print $2 > "out" } END { close("out"); while ((getline l < "out") > 0) t += l; print t | "cat" }' in > sum
[ "$(cat sum)" = 6 ] && [ "$(cat out | tr '\n' ' ')" = "2 1 3 " ]
echo 'BEGIN { print ord("A"), chr(66) }' > ord-test.awk
[ "$(awk -f ord.awk -f ord-test.awk)" = "65 B" ]
