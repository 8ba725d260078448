# SPDX-License-Identifier: GPL-3.0-or-later
# stages/tcc-0.9.27-patched/build.sh: TinyCC 0.9.27 with three changes musl
# needs (the patches beside this file say which and why), compiled, as
# live-bootstrap's steps/tcc-0.9.27 pass 2 (commit 865b9aea^) does, by
# tcc-0.9.26 against Mes's C library; installed as /usr/bin/tcc, with its
# libtcc1.a.  The compiler that builds musl next.
. /etc/profile
. /stages/tcc-0.9.27-patched/unpack.sh
tcc_patched_unpack
tcc-0.9.26 \
    -v \
    -static \
    -o tcc \
    -D TCC_TARGET_I386=1 \
    -D CONFIG_TCCDIR=\"$LIBDIR/tcc\" \
    -D CONFIG_TCC_CRTPREFIX=\"$LIBDIR\" \
    -D CONFIG_TCC_ELFINTERP=\"/mes/loader\" \
    -D CONFIG_TCC_LIBPATHS=\"$LIBDIR:$LIBDIR/tcc\" \
    -D CONFIG_TCC_SYSINCLUDEPATHS=\"$PREFIX/include/mes\" \
    -D TCC_LIBGCC=\"$LIBDIR/libc.a\" \
    -D CONFIG_TCC_STATIC=1 \
    -D CONFIG_USE_LIBGCC=1 \
    -D TCC_VERSION=\"0.9.27\" \
    -D ONE_SOURCE=1 \
    tcc.c
tcc-0.9.26 -c -D HAVE_CONFIG_H=1 lib/libtcc1.c
tcc-0.9.26 -ar cr libtcc1.a libtcc1.o
install -D libtcc1.a $LIBDIR/tcc/libtcc1.a
install -D tcc $PREFIX/bin/tcc
tcc -version
