#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/stage/checkpoints_test.sh [WHICH]: the trees the step ranges of
# `make test` (WHICH: make-test, the default) or of a stage start from,
# made before the range tests by `tools/checkpoint ranges`, each step by
# the fastest route this machine has (docs/testing.md): the native twin,
# the twin under qemu-user with host builds of mes-m2 and stage0-posix's
# assembler and linker, or our kernel under QEMU.  Every tree not made by
# the twin itself must equal the recorded answers file by file, or
# tools/checkpoint stops naming the files.  The output says which route
# made each step and how long it took; kept trees make it pass at once.
. tests/qemu/lib.sh
need_twin
echo "this host runs i386 programs by: $mode (tools/i386-binfmt)"
B=$B tools/checkpoint ranges "${1:-make-test}" || fail "tools/checkpoint could not make the trees (above)"
echo PASS
