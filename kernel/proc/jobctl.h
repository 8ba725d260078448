// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/jobctl.h: stopping and continuing processes (kernel/proc/jobctl.c).
#ifndef JOBCTL_H
#define JOBCTL_H
#include "signal.h"

struct group;
struct proc;

// SIGCONT or a stop signal on its way to t's process (to t alone when
// thread): what it does whatever its disposition, as Linux does when one is
// sent.  1: it has done all it does (stopped the process, or was discarded);
// 0: it is to be queued as any other signal.
int jobctl_sent(struct proc *t, int sig, int thread);
// a stop signal taken with its default action stops g; 0 when it does not
// (see jobctl.c)
int jobctl_stop(struct group *g, int sig);
// p's process is stopped and p is not being killed: the scheduler passes it
int jobctl_held(const struct proc *p);
// what a wait with options (WUNTRACED, WCONTINUED, WNOWAIT) learns about
// child c, which has not ended: 1 with its wait status and waitid's
// information when it stopped or continued since the last wait that said so
int jobctl_wait(struct group *c, int options, int *status, struct ksiginfo *info);
// g's parent from has ended: when that orphaned g's process group and one
// of its processes is stopped, they all get SIGHUP and SIGCONT
void jobctl_unlinked(struct group *from, struct group *g);

#define WNOHANG 1
#define WUNTRACED 2                     // waitid's WSTOPPED
#define WEXITED 4
#define WCONTINUED 8
#define WNOWAIT 0x01000000
#endif
