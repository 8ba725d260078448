# SPDX-License-Identifier: GPL-3.0-or-later
# stages/perl-5.005_03/build.sh: perl 5.005_03 by perl 5.004_05, as
# live-bootstrap's steps/perl5.005-03 (commit 865b9aea^) makes it:
# miniperl without Configure, the parser by bison, and every file a perl
# script of 5.005_03 generates made anew by the perl before (embed.pl:
# embed.h, embedvar.h; keywords.pl; opcode.pl: opcode.h, pp_proto.h;
# regcomp.pl: regnodes.h; bytecode.pl: byterun.c, byterun.h and the B
# compiler's Asmdata.pm), each equal to the one 5.005_03 shipped.
# Installed as /usr/bin/perl, with its library in /usr/lib/perl5/5.005_03.
. /etc/profile
tar xf /sources/perl-5.005_03.tar
cd perl-5.005_03
cp /stages/perl-5.005_03/config.h /stages/perl-5.005_03/Makefile .
generated="perly.c perly.h embed.h embedvar.h keywords.h opcode.h pp_proto.h regnodes.h byterun.c
           byterun.h ext/B/B/Asmdata.pm"
for f in $generated; do
    mkdir -p shipped/$(dirname $f)
    mv $f shipped/$f
done
bison -d perly.y
mv perly.tab.c perly.c
mv perly.tab.h perly.h
for gen in embed keywords opcode regcomp bytecode; do
    perl $gen.pl
done
for f in $generated; do
    case $f in perly.*) ;; *) cmp $f shipped/$f ;; esac
done
make PREFIX=$PREFIX
make PREFIX=$PREFIX install

# what 5.005 brought: qr//, and perl's library at work
[ "$(perl -e '$re = qr/(\d+)-(\d+)/; "x 12-34 y" =~ $re and print $1 + $2, "\n"')" = 46 ]
[ "$(perl -e 'use Text::ParseWords; print join("|", shellwords(q{a "b c" d})), "\n"')" = "a|b c|d" ]
[ "$(perl -e 'print unpack("H*", pack("N n", 0x01020304, 0x0506)), "\n"')" = 010203040506 ]
# signals by name: a handler for USR1, which perl sends itself
[ "$(perl -e '$SIG{USR1} = "got"; sub got { print "got $_[0]\n" } kill "USR1", $$; $SIG{INT} = "IGNORE"; print "$SIG{INT}\n"')" = "$(printf 'got USR1\nIGNORE')" ]
