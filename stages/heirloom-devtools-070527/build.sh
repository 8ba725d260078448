# SPDX-License-Identifier: GPL-3.0-or-later
# stages/heirloom-devtools-070527/build.sh: lex from the Heirloom
# Development Tools (release 070527), by TinyCC and make with its own
# Makefile.mk; its parser goes through yacc.  Only lex is installed, with
# its library and the skeleton (ncform) its scanners are made from, as
# live-bootstrap's steps/heirloom-devtools-070527 (commit 865b9aea^) does:
# flex 2.5.11, the next step, is written in lex.
. /etc/profile
LIBDIR=$PREFIX/lib/i686-unknown-linux-musl
tar xf /sources/heirloom-devtools-070527.tar
cd heirloom-devtools-070527/lex
make -f Makefile.mk CC=tcc AR="tcc -ar" LDFLAGS=-static RANLIB=true LIBDIR=$LIBDIR
mkdir -p $PREFIX/bin $LIBDIR/lex
install lex $PREFIX/bin
install libl.a $LIBDIR
install -m 644 ncform $LIBDIR/lex
# a scanner made by the new lex, linked with its library
printf '%%%%\n[0-9]+ { printf("<%%s>", yytext); }\n' > num.l
lex num.l
tcc -o num lex.yy.c -ll
[ "$(echo 'a12b' | ./num)" = "a<12>b" ]
