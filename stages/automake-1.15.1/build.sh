# SPDX-License-Identifier: GPL-3.0-or-later
# stages/automake-1.15.1/build.sh: automake 1.15.1 by itself, as
# live-bootstrap's steps/automake-1.15.1 (commit 865b9aea^) makes it: its
# ./bootstrap makes aclocal and automake from their .in files and runs them
# with autoconf 2.69, so configure, aclocal.m4 and every Makefile.in are
# made anew.  Without the manual and the test suite's makefile fragments
# (doc/ and t/Makefile.inc: the manual is not built, and the tests would
# be made by the tools being built).  Installed as automake-1.15 and
# aclocal-1.15, the unversioned names left free.
. /etc/profile
tar xf /sources/automake-1.15.1.tar
cd automake-1.15.1
sed -i -e '/doc\/Makefile.inc/d' -e '/t\/Makefile.inc/d' Makefile.am
# perl 5.6.2 cannot parse aclocal's bare `glob` (as $_) in a foreach list
# unless File::Glob is loaded first, as live-bootstrap's aclocal_glob.patch
# has it
sed -i 's/^use File::Basename;$/&\nuse File::Glob;/' bin/aclocal.in
# the chain's perl 5.6.2 has no umask (its Configure found none): the
# bootstrap's generator of t/testsuite-part.am then leaves its output's
# mode as created, as live-bootstrap's bootstrap.patch has it
sed -i '/chmod (\$perms & ~umask, \$tmpfile)/,+1d' gen-testsuite-part
export AUTOCONF="autoconf -f"
./bootstrap
# configure looks for a shell for the test suite and refuses bash 2.05b
# (its ${#var} test fails): the suite is not run here, so the shell is
# named, configure's own switch (live-bootstrap drops the tests instead)
./configure --prefix=$PREFIX --build=i686-pc-linux-gnu AM_TEST_RUNNER_SHELL=/bin/sh
rm config.log                   # the machine and the time of the run
make MAKEINFO=true
make install MAKEINFO=true
rm $PREFIX/bin/automake $PREFIX/bin/aclocal
[ "$(automake-1.15 --version | head -n 1)" = "automake (GNU automake) 1.15.1" ]
[ "$(aclocal-1.15 --version | head -n 1)" = "aclocal (GNU automake) 1.15.1" ]
