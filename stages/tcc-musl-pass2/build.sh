# SPDX-License-Identifier: GPL-3.0-or-later
# stages/tcc-musl-pass2/build.sh: tcc-musl compiles itself once more, now
# linked with musl's second pass (live-bootstrap's steps/tcc-0.9.27 pass 4,
# commit 865b9aea^).  Its reason, in its parts.rst: musl's first pass was
# compiled by a TinyCC linked with Mes's C library, the second by tcc-musl
# ("a 'fixed' musl"), and TinyCC uses floats extensively.  It starts from
# the libtcc1.a installed by the step before.
. /etc/profile
. /stages/tcc-musl/tcc-musl.sh
tcc_patched_unpack
ln -sf $LIBDIR/tcc/libtcc1.a ./libtcc1.a
tcc_musl_compile tcc-musl
tcc_musl_install
