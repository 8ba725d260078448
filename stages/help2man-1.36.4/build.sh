# SPDX-License-Identifier: GPL-3.0-or-later
# stages/help2man-1.36.4/build.sh: help2man 1.36.4, which later autotools
# make their manual pages with, as live-bootstrap's steps/help2man-1.36.4
# (commit 865b9aea^) makes it: configure made anew from configure.in by
# autoconf 2.59 (the tree from git has none), without native language
# support; the date it would write into every page is left out (pages
# that do not depend on the month they were made in, as live-bootstrap's
# date.patch does); no info manual (no makeinfo in the chain).
. /etc/profile
tar xf /sources/help2man-1.36.4.tar
cd help2man-1.36.4
sed -i 's/^my \$date = strftime "%B %Y", localtime;$/my $date = "";/' help2man.PL
grep -q '^my \$date = "";$' help2man.PL
rm -f configure
ACLOCAL=aclocal-1.8 AUTOMAKE=automake-1.8 autoreconf -f
# install-sh and mkinstalldirs, which configure and the Makefile use,
# came with the release tarball but are not in the tree from git:
# automake's, as its --add-missing would copy them
cp $PREFIX/share/automake-1.8/install-sh $PREFIX/share/automake-1.8/mkinstalldirs .
touch help2man.info
CC=tcc ./configure --prefix=$PREFIX --disable-nls
rm config.log                   # the machine and the time of the run
make MAKEINFO=true
make MAKEINFO=true install

# help2man at work: a manual page from a program's --help and --version
mkdir check
cd check
cat > greet <<'END'
#!/bin/sh
case $1 in
--help) printf 'Usage: greet [OPTION]\nPrint a greeting.\n\n  --help     this help\n  --version  the version\n' ;;
--version) echo 'greet 1.0' ;;
*) echo hello ;;
esac
END
chmod +x greet
help2man -N ./greet > greet.1
grep -q '^\.TH GREET "1" "" "greet 1.0" "User Commands"$' greet.1
grep -q '^Print a greeting\.$' greet.1
cd ..
rm -r check
