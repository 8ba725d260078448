# SPDX-License-Identifier: GPL-3.0-or-later
# stages/automake-1.7.8/build.sh: automake 1.7.8 by automake 1.7 and
# autoconf 2.55 through autoreconf, as live-bootstrap's
# steps/automake-1.7.8 (commit 865b9aea^) makes it: configure, aclocal.m4
# and every Makefile.in made anew.  Installed as automake-1.7 and
# aclocal-1.7 (replacing 1.7's), the unversioned names left free.
. /etc/profile
tar xf /sources/automake-1.7.8.tar
cd automake-1.7.8
rm configure Makefile.in */Makefile.in */*/Makefile.in aclocal.m4
AUTOMAKE=automake-1.7 ACLOCAL=aclocal-1.7 AUTOCONF=autoconf-2.55 autoreconf-2.55
AUTOCONF=autoconf-2.55 ./configure --prefix=$PREFIX
rm config.log                   # the machine and the time of the run
make MAKEINFO=true
make install MAKEINFO=true
rm $PREFIX/bin/automake $PREFIX/bin/aclocal
[ "$(automake-1.7 --version | head -n 1)" = "automake (GNU automake) 1.7.8" ]
