# SPDX-License-Identifier: GPL-3.0-or-later
# stages/autoconf-2.53/build.sh: Autoconf 2.53 by autoconf 2.52 and
# automake 1.6, as live-bootstrap's steps/autoconf-2.53 (commit 865b9aea^)
# makes it: configure, aclocal.m4 and every Makefile.in made anew (its
# configure.ac asks for 2.52 instead of 2.53, without the test suite's
# AC_CONFIG_TESTDIR and the beta notice, which 2.52 lacks); the manual
# pages shipped are not installed (making them anew takes help2man, built
# later); its data goes to a directory of its version.  Installed as
# autoconf-2.53 and friends, with autoconf, autoheader, autom4te and
# autoreconf pointing at them.
. /etc/profile
tar xf /sources/autoconf-2.53.tar
cd autoconf-2.53
sed -i -e 's/^AC_PREREQ(\[2.53\])/AC_PREREQ([2.52])/' -e '/^# We need AC_CONFIG_TESTDIR/d' \
    -e '/^AC_CONFIG_TESTDIR/d' -e '/^# Report the state of this version/,$d' configure.ac
rm Makefile.in */Makefile.in */*/Makefile.in aclocal.m4 configure man/*.1
sed -i '/SUBDIRS/s/ man//' Makefile.am
aclocal-1.6
cat config/m4.m4 >> aclocal.m4
autoconf-2.52
automake-1.6
# @abs_top_builddir@ and @abs_top_srcdir@ are 2.53's, unknown to 2.52
sed -i -e "s%@abs_top_builddir@%$PWD%" -e "s%@abs_top_srcdir@%$PWD%" tests/wrappl.in
for f in Makefile.in */Makefile.in */*/Makefile.in; do
    sed -i '/^pkgdatadir/s/$/-@VERSION@/' $f
done
./configure --prefix=$PREFIX --program-suffix=-2.53
rm config.log                   # the machine and the time of the run
make MAKEINFO=true
make install MAKEINFO=true
for p in autoconf autoheader autom4te autoreconf; do
    ln -sf $p-2.53 $PREFIX/bin/$p
done

# autoconf at work: a configure script made and run (config.log records
# the machine and the time: the directory goes afterwards)
mkdir check
cd check
cat > configure.ac <<'END'
AC_INIT([greeting], [1.0])
AC_SUBST([GREETING], [hello])
AC_CONFIG_FILES([greeting])
AC_OUTPUT
END
echo '@GREETING@, world' > greeting.in
autoconf
sh ./configure
[ "$(cat greeting)" = "hello, world" ]
[ "$(autoconf --version | head -n 1)" = "autoconf (GNU Autoconf) 2.53" ]
cd ..
rm -r check
