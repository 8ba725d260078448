# SPDX-License-Identifier: GPL-3.0-or-later
# stages/perl-5.003/build.sh: perl 5.003 by perl 5.000, as live-bootstrap's
# steps/perl-5.003 (commit 865b9aea^) makes it: miniperl by TinyCC against
# musl without Configure (config.h), its parser (perly.c, perly.h) anew
# from perly.y by the chain's bison, and embed.h, keywords.h and opcode.h
# by the perl before it running 5.003's own embed.pl, keywords.pl and
# opcode.pl; they must equal the headers 5.003 shipped (embed.h but one
# line).  Installed as
# /usr/bin/perl, with its library in /usr/lib/perl5/5.003.
. /etc/profile
tar xf /sources/perl-5.003.tar
cd perl-5.003
cp /stages/perl-5.003/config.h /stages/perl-5.003/Makefile .
mkdir shipped
mv perly.c perly.h embed.h keywords.h opcode.h shipped/
bison -d perly.y
mv perly.tab.c perly.c
mv perly.tab.h perly.h
for gen in embed keywords opcode; do
    perl $gen.pl
done
cmp keywords.h shipped/keywords.h
cmp opcode.h shipped/opcode.h
# 5.003's embed.h was made by an earlier embed.pl, which aligned one line
# (regkind) with a tab less; that line is the only difference allowed
diff shipped/embed.h embed.h > embed.diff || true
cmp embed.diff /stages/perl-5.003/embed.h.diff
make PREFIX=$PREFIX
make PREFIX=$PREFIX install

# perl at work, its library included
[ "$(perl -e 'print "hello, world\n"')" = "hello, world" ]
[ "$(perl -e 'print unpack("H*", pack("N n", 0x01020304, 0x0506)), "\n"')" = 010203040506 ]
[ "$(perl -e 'use File::Basename; print basename("/a/b/c.txt"), " ", dirname("/a/b/c.txt"), "\n"')" = "c.txt /a/b" ]
[ "$(perl -e 'my @a = map { $_ * $_ } grep { $_ % 2 } 1 .. 7; local $, = " "; print @a; print "\n"')" = "1 9 25 49" ]
[ "$(perl -e '$r = { a => [1, 2], b => { c => 3 } }; print scalar(@{$r->{a}}) + $r->{b}{c}, "\n"')" = 5 ]
[ "$(perl -e 'print join(":", split(/,\s*/, "x, y,z")), "\n"')" = "x:y:z" ]
# signals by name: a handler for USR1, which perl sends itself
[ "$(perl -e '$SIG{USR1} = "got"; sub got { print "got $_[0]\n" } kill "USR1", $$; $SIG{INT} = "IGNORE"; print "$SIG{INT}\n"')" = "$(printf 'got USR1\nIGNORE')" ]
