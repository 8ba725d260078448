# SPDX-License-Identifier: GPL-3.0-or-later
# stages/coreutils-5.0-pass2/build.sh: GNU coreutils 5.0 again, by TinyCC
# against musl, as live-bootstrap's steps/coreutils-5.0 pass 2 (commit
# 865b9aea^): the programs of pass 1, now linked with musl, and those Mes's
# C library could not build (chroot, comm, dd, env, stat, sync, uname).
# Only pass 1's two touch patches are still needed: touch -d stays without
# getdate (its getdate.c, a bison parser, is removed, not rebuilt, as
# live-bootstrap does), and without the dereferencing it cannot express.
# src/wheel.h, made by a Perl script, goes too: factor is not rebuilt.
. /etc/profile
P=/stages/coreutils-5.0
tar xf /sources/coreutils-5.0.tar
cd coreutils-5.0
cp /stages/coreutils-5.0-pass2/Makefile Makefile
cp lib/fnmatch_.h lib/fnmatch.h
cp lib/ftw_.h lib/ftw.h
cp lib/search_.h lib/search.h
touch config.h
rm src/false.c src/dircolors.h src/wheel.h lib/getdate.c
patch -Np1 -i $P/touch-no-getdate.patch
patch -Np1 -i $P/touch-no-dereference.patch
make -f Makefile PREFIX=$PREFIX
make -f Makefile PREFIX=$PREFIX install
# the programs pass 1 lacked, at work
printf 'a\nb\n' > one
printf 'b\nc\n' > two
[ "$(comm -12 one two)" = b ]
[ "$(echo hello | dd bs=1 count=4 2>/dev/null)" = hell ]
[ "$(env -i FOO=bar env)" = FOO=bar ]
[ "$(stat -c %s one)" = 4 ]
[ "$(uname -s)" = Linux ]
sync
