# SPDX-License-Identifier: GPL-3.0-or-later
# stages/automake-1.6.3/build.sh: aclocal 1.6 and automake's m4 library and
# perl modules, as live-bootstrap's steps/automake-1.6.3 pass1.sh (commit
# 865b9aea^) makes them: no configure (it would need an aclocal to make
# it anew, and what the release shipped made by the autotools of its
# makers goes: configure, aclocal.m4, every Makefile.in); aclocal and
# amversion.m4 written out from their .in files.  The second pass
# (stages/automake-1.6.3-pass2) makes automake's configure with this
# aclocal and autoconf 2.52.
. /etc/profile
tar xf /sources/automake-1.6.3.tar
cd automake-1.6.3
rm configure Makefile.in */Makefile.in */*/Makefile.in aclocal.m4
sed -e 's/@VERSION@/1.6.3/' -e 's/@APIVERSION@/1.6/' m4/amversion.in > m4/amversion.m4
sed -e "s%@PERL@%$PREFIX/bin/perl%" -e 's/@PACKAGE@/automake/' -e 's/@APIVERSION@/1.6/' \
    -e 's/@VERSION@/1.6.3/' -e "s%@prefix@%$PREFIX%" -e "s%@datadir@%$PREFIX/share%" \
    aclocal.in > aclocal
install -D aclocal $PREFIX/bin/aclocal-1.6
mkdir -p $PREFIX/share/automake-1.6/Automake $PREFIX/share/aclocal-1.6
cp lib/Automake/*.pm $PREFIX/share/automake-1.6/Automake/
cp m4/*.m4 $PREFIX/share/aclocal-1.6/

[ "$(aclocal-1.6 --version | head -n 1)" = "aclocal (GNU automake) 1.6.3" ]
