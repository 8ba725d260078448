# SPDX-License-Identifier: GPL-3.0-or-later
# stages/perl-5.000/build.sh: perl 5.000, the chain's first perl, as
# live-bootstrap's steps/perl-5.000 (commit 865b9aea^) makes it: miniperl
# by TinyCC against musl, without Configure (config.h says what it would
# find).  What perl would generate is made without one: the parser
# (perly.c, perly.h) anew from perly.y by the chain's bison; embed.h by
# perl's own embed_h.SH; keywords.h and opcode.h from the data of
# keywords.pl and opcode.pl by perl-data.awk (live-bootstrap uses shell
# and awk scripts of its own there).  The three headers must equal those
# perl 5.000 shipped, and, once miniperl runs, what keywords.pl and
# opcode.pl themselves write.
. /etc/profile
tar xf /sources/perl-5.000.tar
cd perl-5.000
cp /stages/perl-5.000/config.h /stages/perl-5.000/Makefile .
mkdir shipped
mv perly.c perly.h embed.h keywords.h opcode.h shipped/
bison -d perly.y
mv perly.tab.c perly.c
mv perly.tab.h perly.h
sh embed_h.SH
awk -v make=keywords -f /stages/perl-5.000/perl-data.awk keywords.pl > keywords.h
awk -v make=opcode -f /stages/perl-5.000/perl-data.awk opcode.pl > opcode.h
for h in embed.h keywords.h opcode.h; do
    cmp $h shipped/$h
done
make PREFIX=$PREFIX
make PREFIX=$PREFIX install

# perl at work: the generators it stood in for, then a few of its parts
mkdir check
cd check
cp ../keywords.pl ../opcode.pl .
perl keywords.pl
perl opcode.pl
cmp keywords.h ../keywords.h
cmp opcode.h ../opcode.h
[ "$(perl -e 'print "hello, world\n"')" = "hello, world" ]
[ "$(perl -e '%h = (b, 2, a, 1); print join(",", map { "$_=$h{$_}" } sort keys %h), "\n"')" = "a=1,b=2" ]
[ "$(echo 'foo=1 bar=22' | perl -ne 'while (/(\w+)=(\d+)/g) { $s += $2 } print "$s\n"')" = 23 ]
[ "$(perl -e 'print unpack("H*", pack("N n", 0x01020304, 0x0506)), "\n"')" = 010203040506 ]
[ "$(perl -e 'printf "%.3f %05d %s\n", 3.14159, 42, substr("abcdef", 2, 3)')" = "3.142 00042 cde" ]
# signals by name: a handler for USR1, which perl sends itself
[ "$(perl -e '$SIG{USR1} = "got"; sub got { print "got $_[0]\n" } kill "USR1", $$; $SIG{INT} = "IGNORE"; print "$SIG{INT}\n"')" = "$(printf 'got USR1\nIGNORE')" ]
