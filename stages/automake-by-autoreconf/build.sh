# SPDX-License-Identifier: GPL-3.0-or-later
# stages/automake-by-autoreconf/build.sh: automake 1.7.8 and 1.8.5, each
# by automake 1.7 and the newest autoconf (the unversioned name) through
# autoreconf, as live-bootstrap's steps/automake-1.7.8 and -1.8.5 (commit
# 865b9aea^) make them.  The step's name (its working directory,
# /build/automake-VERSION) says which.  configure, aclocal.m4 and every
# Makefile.in are made anew.  Installed under its API version's names
# (automake-1.7, aclocal-1.8 ...), the unversioned names left free.
. /etc/profile
v=${PWD##*/automake-}
api=${v%.*}
tar xf /sources/automake-$v.tar
cd automake-$v
rm -f configure Makefile.in */Makefile.in */*/Makefile.in aclocal.m4
AUTOMAKE=automake-1.7 ACLOCAL=aclocal-1.7 AUTOCONF=autoconf autoreconf -f
# 1.8.5's configure asks config.guess for the machine, which reads uname:
# the native twin, an i386 program on an x86_64 kernel, is told x86_64,
# our kernel says i686; named here, the answer is the machine's own
AUTOCONF=autoconf ./configure --prefix=$PREFIX --build=i686-pc-linux-gnu
rm config.log                   # the machine and the time of the run
make MAKEINFO=true
make install MAKEINFO=true
rm $PREFIX/bin/automake $PREFIX/bin/aclocal
[ "$(automake-$api --version | head -n 1)" = "automake (GNU automake) $v" ]
[ "$(aclocal-$api --version | head -n 1)" = "aclocal (GNU automake) $v" ]
