// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/signal.h: Linux signals (kernel/proc/signal.c).
#ifndef SIGNAL_H
#define SIGNAL_H
#include <stdint.h>
#include "arch/trap.h"

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGWINCH 28
#define SIGSYS 31

#define SIG_DFL 0
#define SIG_IGN 1
#define SA_NOCLDSTOP 0x1          // SIGCHLD: none for a child's stop or continue
#define SA_SIGINFO 0x4
#define SA_RESTORER 0x04000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000

// si_code values (Linux include/uapi/asm-generic/siginfo.h)
#define SI_USER 0               // kill
#define SI_KERNEL 0x80          // the kernel, for no more specific reason
#define SI_TKILL (-6)           // tkill, tgkill
#define ILL_ILLOPN 2
#define FPE_INTDIV 1
#define SEGV_MAPERR 1           // no mapping at the address
#define SEGV_ACCERR 2           // a mapping that does not allow the access
#define BUS_ADRALN 1
#define TRAP_TRACE 2
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

// What an SA_SIGINFO handler learns about a pending signal, kept from when
// it was sent: the siginfo_t fields beyond si_signo.  si_uid is always 0
// (every process is root) and si_errno always 0.
struct ksiginfo {
    int32_t code;               // si_code
    int32_t pid;                // si_pid: the sender (kill), or the child (SIGCHLD)
    uint32_t value;             // faults: si_addr; SIGCHLD: si_status
};

struct proc;
#define SIGBIT(sig) ((uint64_t)1 << ((sig) - 1))

// to p's process (kill): taken by whichever of its threads does not block it
void signal_send(struct proc *p, int sig);      // as kill() by the current process: SI_USER
void signal_send_info(struct proc *p, int sig, const struct ksiginfo *info);
void signal_send_thread(struct proc *t, int sig, const struct ksiginfo *info);   // to t alone (tkill)
// a fault of thread p (or the kernel's kill): deliverable even if blocked or ignored
void signal_force(struct proc *p, int sig, int code, uint32_t addr);
int signal_interrupts(const struct proc *p);    // a signal that should cut a sleep short
int signal_killed(const struct proc *p);        // SIGKILL is pending for p
void signal_deliver(struct trapframe *tf);      // on the way back to user mode
int signal_sigreturn(struct trapframe *tf, int rt);
#endif
