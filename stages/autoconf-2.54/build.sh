# SPDX-License-Identifier: GPL-3.0-or-later
# stages/autoconf-2.54/build.sh: Autoconf 2.54 by autoconf 2.53 and
# automake 1.7, as live-bootstrap's steps/autoconf-2.54 (commit 865b9aea^)
# makes it: configure, aclocal.m4, every Makefile.in and bin/autoconf.in
# (from autoconf.as, by the autom4te being built) made anew; aclocal 1.7's
# macros ask for autoconf 2.54, which is being built: 2.53 stands in.  The
# manual pages shipped are not installed, its data goes to a directory of
# its version, and the unversioned names point at 2.54.
. /etc/profile
tar xf /sources/autoconf-2.54.tar
cd autoconf-2.54
rm bin/autoconf.in Makefile.in */Makefile.in */*/Makefile.in aclocal.m4 configure man/*.1
sed -i '/SUBDIRS/s/ man//' Makefile.am
aclocal-1.7
sed -i 's/2\.54/2.53/' aclocal.m4
cat config/m4.m4 >> aclocal.m4
autoconf-2.53
automake-1.7
for f in Makefile.in */Makefile.in */*/Makefile.in; do
    sed -i '/^pkgdatadir/s/$/-@VERSION@/' $f
done
./configure --prefix=$PREFIX --program-suffix=-2.54
rm config.log                   # the machine and the time of the run
make -C bin autom4te            # what the rest is made with, first
make -C lib
make MAKEINFO=true
make install MAKEINFO=true
for p in autoconf autoheader autom4te autoreconf; do
    ln -sf $p-2.54 $PREFIX/bin/$p
done
[ "$(autoconf --version | head -n 1)" = "autoconf (GNU Autoconf) 2.54" ]
