// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/sys/sys_prctl.c: prctl(2), the options programs here use, each as
// Linux 6.1 answers it for a process running as root: the thread's name
// (busybox, ps through /proc), the signal a child gets when its parent ends
// (daemons, test harnesses), dumpable, no_new_privs (sandboxes, Nix's
// builder later) and reading the capability bounding set (every
// capability: the programs here run as root).  Any other option is
// EINVAL, as Linux answers an option it does not know; that includes
// options of a Linux built without the feature (PR_SET_VMA needs
// CONFIG_ANON_VMA_NAME) and ones this kernel has nothing behind (seccomp,
// subreapers, timer slack).  One difference: the parent-death signal is
// sent when the parent process ends; Linux sends it when the parent thread
// that forked ends, which for a single-threaded parent is the same.
#include <stdint.h>
#include <string.h>
#include "lib/errno.h"
#include "lib/nelem.h"
#include "proc/proc.h"
#include "proc/signal.h"
#include "proc/uvm.h"

#define CAP_LAST_CAP 40         // CAP_CHECKPOINT_RESTORE, the last in Linux 6.1

typedef int32_t (*prctl_fn)(uint32_t arg2, uint32_t arg3, uint32_t arg4, uint32_t arg5);

static int32_t set_pdeathsig(uint32_t sig, uint32_t a3, uint32_t a4, uint32_t a5)
{
    if (sig >= NSIG)
        return -EINVAL;
    current->group->pdeath_signal = sig;
    return 0;
}

static int32_t get_pdeathsig(uint32_t out, uint32_t a3, uint32_t a4, uint32_t a5)
{
    int32_t sig = current->group->pdeath_signal;
    return copy_to_user(current->mem, out, &sig, sizeof sig) < 0 ? -EFAULT : 0;
}

static int32_t get_dumpable(uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
    return !current->group->undumpable;
}

static int32_t set_dumpable(uint32_t on, uint32_t a3, uint32_t a4, uint32_t a5)
{
    if (on > 1)
        return -EINVAL;
    current->group->undumpable = !on;
    return 0;
}

// Linux copies at most 15 bytes and ends the name there, without an error
static int32_t set_name(uint32_t src, uint32_t a3, uint32_t a4, uint32_t a5)
{
    char name[sizeof current->name];
    uint32_t i;

    memset(name, 0, sizeof name);
    for (i = 0; i < sizeof name - 1; i++) {
        if (copy_from_user(current->mem, &name[i], src + i, 1) < 0)
            return -EFAULT;
        if (!name[i])
            break;
    }
    memcpy(current->name, name, sizeof name);
    return 0;
}

static int32_t get_name(uint32_t dst, uint32_t a3, uint32_t a4, uint32_t a5)
{
    return copy_to_user(current->mem, dst, current->name, sizeof current->name) < 0 ? -EFAULT : 0;
}

static int32_t capbset_read(uint32_t cap, uint32_t a3, uint32_t a4, uint32_t a5)
{
    return cap <= CAP_LAST_CAP ? 1 : -EINVAL;
}

static int32_t set_no_new_privs(uint32_t on, uint32_t a3, uint32_t a4, uint32_t a5)
{
    if (on != 1 || a3 || a4 || a5)
        return -EINVAL;
    current->group->no_new_privs = 1;
    return 0;
}

static int32_t get_no_new_privs(uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5)
{
    if (a2 || a3 || a4 || a5)
        return -EINVAL;
    return current->group->no_new_privs;
}

// by option number (include/uapi/linux/prctl.h)
static const prctl_fn options[] = {
    [1] = set_pdeathsig,        // PR_SET_PDEATHSIG
    [2] = get_pdeathsig,        // PR_GET_PDEATHSIG
    [3] = get_dumpable,         // PR_GET_DUMPABLE
    [4] = set_dumpable,         // PR_SET_DUMPABLE
    [15] = set_name,            // PR_SET_NAME
    [16] = get_name,            // PR_GET_NAME
    [23] = capbset_read,        // PR_CAPBSET_READ
    [38] = set_no_new_privs,    // PR_SET_NO_NEW_PRIVS
    [39] = get_no_new_privs,    // PR_GET_NO_NEW_PRIVS
};

int32_t sys_prctl(uint32_t option, uint32_t arg2, uint32_t arg3, uint32_t arg4, uint32_t arg5)
{
    if (option >= NELEM(options) || !options[option])
        return -EINVAL;
    return options[option](arg2, arg3, arg4, arg5);
}
