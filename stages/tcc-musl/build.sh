# SPDX-License-Identifier: GPL-3.0-or-later
# stages/tcc-musl/build.sh: TinyCC 0.9.27 (with stages/tcc-0.9.27-patched's
# patches) for musl (tcc-musl.sh).  As live-bootstrap's steps/tcc-0.9.27
# pass 3 (commit 865b9aea^): tcc-0.9.26 compiles it against Mes's C library
# first (Mes's headers lack what tcc 0.9.27 needs to compile itself, e.g.
# uint64_t without __SIZEOF_LONG_LONG__), with Mes's libtcc1.a; then that
# tcc-musl compiles itself, now linked with musl, and libtcc1.a anew.
. /etc/profile
. /stages/tcc-musl/tcc-musl.sh
tcc_patched_unpack
ln -sf $PREFIX/lib/mes/tcc/libtcc1.a ./libtcc1.a
tcc_musl_compile tcc-0.9.26
tcc_musl_compile ./tcc-musl
tcc_musl_install
