# SPDX-License-Identifier: GPL-3.0-or-later
# stages/bison-3.4.1/build.sh: bison 3.4.1, pass 1 of 3 (as live-bootstrap's
# steps/bison-3.4.1, commit 865b9aea^): there is no bison yet to make its
# parser from src/parse-gram.y, so parse-gram.c here is live-bootstrap's
# hand-written recursive-descent parser for a subset of that grammar (by
# Giovanni Mascellani), enough for pass 2's simplified grammar.
. /etc/profile
. /stages/bison-3.4.1/bison.sh
bison_unpack
cp $R/parse-gram.c $R/parse-gram.h src/
bison_install
