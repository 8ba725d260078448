# SPDX-License-Identifier: GPL-3.0-or-later
# stages/tcc-musl/tcc-musl.sh: what every build of tcc-musl does, sourced
# by stages/tcc-musl/build.sh and stages/tcc-musl-pass2/build.sh.
# The tree is stages/tcc-0.9.27-patched's (tcc_patched_unpack, from its
# unpack.sh).  tcc_musl_compile TCC has TCC compile ./tcc-musl, the TinyCC
# whose headers are /usr/include and libraries
# /usr/lib/i686-unknown-linux-musl, and libtcc1.a (with -B ., TCC links
# what is in the build directory); tcc_musl_install installs both, and
# /usr/bin/tcc is a link to tcc-musl from then on.  As live-bootstrap's
# steps/tcc-0.9.27 passes 3 and 4 (commit 865b9aea^).
. /stages/tcc-0.9.27-patched/unpack.sh
LIBDIR=$PREFIX/lib/i686-unknown-linux-musl

tcc_musl_compile() {
    $1 \
        -v \
        -static \
        -o tcc-musl \
        -D TCC_TARGET_I386=1 \
        -D CONFIG_TCCDIR=\"$LIBDIR/tcc\" \
        -D CONFIG_TCC_CRTPREFIX=\"$LIBDIR\" \
        -D CONFIG_TCC_ELFINTERP=\"/musl/loader\" \
        -D CONFIG_TCC_LIBPATHS=\"$LIBDIR:$LIBDIR/tcc\" \
        -D CONFIG_TCC_SYSINCLUDEPATHS=\"$PREFIX/include\" \
        -D TCC_LIBGCC=\"$LIBDIR/libc.a\" \
        -D CONFIG_TCC_STATIC=1 \
        -D CONFIG_USE_LIBGCC=1 \
        -D TCC_VERSION=\"0.9.27\" \
        -D ONE_SOURCE=1 \
        -B . \
        tcc.c
    rm -f libtcc1.a
    $1 -c -D HAVE_CONFIG_H=1 lib/libtcc1.c
    $1 -ar cr libtcc1.a libtcc1.o
}

tcc_musl_install() {
    install -D tcc-musl $PREFIX/bin/tcc-musl
    ln -sf tcc-musl $PREFIX/bin/tcc
    install -D libtcc1.a $LIBDIR/tcc/libtcc1.a
    tcc -version
}
