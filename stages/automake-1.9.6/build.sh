# SPDX-License-Identifier: GPL-3.0-or-later
# stages/automake-1.9.6/build.sh: automake 1.9.6 by automake 1.8 and
# autoconf 2.61 through autoreconf, as live-bootstrap's steps/automake-1.9.6
# (commit 865b9aea^) makes it: its configure.ac asks for automake 1.8.5
# instead of 1.8a and without the filename-length-max option 1.8 lacks;
# configure, aclocal.m4 and every Makefile.in made anew.  As for 1.8.5
# (stages/automake-by-autoreconf), --build is named.  Installed as
# automake-1.9 and aclocal-1.9, the unversioned names left free.
. /etc/profile
tar xf /sources/automake-1.9.6.tar
cd automake-1.9.6
sed -i 's/1\.8a/1.8.5/; s/ filename-length-max=99//' configure.ac
rm -f configure Makefile.in */Makefile.in */*/Makefile.in aclocal.m4
AUTOMAKE=automake-1.8 ACLOCAL=aclocal-1.8 AUTOCONF=autoconf autoreconf -f
AUTOCONF=autoconf ./configure --prefix=$PREFIX --build=i686-pc-linux-gnu
rm config.log                   # the machine and the time of the run
make MAKEINFO=true
make install MAKEINFO=true
rm $PREFIX/bin/automake $PREFIX/bin/aclocal
[ "$(automake-1.9 --version | head -n 1)" = "automake (GNU automake) 1.9.6" ]
[ "$(aclocal-1.9 --version | head -n 1)" = "aclocal (GNU automake) 1.9.6" ]
