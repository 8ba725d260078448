# SPDX-License-Identifier: GPL-3.0-or-later
# stages/flex-2.5.11/build.sh: flex 2.5.11 (westes/flex d160f024, the
# commit live-bootstrap pins), by TinyCC, heirloom's lex and yacc, with our
# Makefile in place of configure (as live-bootstrap's steps/flex-2.5.11 pass
# 1, commit 865b9aea^).  Its patches and scan.lex.l are live-bootstrap's:
# scan_l.patch moves comments heirloom's lex cannot read, yyin.patch drops
# a declaration that clashes with lex's, scan.lex.l is scan.l as lex reads
# it.  flex replaces heirloom's lex as /usr/bin/lex.
. /etc/profile
R=/stages/flex-2.5.11
tar xf /sources/flex-2.5.11.tar
cd flex-2.5.11
for p in scan_l yyin; do
    patch -Np1 -i $R/$p.patch
done
cp $R/Makefile Makefile
cp $R/scan.lex.l .
rm -r to.do
touch config.h
make PREFIX=$PREFIX
make PREFIX=$PREFIX install
# a scanner made by the new flex, linked with lex's library
printf '%%%%\n[0-9]+ { printf("<%%s>", yytext); }\n' > num.l
flex num.l
tcc -o num lex.yy.c -ll
[ "$(echo 'a12b' | ./num)" = "a<12>b" ]
