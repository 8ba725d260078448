# SPDX-License-Identifier: GPL-3.0-or-later
# stages/stage4a-check/build.sh: stage 4a's tools at work.  perl answers
# known questions; autoconf, automake and libtoolize name their versions;
# then a small package is written the way a developer writes one
# (configure.ac and Makefile.am only) and turned by libtoolize, aclocal,
# autoconf and automake into a configure script and makefiles, which
# build a program from a libtool convenience library with TinyCC.  Any
# wrong answer fails the step.
. /etc/profile
fail() { echo "stage4a-check: FAIL: $*"; exit 1; }

# perl 5.6.2: arithmetic, lists, hashes, regular expressions, sprintf,
# sort, a module from its library, and files
[ "$(perl -e 'print join(",", map { $_ * $_ } 1 .. 5), "\n"')" = 1,4,9,16,25 ] || fail "perl map"
[ "$(perl -e '%h = (b => 2, a => 1, c => 3); print join(" ", map { "$_=$h{$_}" } sort keys %h)')" = "a=1 b=2 c=3" ] || fail "perl hash and sort"
[ "$(echo 'automake-1.15.1.tar' | perl -ne 'print "$1 $2" if /^(\w+)-([\d.]+)\.tar$/')" = "automake 1.15.1" ] || fail "perl regex"
[ "$(perl -e 'printf "%05.1f|%-4s|%x", 3.14159, "ab", 255')" = "003.1|ab  |ff" ] || fail "perl sprintf"
[ "$(perl -MFile::Basename -e 'print basename("/usr/bin/perl")')" = perl ] || fail "perl File::Basename"
perl -e 'open(F, ">p.txt") or die; print F "x" x 1000; close F; print -s "p.txt"' > size.txt
[ "$(cat size.txt)" = 1000 ] || fail "perl file I/O"

# the versions the chain ends stage 4a with
[ "$(perl -e 'print $]')" = 5.006002 ] || fail "perl version $(perl -e 'print $]')"
[ "$(autoconf --version | head -n 1)" = "autoconf (GNU Autoconf) 2.69" ] || fail "autoconf --version"
[ "$(automake-1.15 --version | head -n 1)" = "automake (GNU automake) 1.15.1" ] || fail "automake --version"
[ "$(libtoolize --version | head -n 1)" = "libtoolize (GNU libtool) 2.2.4" ] || fail "libtoolize --version"

# a package from configure.ac and Makefile.am
mkdir greet && cd greet
cat > configure.ac <<'END'
AC_INIT([greet], [1.0])
AC_CONFIG_AUX_DIR([build-aux])
AC_CONFIG_MACRO_DIR([m4])
AM_INIT_AUTOMAKE([foreign])
AC_PROG_CC
LT_INIT([disable-shared])
AC_CHECK_HEADERS([unistd.h])
AC_CONFIG_HEADERS([config.h])
AC_CONFIG_FILES([Makefile])
AC_OUTPUT
END
cat > Makefile.am <<'END'
ACLOCAL_AMFLAGS = -I m4
noinst_LTLIBRARIES = libgreet.la
libgreet_la_SOURCES = greet.c
bin_PROGRAMS = hello
hello_SOURCES = hello.c
hello_LDADD = libgreet.la
END
cat > greet.c <<'END'
#include "config.h"
const char *greeting(void)
{
#ifdef HAVE_UNISTD_H
    return "hello from a package the chain configured";
#else
    return "configure found no unistd.h";
#endif
}
END
cat > hello.c <<'END'
#include <stdio.h>
const char *greeting(void);
int main(void) { puts(greeting()); return 0; }
END
libtoolize --copy
aclocal-1.15 -I m4
autoconf
autoheader
automake-1.15 --add-missing --copy
[ -x configure ] && [ -f Makefile.in ] && [ -f build-aux/ltmain.sh ] || fail "the autotools made no configure, Makefile.in or ltmain.sh"
# tcc is the compiler, the linker and (as tcc -ar) the archiver: no
# binutils yet
./configure CC=tcc LD=tcc AR="tcc -ar" RANLIB=true --build=i686-pc-linux-gnu
rm config.log                   # the machine and the time of the run
make
[ "$(./hello)" = "hello from a package the chain configured" ] || fail "the package's program printed: $(./hello)"
make DESTDIR=$PWD/dest install
[ -x dest/usr/local/bin/hello ] || fail "make install"
echo "stage4a-check: perl, autoconf 2.69, automake 1.15.1 and libtool 2.2.4 gave every answer right and built a package"
