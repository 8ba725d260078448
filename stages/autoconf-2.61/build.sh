# SPDX-License-Identifier: GPL-3.0-or-later
# stages/autoconf-2.61/build.sh: Autoconf 2.61 by autoconf 2.59 and
# automake 1.8 through autoreconf, as live-bootstrap's steps/autoconf-2.61
# (commit 865b9aea^) makes it: configure, aclocal.m4 and every Makefile.in
# made anew (its configure.ac without AC_PROG_GREP and AC_PROG_SED, which
# 2.59 lacks), and its manual pages made anew by help2man from the
# programs just built; data in a directory of its version; the
# unversioned names then point at 2.61.
. /etc/profile
tar xf /sources/autoconf-2.61.tar
cd autoconf-2.61
rm Makefile.in */Makefile.in */*/Makefile.in aclocal.m4 configure man/*.1
sed -i -e '/AC_PROG_GREP/d' -e '/AC_PROG_SED/d' configure.ac
AUTOMAKE=automake-1.8 ACLOCAL=aclocal-1.8 AUTOCONF=autoconf autoreconf -f
for f in Makefile.in */Makefile.in */*/Makefile.in; do
    sed -i '/^pkgdatadir/s/$/-@VERSION@/' $f
done
./configure --prefix=$PREFIX --program-suffix=-2.61
rm config.log                   # the machine and the time of the run
make MAKEINFO=true
make install MAKEINFO=true
for p in autoconf autoheader autom4te autoreconf; do
    ln -sf $p-2.61 $PREFIX/bin/$p
done
[ "$(autoconf --version | head -n 1)" = "autoconf (GNU Autoconf) 2.61" ]
# the manual page help2man made, without a date (in /usr/man: 2.59's
# configure puts mandir there)
grep -q '^\.TH AUTOCONF "1" "" ".*2\.61"' $PREFIX/man/man1/autoconf-2.61.1
