# SPDX-License-Identifier: GPL-3.0-or-later
# stages/sed-4.0.7-musl/build.sh: GNU sed 4.0.7 again, now against musl
# (live-bootstrap's steps/sed-4.0.9 pass 2, commit 865b9aea^; 4.0.7 stands
# in for 4.0.9, stages/sed-4.0.7/build.kaem says why): the same Makefile,
# where musl brings getline and lib/ supplies alloca.
. /etc/profile
tar xf /sources/sed-4.0.7.tar
cd sed-4.0.7
cp /stages/sed-4.0.7/Makefile Makefile
touch config.h
make
install -D sed/sed $PREFIX/bin/sed
[ "$(echo hello | sed 's/l\+/L/')" = heLo ]
