# SPDX-License-Identifier: GPL-3.0-or-later
# stages/perl-5.6.2/build.sh: perl 5.6.2 by perl 5.005_03, as
# live-bootstrap's steps/perl-5.6.2 (commit 865b9aea^) makes it: without
# Configure (config.h; config.sh for Config.pm), the parser by bison (its
# yydestruct line out: bison defines one of its own), every file a perl
# script of 5.6.2 generates made anew by the perl before and equal to the
# shipped one, and the Unicode tables of lib/unicode made anew by
# mktables.PL under the new miniperl (equal to the shipped ones too).
# Errno.pm reads musl's errno values.  Installed as /usr/bin/perl, with
# its library in /usr/lib/perl5/5.6.2.
. /etc/profile
tar xf /sources/perl-5.6.2.tar
cd perl-5.6.2
cp /stages/perl-5.6.2/config.h /stages/perl-5.6.2/Makefile .
generated="perly.c perly.h proto.h pp.sym pp_proto.h perlapi.c perlapi.h opnames.h opcode.h objXSUB.h
           embedvar.h global.sym embed.h keywords.h regnodes.h ext/ByteLoader/byterun.h
           ext/ByteLoader/byterun.c ext/B/B/Asmdata.pm warnings.h lib/warnings.pm"
for f in $generated; do
    mkdir -p shipped/$(dirname $f)
    mv $f shipped/$f
done
mkdir -p shipped/lib/unicode
mv lib/unicode/Is lib/unicode/In lib/unicode/To lib/unicode/*.pl shipped/lib/unicode/
sed -i '/yydestruct/d' perly.y
bison -d perly.y
mv perly.tab.c perly.c
mv perly.tab.h perly.h
for gen in opcode embed keywords regcomp bytecode warnings; do
    perl $gen.pl
done
for f in $generated; do
    case $f in perly.*) ;; *) cmp $f shipped/$f ;; esac
done
sed -i "s#/usr/include/errno.h#$PREFIX/include/bits/errno.h#" ext/Errno/Errno_pm.PL

make PREFIX=$PREFIX miniperl
(cd lib/unicode && ../../miniperl -I../../lib mktables.PL)
# Is/Syllable.pl is the one shipped table mktables.PL does not make (left
# from an earlier release; nothing refers to it): it is not installed, as
# in live-bootstrap
[ "$(diff -r shipped/lib/unicode/Is lib/unicode/Is)" = "Only in shipped/lib/unicode/Is: Syllable.pl" ]
for d in In To; do
    diff -r shipped/lib/unicode/$d lib/unicode/$d
done
for f in shipped/lib/unicode/*.pl; do
    cmp $f lib/unicode/${f##*/}
done
[ "$(ls lib/unicode/*.pl | wc -l)" = "$(ls shipped/lib/unicode/*.pl | wc -l)" ]
make PREFIX=$PREFIX
make PREFIX=$PREFIX install

# perl at work, with its extensions
[ "$(perl -e 'use Data::Dumper; $Data::Dumper::Indent = 0; print Dumper([1, {a => 2}]), "\n"')" = '$VAR1 = [1,{'"'"'a'"'"' => 2}];' ]
[ "$(perl -e 'use POSIX qw(floor strftime); print floor(2.7), strftime(" %Y", gmtime(0)), "\n"')" = "2 1970" ]
[ "$(perl -e 'use Fcntl qw(O_CREAT O_WRONLY); print O_CREAT | O_WRONLY, "\n"')" = 65 ]
[ "$(perl -e 'use Errno qw(ENOENT); open(F, "</nonexistent") or print $! == ENOENT ? "ENOENT\n" : "other\n"')" = ENOENT ]
[ "$(perl -e 'use IO::File; $f = IO::File->new("/etc/profile", "r") or die; print defined($f->getline) ? "line\n" : "none\n"')" = line ]
[ "$(cd /stages && perl -e 'print scalar(@{[glob("perl-5.*")]}) >= 5 ? "glob\n" : "none\n"')" = glob ]
[ "$(perl -e 'print unpack("H*", pack("N n", 0x01020304, 0x0506)), "\n"')" = 010203040506 ]
[ "$(perl -e '$SIG{USR1} = "got"; sub got { print "got $_[0]\n" } kill "USR1", $$; $SIG{INT} = "IGNORE"; print "$SIG{INT}\n"')" = "$(printf 'got USR1\nIGNORE')" ]
