#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/stage/stage1_test.sh: `make test-stage N=1` and `make test`'s run of
# stage 1: cut off in the middle (QEMU killed), booted again, finished, and
# checked (tests/stage/stage_test.sh 1 with RESUME=1).
RESUME=1 exec tests/stage/stage_test.sh 1
