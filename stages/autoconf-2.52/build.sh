# SPDX-License-Identifier: GPL-3.0-or-later
# stages/autoconf-2.52/build.sh: Autoconf 2.52, the first autoconf, as
# live-bootstrap's steps/autoconf-2.52 (commit 865b9aea^) makes it: no
# configure (there is no autoconf yet to make one anew): the autoconf
# script from autoconf.in with its few values written in, acversion.m4
# from acversion.in (what configure would make; the release tree from
# git has no copy), and its m4 library frozen by the chain's m4.
# Installed as /usr/bin/autoconf-2.52 and /usr/bin/autoconf.
. /etc/profile
tar xf /sources/autoconf-2.52.tar
cd autoconf-2.52
sed -e 's/@VERSION@/2.52/' acversion.in > acversion.m4
sed -e 's%^#! @SHELL@%#!/bin/sh%' -e 's/@M4@/m4/' -e 's/@AWK@/awk/' \
    -e 's/@PACKAGE_NAME@/Autoconf/' -e 's/@VERSION@/2.52/' \
    -e "s%@datadir@%$PREFIX/share/autoconf-2.52%" autoconf.in > autoconf
chmod +x autoconf
m4 autoconf.m4 --freeze-state=autoconf.m4f
install -D autoconf $PREFIX/bin/autoconf-2.52
ln -s autoconf-2.52 $PREFIX/bin/autoconf
mkdir -p $PREFIX/share/autoconf-2.52
cp *.m4 autoconf.m4f $PREFIX/share/autoconf-2.52/

# autoconf at work: a configure script made and run (in a directory that
# goes afterwards: config.log records the machine and the time)
mkdir check
cd check
cat > configure.ac <<'END'
AC_INIT(greeting.in)
GREETING=hello
AC_SUBST(GREETING)
AC_OUTPUT(greeting)
END
echo '@GREETING@, world' > greeting.in
autoconf
sh ./configure
[ "$(cat greeting)" = "hello, world" ]
[ "$(autoconf --version | head -n 1)" = "autoconf (Autoconf) 2.52" ]
cd ..
rm -r check
