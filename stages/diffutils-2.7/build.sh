# SPDX-License-Identifier: GPL-3.0-or-later
# stages/diffutils-2.7/build.sh: cmp and diff (GNU diffutils 2.7), by
# TinyCC and make against musl, our Makefile in place of configure (as
# live-bootstrap's steps/diffutils-2.7, commit 865b9aea^).
. /etc/profile
tar xf /sources/diffutils-2.7.tar
cd diffutils-2.7
cp /stages/diffutils-2.7/Makefile Makefile
touch config.h
make PREFIX=$PREFIX
make PREFIX=$PREFIX install
# cmp's status and diff's output on files that differ in one line
printf 'a\nb\nc\n' > one
printf 'a\nB\nc\n' > two
cmp one one
if cmp -s one two; then exit 1; fi
[ "$(diff one two | tr '\n' ' ')" = "2c2 < b --- > B " ]
