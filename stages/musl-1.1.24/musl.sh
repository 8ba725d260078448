# SPDX-License-Identifier: GPL-3.0-or-later
# stages/musl-1.1.24/musl.sh: what every build of musl 1.1.24 does, sourced
# by stages/musl-1.1.24/build.sh (passes 1 and 2) and
# stages/musl-1.1.24-pass3/build.sh: musl_unpack unpacks and patches it,
# musl_install configures, builds and installs it into
# /usr/lib/i686-unknown-linux-musl and /usr/include, compiled by whatever
# /usr/bin/tcc is at the time.  As live-bootstrap's steps/musl-1.1.24
# (commit 865b9aea^), less its patches for Fiwix (no clone for posix_spawn,
# madvise's errno; our kernel has both calls) and its backport of a fix to
# __set_thread_area's fallback, which the patched musl never calls.  The
# patches beside this file say why each is needed.
R=/stages/musl-1.1.24
LIBDIR=$PREFIX/lib/i686-unknown-linux-musl

musl_unpack() {
    tar xf /sources/musl-1.1.24.tar
    cd musl-1.1.24
    for p in fenv-no-sse empty-archives sigsetjmp-no-jecxz tcc-va-list thread-pointer-variable; do
        patch -Np1 -i $R/$p.patch
    done
    # TinyCC has no complex types
    rm -r src/complex
}

# -DSYSCALL_NO_TLS: system calls by int 0x80, not through the TLS vsyscall pointer.
musl_install() {
    CC=tcc ./configure --host=i386 --disable-shared --prefix=$PREFIX --libdir=$LIBDIR \
        --includedir=$PREFIX/include/
    # configure's tcc -o /dev/null replaced the device file with a regular one
    # (tcc unlinks its output file first): the device again
    if [ -f /dev/null ]; then
        rm /dev/null
        mknod -m 666 /dev/null c 1 3
    fi
    make CROSS_COMPILE= AR="tcc -ar" RANLIB=true CFLAGS="-DSYSCALL_NO_TLS"
    make CROSS_COMPILE= AR="tcc -ar" RANLIB=true CFLAGS="-DSYSCALL_NO_TLS" install
}
