#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/stage/stage0_test.sh: `make test`'s run of stage 0 (tests/stage/stage_test.sh 0).
exec tests/stage/stage_test.sh 0
