# SPDX-License-Identifier: GPL-3.0-or-later
# stages/automake-1.6.3-pass2/build.sh: automake 1.6.3 itself, as
# live-bootstrap's steps/automake-1.6.3 pass2.sh (commit 865b9aea^) makes
# it: its configure made anew by aclocal 1.6 (the first pass) and autoconf
# 2.52 from configure.in, without the Makefiles (there is no automake yet
# to make their Makefile.in), and run to write automake, aclocal and
# amversion.m4.  Installed as /usr/bin/automake-1.6 and aclocal-1.6, with
# the Makefile fragments (am/) automake assembles and, as its lib/Makefile
# would install them, the scripts and files --add-missing copies into a
# package (depcomp, install-sh, missing ...), which live-bootstrap's pass
# leaves out.
. /etc/profile
tar xf /sources/automake-1.6.3.tar
cd automake-1.6.3
sed -i '/Makefile/d' configure.in
rm configure Makefile.in */Makefile.in */*/Makefile.in aclocal.m4
aclocal-1.6
autoconf-2.52
./configure --prefix=$PREFIX
rm config.log                   # the machine and the time of the run
install -D automake $PREFIX/bin/automake-1.6
install -D aclocal $PREFIX/bin/aclocal-1.6
mkdir -p $PREFIX/share/automake-1.6/am
cp lib/Automake/*.pm $PREFIX/share/automake-1.6/Automake/
cp lib/am/*.am $PREFIX/share/automake-1.6/am/
cd lib
cp COPYING INSTALL texinfo.tex ansi2knr.c ansi2knr.1 $PREFIX/share/automake-1.6/
for f in config.guess config.sub install-sh mdate-sh missing mkinstalldirs elisp-comp ylwrap \
         acinstall depcomp compile py-compile; do
    install -m 755 $f $PREFIX/share/automake-1.6/
done
cd ..
cp m4/*.m4 $PREFIX/share/aclocal-1.6/

# automake at work: a Makefile.in from a Makefile.am, configured and built
mkdir check
cd check
cat > configure.in <<'END'
AC_INIT(hello.c)
AC_CONFIG_AUX_DIR(.)
AM_INIT_AUTOMAKE(hello, 1.0)
AC_PROG_CC
AC_OUTPUT(Makefile)
END
printf 'bin_PROGRAMS = hello\nhello_SOURCES = hello.c\n' > Makefile.am
printf '#include <stdio.h>\nint main(void) { puts("hello, automake"); return 0; }\n' > hello.c
aclocal-1.6
autoconf-2.52
automake-1.6 --add-missing --foreign
CC=tcc ./configure
make
[ "$(./hello)" = "hello, automake" ]
[ "$(automake-1.6 --version | head -n 1)" = "automake (GNU automake) 1.6.3" ]
cd ..
rm -r check
