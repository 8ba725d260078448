# SPDX-License-Identifier: GPL-3.0-or-later
# stages/autoconf-2.55/build.sh: Autoconf 2.55 by autoconf 2.54 and
# automake 1.7 through autoreconf, as live-bootstrap's steps/autoconf-2.55
# (commit 865b9aea^) makes it; otherwise as 2.54 (stages/autoconf-2.54):
# bin/autoconf.in made anew, no manual pages, data in a directory of its
# version, the unversioned names pointing at 2.55.
. /etc/profile
tar xf /sources/autoconf-2.55.tar
cd autoconf-2.55
rm bin/autoconf.in Makefile.in */Makefile.in */*/Makefile.in aclocal.m4 configure man/*.1
sed -i '/SUBDIRS/s/ man//' Makefile.am
AUTOMAKE=automake-1.7 ACLOCAL=aclocal-1.7 AUTOCONF=autoconf-2.54 autoreconf-2.54
for f in Makefile.in */Makefile.in */*/Makefile.in; do
    sed -i '/^pkgdatadir/s/$/-@VERSION@/' $f
done
./configure --prefix=$PREFIX --program-suffix=-2.55
rm config.log                   # the machine and the time of the run
make -C bin autom4te            # what the rest is made with, first
make -C lib
make MAKEINFO=true
make install MAKEINFO=true
for p in autoconf autoheader autom4te autoreconf; do
    ln -sf $p-2.55 $PREFIX/bin/$p
done
[ "$(autoconf --version | head -n 1)" = "autoconf (GNU Autoconf) 2.55" ]
