# SPDX-License-Identifier: GPL-3.0-or-later
# stages/autoconf-by-autoreconf/build.sh: Autoconf 2.55, 2.57 and 2.59,
# each by the autoconf before it (the unversioned name points at it) and
# automake 1.7 through autoreconf, as live-bootstrap's
# steps/autoconf-2.55, -2.57 and -2.59 (commit 865b9aea^) make them.  The
# step's name (its working directory, /build/autoconf-VERSION) says which.
# bin/autoconf.in, configure, aclocal.m4 and every Makefile.in are made
# anew; the manual pages shipped are not installed (making them anew takes
# help2man, built later); the data goes to a directory of its version; the
# unversioned names then point at the new one.
. /etc/profile
v=${PWD##*/autoconf-}
tar xf /sources/autoconf-$v.tar
cd autoconf-$v
rm bin/autoconf.in Makefile.in */Makefile.in */*/Makefile.in aclocal.m4 configure man/*.1
sed -i '/SUBDIRS/s/ man//' Makefile.am
AUTOMAKE=automake-1.7 ACLOCAL=aclocal-1.7 AUTOCONF=autoconf autoreconf -f
for f in Makefile.in */Makefile.in */*/Makefile.in; do
    sed -i '/^pkgdatadir/s/$/-@VERSION@/' $f
done
./configure --prefix=$PREFIX --program-suffix=-$v
rm config.log                   # the machine and the time of the run
make -C bin autom4te            # what the rest is made with, first
make -C lib
make MAKEINFO=true
make install MAKEINFO=true
for p in autoconf autoheader autom4te autoreconf; do
    ln -sf $p-$v $PREFIX/bin/$p
done
[ "$(autoconf --version | head -n 1)" = "autoconf (GNU Autoconf) $v" ]
