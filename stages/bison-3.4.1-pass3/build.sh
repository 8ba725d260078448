# SPDX-License-Identifier: GPL-3.0-or-later
# stages/bison-3.4.1-pass3/build.sh: bison 3.4.1, pass 3 of 3 (as
# live-bootstrap's): bison itself, its parser made by pass 2's bison from
# the original src/parse-gram.y.  Two checks follow.  The fixpoint: this
# bison makes the same parser and header from that grammar as pass 2's
# did.  An oracle from outside the chain: the parser bison's developers
# made with their own bison 3.4 and keep in the repository (bison_unpack
# removes it): ours without #line directives differs from it only in the
# version and in the header's path, which their build gave as src/.
. /etc/profile
. /stages/bison-3.4.1/bison.sh
bison_unpack
bison_install
mv src/parse-gram.c src/parse-gram.h .
bison -d -o src/parse-gram.c src/parse-gram.y
same_file parse-gram.c src/parse-gram.c
same_file parse-gram.h src/parse-gram.h
mkdir upstream
(cd upstream && tar xf /sources/bison-3.4.1.tar bison-3.4.1/src/parse-gram.c bison-3.4.1/src/parse-gram.h)
bison --no-lines -d -o src/parse-gram.c src/parse-gram.y
for f in parse-gram.c parse-gram.h; do
    sed -e 's/made by GNU Bison 3\.4\.1\./made by GNU Bison 3.4./' \
        -e 's/^#define YYBISON_VERSION "3\.4\.1"$/#define YYBISON_VERSION "3.4"/' \
        -e 's,^#include "parse-gram\.h"$,#include "src/parse-gram.h",' src/$f > $f.as-upstream
    same_file upstream/bison-3.4.1/src/$f $f.as-upstream
done
