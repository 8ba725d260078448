# SPDX-License-Identifier: GPL-3.0-or-later
# stages/automake-1.7/build.sh: automake 1.7 by autoconf 2.53 and automake
# 1.6, as live-bootstrap's steps/automake-1.7 (commit 865b9aea^) makes it:
# configure, aclocal.m4 and every Makefile.in made anew; its configure.in
# asks for autoconf 2.53 instead of 2.54 and does without AC_PROG_EGREP and
# AC_PROG_FGREP, which 2.53 lacks.  Installed as automake-1.7 and
# aclocal-1.7 only (the unversioned names stay free for later versions).
. /etc/profile
tar xf /sources/automake-1.7.tar
cd automake-1.7
rm configure Makefile.in */Makefile.in */*/Makefile.in aclocal.m4
sed -i -e 's/2\.54/2.53/' -e '/AC_PROG_EGREP/d' -e '/AC_PROG_FGREP/d' configure.in
aclocal-1.6
autoconf-2.53
automake-1.6
./configure --prefix=$PREFIX
rm config.log                   # the machine and the time of the run
make MAKEINFO=true
make install MAKEINFO=true
rm $PREFIX/bin/automake $PREFIX/bin/aclocal
[ "$(automake-1.7 --version | head -n 1)" = "automake (GNU automake) 1.7" ]
[ "$(aclocal-1.7 --version | head -n 1)" = "aclocal (GNU automake) 1.7" ]
