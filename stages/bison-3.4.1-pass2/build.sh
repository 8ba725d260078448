# SPDX-License-Identifier: GPL-3.0-or-later
# stages/bison-3.4.1-pass2/build.sh: bison 3.4.1, pass 2 of 3 (as
# live-bootstrap's): its parser is made by pass 1's bison from
# src/parse-gram.y without the %printer and %destructor directives
# (no-printers.patch), which pass 1's hand-written parser cannot read.
# The grammar and its actions are the original's; only the parser's
# debugging output and its freeing of values on errors are less.
. /etc/profile
. /stages/bison-3.4.1/bison.sh
bison_unpack
patch -Np1 -i /stages/bison-3.4.1-pass2/no-printers.patch
bison_install
