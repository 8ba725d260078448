# SPDX-License-Identifier: GPL-3.0-or-later
# stages/system/uninstall-heirloom.sh: what heirloom-devtools installed and
# nothing replaced since goes, as live-bootstrap's `uninstall:
# heirloom-devtools-070527` after flex 2.6.4 (commit 865b9aea^): lex's
# library and skeleton.  /usr/bin/lex is flex's link by now and stays.
. /etc/profile
L=$PREFIX/lib/i686-unknown-linux-musl
rm $L/libl.a $L/lex/ncform
rmdir $L/lex
[ "$(readlink $PREFIX/bin/lex)" = flex ]
