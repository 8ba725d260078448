# SPDX-License-Identifier: GPL-3.0-or-later
# stages/system/merged-usr.sh: /bin, /lib and /sbin are /usr's (as in
# live-bootstrap's improve/merged_usr.sh, commit 865b9aea^), so that #!/bin/sh
# and the paths configure scripts try find what the chain installed in /usr.
ln -s bin /usr/sbin
for d in bin lib sbin; do
    ln -s usr/$d /$d
done
