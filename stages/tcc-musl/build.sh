# SPDX-License-Identifier: GPL-3.0-or-later
# stages/tcc-musl/build.sh: TinyCC 0.9.27 (with stages/tcc-0.9.27-patched's
# patches) for musl: its headers from /usr/include, its libraries from
# /usr/lib/i686-unknown-linux-musl.  As live-bootstrap's steps/tcc-0.9.27
# pass 3 (commit 865b9aea^): tcc-0.9.26 compiles it against Mes's C library
# first (Mes's headers lack what tcc 0.9.27 needs to compile itself, e.g.
# uint64_t without __SIZEOF_LONG_LONG__), then that tcc-musl compiles
# itself, now linked with musl; each time libtcc1.a is made anew by the
# compiler just built.  Installed as /usr/bin/tcc-musl, and /usr/bin/tcc is
# a link to it from here on.
. /etc/profile
P=/stages/tcc-0.9.27-patched
LIBDIR=$PREFIX/lib/i686-unknown-linux-musl
tar xf /sources/tcc-0.9.27.tar
cd tcc-0.9.27
for p in ar-weak-symbols array-qualifiers static-link; do
    patch -Np1 -i $P/$p.patch
done
touch config.h
ln -sf $PREFIX/lib/mes/tcc/libtcc1.a ./libtcc1.a
for TCC in tcc-0.9.26 ./tcc-musl; do
    $TCC \
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
    $TCC -c -D HAVE_CONFIG_H=1 lib/libtcc1.c
    $TCC -ar cr libtcc1.a libtcc1.o
done
install -D tcc-musl $PREFIX/bin/tcc-musl
ln -sf tcc-musl $PREFIX/bin/tcc
install -D libtcc1.a $LIBDIR/tcc/libtcc1.a
tcc -version
