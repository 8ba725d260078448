# SPDX-License-Identifier: GPL-3.0-or-later
# stages/bison-3.4.1/bison.sh: what bison's three passes share (sourced by
# each pass's build.sh).  The source is bison's git tree at the v3.4.1 tag,
# standing in for the release tarball, which no mirror here has.  The tag
# lacks what bison's bootstrap script adds to make the tarball: gnulib's
# modules in lib/ (copied by gnulib-tool from the gnulib commit the tag
# names as its submodule, d654989d) and data/m4sugar's two files (symlinks
# into its autoconf submodule, 487d6aaa).  bison_unpack puts those in from
# the same two commits' trees, bison's own lib/ files over gnulib's, as
# gnulib-tool leaves a package's own files.  No generated file is taken:
# the scanners are made by flex here, the parser by each pass.
R=/stages/bison-3.4.1

bison_unpack() {
    tar xf /sources/bison-3.4.1.tar
    tar xf /sources/gnulib-d654989d.tar
    tar xf /sources/autoconf-487d6aaa.tar
    cd bison-3.4.1
    mv lib lib-bison
    cp -R ../gnulib-d654989d/lib lib
    cp -R lib-bison/* lib/
    rm -r lib-bison
    rm data/m4sugar/m4sugar.m4 data/m4sugar/foreach.m4
    cp ../autoconf-487d6aaa/lib/m4sugar/m4sugar.m4 ../autoconf-487d6aaa/lib/m4sugar/foreach.m4 data/m4sugar/
    # live-bootstrap's patches: gnulib's portable fseterr for musl's FILE,
    # and the includes the scanners need without gnulib's headers
    patch -Np1 -i $R/fseterr.patch
    patch -Np1 -i $R/missing-includes.patch
    mv lib/textstyle.in.h lib/textstyle.h
    # the parser bison's repository keeps, made by a bison from outside
    # the chain (3.4): each pass makes its own
    rm src/parse-gram.c src/parse-gram.h
    cp $R/Makefile $R/config.h $R/configmake.h .
}

# bison_install: builds and installs, then checks the new bison on a
# grammar of its own: an expression calculator, built by TinyCC and run.
bison_install() {
    make PREFIX=$PREFIX
    make PREFIX=$PREFIX install
    bison -o calc.c $R/calc.y
    tcc -o calc calc.c
    [ "$(echo '2*(3+4)-5' | ./calc)" = "9" ]
}

# same_file A B: A and B hold the same bytes (cmp comes later, with
# diffutils)
same_file() {
    [ "$(sha1sum < "$1")" = "$(sha1sum < "$2")" ] || { echo "$1 and $2 differ"; return 1; }
}
