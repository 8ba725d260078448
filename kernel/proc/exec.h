// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/exec.h: starting programs (kernel/proc/exec.c).
#ifndef EXEC_H
#define EXEC_H
#include <stdint.h>
#define EXEC_ARG_MAX (256u * 1024)      // room for arguments and environment
#define EXEC_ARGS_MAX 8192              // pointers in argv plus envp
// one argument or environment string, its NUL included: Linux's
// MAX_ARG_STRLEN (32 pages), which programs probe (libtool's configure
// measures the longest command line by growing one argument until exec
// fails, and writes the answer into the libtool script it makes)
#define EXEC_ARG_STRLEN (128u * 1024)
struct proc;
// replaces p's program; argv and envp are kernel arrays (NULL-terminated)
int exec_program(struct proc *p, const char *path, char *const argv[], char *const envp[]);
void exec_commit(struct proc *p, const char *path, uint32_t entry, uint32_t esp);
#endif
