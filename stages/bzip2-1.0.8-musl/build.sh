# SPDX-License-Identifier: GPL-3.0-or-later
# stages/bzip2-1.0.8-musl/build.sh: bzip2 1.0.8 again, now against musl,
# by bzip2's own Makefile with no patch: musl has all it calls
# (live-bootstrap's steps/bzip2-1.0.8 pass 2, commit 865b9aea^).
. /etc/profile
tar xf /sources/bzip2-1.0.8.tar
cd bzip2-1.0.8
make CC=tcc AR="tcc -ar" bzip2
install -D bzip2 $PREFIX/bin/bzip2
ln -sf $PREFIX/bin/bzip2 $PREFIX/bin/bunzip2
ln -sf $PREFIX/bin/bzip2 $PREFIX/bin/bzcat
[ "$(echo round | bzip2 | bzcat)" = round ]
