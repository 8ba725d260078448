# SPDX-License-Identifier: GPL-3.0-or-later
# stages/automake-by-bootstrap/build.sh: automake 1.10.3 and 1.11.2, each
# by itself, as live-bootstrap's steps/automake-1.10.3 and -1.11.2 (commit
# 865b9aea^) make them: its ./bootstrap runs the aclocal and automake of
# this tree (made from their .in files by sed) and the newest autoconf, so
# configure, aclocal.m4 and every Makefile.in are made anew.  The step's
# name (its working directory, /build/automake-VERSION) says which.
# Without doc/ (its amhello tarball and manual pages would be made by the
# tools being built; the manual is not built).  Installed under its API
# version's names (automake-1.10, aclocal-1.10 ...).
. /etc/profile
v=${PWD##*/automake-}
api=${v%.*}
# the unversioned names each leaves out, as live-bootstrap's do: 1.11.2
# keeps its aclocal (automake 1.15.1 replaces it, then removes it)
case $v in
1.10.3) unversioned="automake aclocal" ;;
1.11.2) unversioned="automake" ;;
esac
tar xf /sources/automake-$v.tar
cd automake-$v
rm -f configure aclocal.m4 Makefile.in */Makefile.in */*/Makefile.in \
    */*/*/Makefile.in
sed -i '/^SUBDIRS/s/ doc / /' Makefile.am
# perl 5.6.2 cannot parse aclocal's bare `glob` (as $_) in a foreach list
# unless File::Glob is loaded first, as live-bootstrap's aclocal_glob.patch
# has it
sed -i 's/^use File::stat;$/&\nuse File::Glob;/' aclocal.in
./bootstrap
# configure asks config.guess for the machine, which reads uname: the
# native twin, an i386 program on an x86_64 kernel, is told x86_64, our
# kernel says i686; named here, the answer is the machine's own
./configure --prefix=$PREFIX --build=i686-pc-linux-gnu
rm config.log                   # the machine and the time of the run
make MAKEINFO=true
make install MAKEINFO=true
for p in $unversioned; do
    rm $PREFIX/bin/$p
done
[ "$(automake-$api --version | head -n 1)" = "automake (GNU automake) $v" ]
[ "$(aclocal-$api --version | head -n 1)" = "aclocal (GNU automake) $v" ]
