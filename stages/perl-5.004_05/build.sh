# SPDX-License-Identifier: GPL-3.0-or-later
# stages/perl-5.004_05/build.sh: perl 5.004_05 by perl 5.003, as
# live-bootstrap's steps/perl5.004-05 (commit 865b9aea^) makes it (the
# same way as stages/perl-5.003): miniperl without Configure, the parser
# by bison, embed.h, keywords.h and opcode.h by the perl before running
# 5.004_05's generators, each equal to the one it shipped.  Installed as
# /usr/bin/perl, with its library in /usr/lib/perl5/5.004_05.
. /etc/profile
tar xf /sources/perl-5.004_05.tar
cd perl-5.004_05
cp /stages/perl-5.004_05/config.h /stages/perl-5.004_05/Makefile .
mkdir shipped
mv perly.c perly.h embed.h keywords.h opcode.h shipped/
bison -d perly.y
mv perly.tab.c perly.c
mv perly.tab.h perly.h
for gen in embed keywords opcode; do
    perl $gen.pl
    cmp $gen.h shipped/$gen.h
done
make PREFIX=$PREFIX
make PREFIX=$PREFIX install

# what 5.004 brought: UNIVERSAL, sprintf's vectors of lists, lc and uc,
# and a module of its library
[ "$(perl -e 'print UNIVERSAL::isa([], "ARRAY") ? "yes" : "no", "\n"')" = yes ]
[ "$(perl -e 'print lc("MiXeD"), uc("case"), "\n"')" = mixedCASE ]
[ "$(perl -e 'use Text::Wrap; $Text::Wrap::columns = 10; print wrap("", "", "aaa bbb ccc ddd"), "\n"')" = "$(printf 'aaa bbb\nccc ddd')" ]
[ "$(perl -e 'print unpack("H*", pack("N n", 0x01020304, 0x0506)), "\n"')" = 010203040506 ]
# signals by name: a handler for USR1, which perl sends itself
[ "$(perl -e '$SIG{USR1} = "got"; sub got { print "got $_[0]\n" } kill "USR1", $$; $SIG{INT} = "IGNORE"; print "$SIG{INT}\n"')" = "$(printf 'got USR1\nIGNORE')" ]
