# SPDX-License-Identifier: GPL-3.0-or-later
# stages/musl-1.1.24/build.sh: musl 1.1.24, the C library of the chain from
# here on, by its own configure and Makefile under bash and make (musl.sh).
# Pass 1 is compiled by the TinyCC of the step before, linked with Mes's C
# library; pass 2 (step musl-1.1.24-pass2) by tcc-musl, TinyCC linked with
# pass 1, as live-bootstrap's passes 1 and 2.  Both leave out the wide
# character classes and iconv, whose tables are generated files
# (no-generated-ctype.patch), as live-bootstrap's passes 1 and 2 do: it
# means to make those tables anew with grep, once grep is built.  Pass 3
# (stages/musl-1.1.24-pass3) brings them back.
. /etc/profile
. /stages/musl-1.1.24/musl.sh
musl_unpack
patch -Np1 -i $R/no-generated-ctype.patch
rm src/ctype/iswalpha.c src/ctype/iswalnum.c src/ctype/iswctype.c src/ctype/towctrans.c
rm include/iconv.h src/locale/iconv.c src/locale/iconv_close.c
musl_install
