// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/runner.h: the step runner (kernel/chain/runner.c).
#ifndef RUNNER_H
#define RUNNER_H
struct ext2_fs;
// Runs the step table of the volume from where its journal says, to the end
// or through the step named stop_after (may be NULL).  0 when every step
// run succeeded, -1 when one failed, another negative errno when the table
// or the log directory cannot be read or made (-ENOENT: no table).
int runner_run(struct ext2_fs *volume, const char *stop_after);
#endif
