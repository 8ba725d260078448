# SPDX-License-Identifier: GPL-3.0-or-later
# stages/musl-1.1.24/build.sh: musl 1.1.24, the C library of the chain
# from here on, configured and built by its own configure and Makefile
# under bash and make, compiled by the TinyCC of the step before; installed
# into /usr/lib/i686-unknown-linux-musl and /usr/include.  As live-bootstrap's
# steps/musl-1.1.24 pass 1 (commit 865b9aea^), less its patches for Fiwix
# (no clone for posix_spawn, madvise's errno; our kernel has both calls) and
# its backport of a fix to __set_thread_area's fallback, which the patched
# musl never calls.  The patches beside this file say why each is needed;
# -DSYSCALL_NO_TLS: system calls by int 0x80, not through the TLS vsyscall
# pointer.
. /etc/profile
R=/stages/musl-1.1.24
LIBDIR=$PREFIX/lib/i686-unknown-linux-musl
tar xf /sources/musl-1.1.24.tar
cd musl-1.1.24
for p in fenv-no-sse empty-archives sigsetjmp-no-jecxz tcc-va-list no-generated-ctype \
         thread-pointer-variable; do
    patch -Np1 -i $R/$p.patch
done
rm src/ctype/iswalpha.c src/ctype/iswalnum.c src/ctype/iswctype.c src/ctype/towctrans.c
rm include/iconv.h src/locale/iconv.c src/locale/iconv_close.c
# TinyCC has no complex types
rm -r src/complex
CC=tcc ./configure --host=i386 --disable-shared --prefix=$PREFIX --libdir=$LIBDIR \
    --includedir=$PREFIX/include/
make CROSS_COMPILE= AR="tcc -ar" RANLIB=true CFLAGS="-DSYSCALL_NO_TLS"
make CROSS_COMPILE= AR="tcc -ar" RANLIB=true CFLAGS="-DSYSCALL_NO_TLS" install
