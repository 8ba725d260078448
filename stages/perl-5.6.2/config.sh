# stages/perl-5.6.2/config.sh: what configpm puts into lib/Config.pm
# (%Config), for the few values the library and the extensions' builds
# read; everything else is empty, as live-bootstrap's
# steps/perl-5.6.2/files/config.sh (commit 865b9aea^) leaves it.  Unlike
# theirs it names the preprocessor (tcc -E, reading standard input):
# Errno_pm.PL runs it for the errno values, and without one Errno.pm
# exports nothing.
ar='tcc -ar'
cc='tcc'
cppstdin='tcc -E -'
cpprun='tcc -E -'
cppminus=''
ldlibpthname='LD_LIBRARY_PATH'
libpth='/usr/lib'
path_sep=':'
archname=''
osname='linux'
osvers=''
startperl='#!/usr/bin/perl'
perlpath='/usr/bin/perl'
sh='/bin/sh'
CONFIGDOTSH=true
