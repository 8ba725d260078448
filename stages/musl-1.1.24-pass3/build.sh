# SPDX-License-Identifier: GPL-3.0-or-later
# stages/musl-1.1.24-pass3/build.sh: musl 1.1.24 a third time, by
# tcc-musl, now whole: the wide character classes and iconv that passes 1
# and 2 left out are back (live-bootstrap's pass 3, commit 865b9aea^).
# Their tables (src/ctype/alpha.h, punct.h, ..., src/locale/codepages.h,
# ...) are the generated files musl's own repository carries, used as they
# are: live-bootstrap at this commit does the same (it only prepares, in
# disable_ctype_headers.patch, for making them anew later); making them from
# the Unicode data by the chain's own tools is not done yet.
. /etc/profile
. /stages/musl-1.1.24/musl.sh
musl_unpack
musl_install
