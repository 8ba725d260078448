# SPDX-License-Identifier: GPL-3.0-or-later
# stages/system/device-nodes.sh: the device files programs expect in /dev
# (as in live-bootstrap's improve/populate_device_nodes.sh, commit
# 865b9aea^): configure scripts write to /dev/null, bash and make open
# /dev/tty, musl reads /dev/urandom.  The numbers are Linux's
# (Documentation/admin-guide/devices.txt), which our kernel serves too, and
# which Linux will serve after the hand-off.  No /dev/ptmx: nothing here
# needs a pseudo-terminal, and our kernel has none.
mkdir -p /dev
mknod -m 666 /dev/null c 1 3
mknod -m 666 /dev/zero c 1 5
mknod -m 666 /dev/full c 1 7
mknod -m 444 /dev/random c 1 8
mknod -m 444 /dev/urandom c 1 9
mknod -m 666 /dev/tty c 5 0
mknod -m 666 /dev/console c 5 1
