# SPDX-License-Identifier: GPL-3.0-or-later
# stages/libtool-2.2.4/build.sh: GNU libtool 2.2.4 by its ./bootstrap, as
# live-bootstrap's steps/libtool-2.2.4 (commit 865b9aea^) makes it: ltmain.sh,
# ltversion.m4, libtoolize, the test suite's scripts, configure, aclocal.m4
# and every Makefile.in made anew by autom4te, automake 1.10 and autoconf
# 2.61 (configure.ac asks for automake 1.10; live-bootstrap pairs it with
# 2.61).  A static libtool for tcc; libltdl is built, not installed.
. /etc/profile
tar xf /sources/libtool-2.2.4.tar
cd libtool-2.2.4
# what live-bootstrap's two patches do, for output that does not depend on
# the machine: the members of an archive taken apart (find's order, the
# directory's) in sorted order (upstream's 74c8993c), and no host name in
# the libtool script
sed -i 's/\(`find [^`]*\) | \$NL2SP`/\1 | sort | $NL2SP`/' \
    libltdl/config/ltmain.m4sh libltdl/m4/libtool.m4
sed -i '/^# Libtool was configured on host `(hostname/d' libltdl/m4/libtool.m4
# reconfdirs: the bootstrap's own switch that leaves out the old test
# suite's demo packages, as live-bootstrap does by removing them
AUTOMAKE=automake-1.10 ACLOCAL=aclocal-1.10 AUTOM4TE=autom4te-2.61 \
    AUTOCONF=autoconf-2.61 AUTOHEADER=autoheader-2.61 \
    AUTORECONF=autoreconf-2.61 MAKEINFO=true reconfdirs=". libltdl" ./bootstrap
# the names of grep and sed, not the paths configure finds, so the
# libtool script works wherever they are
./configure --prefix=$PREFIX --libdir=$LIBDIR --disable-shared \
    --disable-ltdl-install --build=i386-unknown-linux \
    --host=i386-unknown-linux --target=i386-unknown-linux \
    CC=tcc LD=tcc AR=true RANLIB=true \
    ac_path_EGREP=egrep ac_path_FGREP=fgrep ac_path_GREP=grep ac_path_SED=sed
rm config.log                   # the machine and the time of the run
make AUTOM4TE=autom4te-2.61 MAKEINFO=true
make install MAKEINFO=true
[ "$(libtoolize --version | head -n 1)" = "libtoolize (GNU libtool) 2.2.4" ]
[ "$(libtool --version | head -n 1)" = "ltmain.sh (GNU libtool) 2.2.4" ]
