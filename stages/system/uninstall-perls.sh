# SPDX-License-Identifier: GPL-3.0-or-later
# stages/system/uninstall-perls.sh: what the perls before 5.6.2 installed
# and 5.6.2 did not replace goes, as live-bootstrap's `uninstall:
# perl-5.000 perl-5.003 perl5.004-05 perl5.005-03` (commit 865b9aea^):
# their libraries.  /usr/bin/perl is 5.6.2's by now and stays.
. /etc/profile
for v in 5.003 5.004_05 5.005_03; do
    rm -r $PREFIX/lib/perl5/$v
done
[ "$(perl -e 'print $]')" = 5.006002 ]
[ "$(ls $PREFIX/lib/perl5)" = 5.6.2 ]
