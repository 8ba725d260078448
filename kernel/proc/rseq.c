// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/rseq.c: restartable sequences (rseq(2)), as Linux 6.1 has them on
// a machine with one CPU.  glibc registers a thread's struct rseq at start
// (and reads the CPU number from it); a program may also name a critical
// section in it (rseq_cs), which the kernel aborts, by moving the program to
// the section's abort handler, when the thread was switched out or is about
// to run a signal handler while inside it.  On one CPU the CPU number is
// always 0, but preemption still interleaves threads, so the aborts matter.
// The area's fields are written on the way back to user mode, as Linux does
// at "notify resume"; an area the kernel cannot read or write there, or a
// malformed section, ends the thread with SIGSEGV, as on Linux.
#include <stdint.h>
#include "lib/errno.h"
#include "proc.h"
#include "rseq.h"
#include "signal.h"
#include "uvm.h"

#define RSEQ_LEN 32             // struct rseq as Linux 6.1 takes it, 32-byte aligned
#define RSEQ_FLAG_UNREGISTER 1
#define RSEQ_CPU_ID_UNINITIALIZED 0xffffffffu
#define USER_TOP 0xc0000000u

// struct rseq's fields, by offset
#define RSEQ_CPU_ID_START 0
#define RSEQ_CS 8               // a 64-bit pointer to a struct rseq_cs, or 0
// the NO_RESTART_ON_* flags, which Linux 6.1 refuses
#define RSEQ_CS_DEPRECATED_FLAGS 7

// what a critical section's descriptor holds (struct rseq_cs)
struct rseq_cs {
    uint32_t version, flags;
    uint64_t start_ip, post_commit_offset, abort_ip;
};

static int write_cpu_ids(uint32_t area, uint32_t cpu)
{
    uint32_t ids[2] = { 0, cpu };       // cpu_id_start, cpu_id

    return copy_to_user(current->mem, area + RSEQ_CPU_ID_START, ids, sizeof ids);
}

int32_t sys_rseq(uint32_t area, uint32_t len, uint32_t flags, uint32_t sig)
{
    struct proc *p = current;

    if (flags & RSEQ_FLAG_UNREGISTER) {
        if (flags != RSEQ_FLAG_UNREGISTER || !p->rseq.area || p->rseq.area != area || len != RSEQ_LEN)
            return -EINVAL;
        if (p->rseq.sig != sig)
            return -EPERM;
        if (write_cpu_ids(area, RSEQ_CPU_ID_UNINITIALIZED) < 0)
            return -EFAULT;
        p->rseq.area = 0;
        return 0;
    }
    if (flags)
        return -EINVAL;
    if (p->rseq.area) {
        if (p->rseq.area != area || len != RSEQ_LEN)
            return -EINVAL;
        return p->rseq.sig != sig ? -EPERM : -EBUSY;
    }
    if ((area & (RSEQ_LEN - 1)) || len != RSEQ_LEN)
        return -EINVAL;
    if (user_check(p->mem, area, len, 1) < 0)
        return -EFAULT;
    p->rseq.area = area;
    p->rseq.sig = sig;
    p->rseq.resume = 1;                 // the CPU number is written on the way out
    return 0;
}

// The section the thread is in, if any, checked as Linux 6.1 checks it
// (rseq_get_rseq_cs, rseq_ip_fixup): 1 and the abort address when the
// interrupted eip lies inside it; 0 outside (the pointer is then cleared, as
// Linux does lazily); -1 for a descriptor or area Linux would refuse.
static int in_section(struct proc *p, uint32_t eip, uint32_t *abort_ip)
{
    struct {
        uint32_t cpu_id_start, cpu_id;
        uint64_t cs;
        uint32_t flags;
    } area;
    struct rseq_cs cs;
    uint32_t sig_at_abort;
    static const uint64_t zero;

    if (copy_from_user(p->mem, &area, p->rseq.area, sizeof area) < 0)
        return -1;
    if (!area.cs)
        return 0;
    if (area.cs >= USER_TOP || copy_from_user(p->mem, &cs, (uint32_t)area.cs, sizeof cs) < 0)
        return -1;
    if (cs.version || cs.start_ip >= USER_TOP || cs.abort_ip >= USER_TOP ||
        cs.post_commit_offset >= USER_TOP || cs.start_ip + cs.post_commit_offset >= USER_TOP ||
        cs.abort_ip - cs.start_ip < cs.post_commit_offset)
        return -1;
    // the abort handler must be preceded by the signature the thread registered
    if (copy_from_user(p->mem, &sig_at_abort, (uint32_t)cs.abort_ip - 4, 4) < 0 || sig_at_abort != p->rseq.sig)
        return -1;
    if ((uint64_t)eip - cs.start_ip >= cs.post_commit_offset)
        return copy_to_user(p->mem, p->rseq.area + RSEQ_CS, &zero, sizeof zero) < 0 ? -1 : 0;
    if ((cs.flags | area.flags) & RSEQ_CS_DEPRECATED_FLAGS)
        return -1;
    if (copy_to_user(p->mem, p->rseq.area + RSEQ_CS, &zero, sizeof zero) < 0)
        return -1;
    *abort_ip = (uint32_t)cs.abort_ip;
    return 1;
}

void rseq_return_to_user(struct trapframe *tf, int signal_coming)
{
    struct proc *p = current;
    uint32_t abort_ip;
    int r;

    if (!p->rseq.area || (!p->rseq.resume && !signal_coming))
        return;
    p->rseq.resume = 0;
    r = in_section(p, tf->eip, &abort_ip);
    if (r > 0)
        tf->eip = abort_ip;
    if (r < 0 || write_cpu_ids(p->rseq.area, 0) < 0)
        signal_force(p, SIGSEGV, SI_KERNEL, 0);
}
