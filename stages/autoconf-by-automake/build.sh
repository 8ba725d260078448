# SPDX-License-Identifier: GPL-3.0-or-later
# stages/autoconf-by-automake/build.sh: autoconf 2.64 and 2.69, each by the
# newest automake and autoconf before it through autoreconf, as
# live-bootstrap's steps/autoconf-2.64 and -2.69 (commit 865b9aea^) make
# them: configure, aclocal.m4, every Makefile.in and the manual pages (by
# help2man, from the programs just built) made anew; no manual in info.
# The step's name (its working directory, /build/autoconf-VERSION) says
# which.  Data in a directory of its version, programs with the version
# as a suffix; the unversioned names then point at this one.
. /etc/profile
v=${PWD##*/autoconf-}
# the automake each is made by (configure.ac asks for 1.10 and 1.11)
case $v in
2.64) am=1.10 ;;
2.69) am=1.11 ;;
esac
tar xf /sources/autoconf-$v.tar
cd autoconf-$v
rm -f configure aclocal.m4 Makefile.in */Makefile.in */*/Makefile.in \
    man/*.1 doc/*.info
if [ $v = 2.64 ]; then
    # 2.64 is a git tree: its version comes from .tarball-version, which
    # only a release tarball has.  It has no INSTALL either, which its
    # Makefile would make by makeinfo (not in the chain yet) and install
    # as data no program reads: not installed.
    echo $v > .tarball-version
    sed -i '/^pkgdata_DATA = \$(srcdir)\/INSTALL$/d' Makefile.am
    # and no build-aux scripts (install-sh, missing ...): from automake
    install=-i
fi
AUTOMAKE=automake-$am ACLOCAL=aclocal-$am autoreconf -f $install
for f in Makefile.in */Makefile.in */*/Makefile.in; do
    sed -i '/^pkgdatadir/s/$/-@VERSION@/' $f
done
# 2.69's configure asks config.guess for the machine, which reads uname:
# the native twin, an i386 program on an x86_64 kernel, is told x86_64,
# our kernel says i686; named here, the answer is the machine's own
./configure --prefix=$PREFIX --program-suffix=-$v --build=i686-pc-linux-gnu
rm config.log                   # the machine and the time of the run
make MAKEINFO=true
make install MAKEINFO=true
for p in autoconf autoheader autom4te autoreconf; do
    ln -sf $p-$v $PREFIX/bin/$p
done
[ "$(autoconf --version | head -n 1)" = "autoconf (GNU Autoconf) $v" ]
grep -q "^\.TH AUTOCONF \"1\" \"\" \".*$v\"" $PREFIX/share/man/man1/autoconf-$v.1
