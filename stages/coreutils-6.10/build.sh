# SPDX-License-Identifier: GPL-3.0-or-later
# stages/coreutils-6.10/build.sh: date, mktemp and sha256sum from GNU
# coreutils 6.10, by TinyCC against musl, as live-bootstrap's
# steps/coreutils-6.10 (commit 865b9aea^).  The parser of date's -d,
# lib/getdate.c, is made anew from getdate.y by the chain's bison, after
# `bison --update` has rewritten the directives 3.4.1 calls obsolete; the
# gperf tables for iconv_open on other systems go unused and are removed.
. /etc/profile
tar xf /sources/coreutils-6.10.tar
cd coreutils-6.10
cp /stages/coreutils-6.10/Makefile Makefile
mv lib/fnmatch.in.h lib/fnmatch.h
rm lib/iconv_open-hpux.h lib/iconv_open-aix.h lib/iconv_open-irix.h lib/iconv_open-osf.h
rm lib/getdate.c
(cd lib && bison --update getdate.y && bison getdate.y && mv getdate.tab.c getdate.c)
touch config.h lib/configmake.h
make -f Makefile PREFIX=$PREFIX
make -f Makefile PREFIX=$PREFIX install
# getdate's parser at work, and the SHA-256 of "abc" (FIPS 180-2's example)
[ "$(date -u -d '2001-02-03 04:05:06' +%s)" = 981173106 ]
[ "$(date -u -d '2001-02-03 04:05:06 +1 day' '+%Y-%m-%d %H:%M')" = "2001-02-04 04:05" ]
[ "$(date -u -d 'feb 29 2004 next week' +%F)" = 2004-03-07 ]
[ "$(date -u -d @981173106 '+%F %T')" = "2001-02-03 04:05:06" ]
[ "$(printf abc | sha256sum)" = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -" ]
t=$(mktemp /tmp/coreutils.XXXXXX)
[ -f "$t" ] && [ ! -s "$t" ]
rm "$t"
