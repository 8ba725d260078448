# SPDX-License-Identifier: GPL-3.0-or-later
# stages/flex-2.6.4/build.sh: flex 2.6.4 (its release tarball, which Debian
# carries as flex_2.6.4.orig.tar.gz), by TinyCC, yacc, m4 and flex 2.5.11,
# with our Makefile in place of configure (as live-bootstrap's
# steps/flex-2.6.4, commit 865b9aea^).  The parser, scanner and skeleton
# the release generated are removed first and made anew by the chain's own
# tools.  /usr/bin/lex is flex from now on.
. /etc/profile
tar xf /sources/flex-2.6.4.tar
cd flex-2.6.4/src
cp /stages/flex-2.6.4/Makefile Makefile
touch config.h
rm parse.c parse.h scan.c skel.c
make PREFIX=$PREFIX
make PREFIX=$PREFIX install
[ "$(flex --version)" = "flex 2.6.4" ]
# a scanner made by the new flex (which runs m4 on its skeleton)
printf '%%option noyywrap\n%%%%\n[0-9]+ { printf("<%%s>", yytext); }\n%%%%\nint main(void) { return yylex(); }\n' > num.l
flex num.l
tcc -o num lex.yy.c
[ "$(echo 'a12b' | ./num)" = "a<12>b" ]
