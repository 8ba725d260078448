#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/stage/stage1_test.sh: `make test-stage N=1` (tests/stage/stage_test.sh 1).
exec tests/stage/stage_test.sh 1
