# SPDX-License-Identifier: GPL-3.0-or-later
# stages/grep-2.4/build.sh: GNU grep 2.4, by TinyCC and make against musl
# (stage 3), our Makefile in place of configure (as live-bootstrap's
# steps/grep-2.4, commit 865b9aea^).  grep 2.4 does not look at the name it
# is run by, so egrep and fgrep are the scripts later GNU greps install
# (exec grep -E, grep -F), where live-bootstrap makes links to grep that
# match as grep does.
. /etc/profile
tar xf /sources/grep-2.4.tar
cd grep-2.4
cp /stages/grep-2.4/Makefile Makefile
make
install -D grep $PREFIX/bin/grep
printf '#!/usr/bin/bash\nexec grep -E "$@"\n' > $PREFIX/bin/egrep
printf '#!/usr/bin/bash\nexec grep -F "$@"\n' > $PREFIX/bin/fgrep
chmod 755 $PREFIX/bin/egrep $PREFIX/bin/fgrep
echo needle | grep -q needle
echo 'a+b' | fgrep -q 'a+b'
echo aab | egrep -q '^a+b$'
