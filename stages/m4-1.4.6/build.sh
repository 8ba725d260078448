# SPDX-License-Identifier: GPL-3.0-or-later
# stages/m4-1.4.6/build.sh: GNU m4, by TinyCC and make against musl, our
# Makefile in place of configure.  m4 1.4.6 stands in for live-bootstrap's
# 1.4.7 (steps/m4-1.4.7, commit 865b9aea^): no mirror here has 1.4.7's
# release, only its git tag, which lacks the gnulib files the release
# carries in lib/; 1.4.6's release tarball is here byte for byte, and the
# two differ in six files of src/ (bug fixes), not in the modules built.
. /etc/profile
tar xf /sources/m4-1.4.6.tar
cd m4-1.4.6
# -f Makefile: the tarball's GNUmakefile (a maintainer's wrapper) would come first
cp /stages/m4-1.4.6/Makefile Makefile
make -f Makefile PREFIX=$PREFIX
make -f Makefile PREFIX=$PREFIX install
# macros, arithmetic, conditionals, diversions and m4 -P (flex runs it so)
[ "$(printf 'define(`x'"'"', `4'"'"')eval(x * 10 + 2)\n' | m4)" = 42 ]
[ "$(printf 'ifelse(`a'"'"', `a'"'"', `same'"'"', `differ'"'"')\n' | m4)" = same ]
[ "$(printf 'divert(1)b\ndivert(0)a\n' | m4 | tr -d '\n')" = ab ]
[ "$(printf 'm4_define(`y'"'"', `P'"'"')y\n' | m4 -P)" = P ]
