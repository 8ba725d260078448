// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/file/tty.c: the console (/dev/console, /dev/tty and the descriptors a
// process started on the console gets) as a terminal: the termios settings
// programs read and write, the window size, and the session and foreground
// process group that job control asks about.  The settings are kept and
// given back, but there is no line discipline to apply them: output goes
// out as written (console.c), and the console has no input, so a read is
// end of file whatever ICANON, ECHO or VMIN say, while poll and select wait
// for input that never comes until their timeout (file.c).  File descriptors
// that are not the console answer "not a tty" before they get here
// (sys_fs.c); this file only answers for the console.
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "lib/errno.h"
#include "lib/nelem.h"
#include "proc/proc.h"
#include "tty.h"

// requests (Linux include/uapi/asm-generic/ioctls.h)
#define TCGETS 0x5401
#define TCSETS 0x5402
#define TCSETSW 0x5403
#define TCSETSF 0x5404
#define TCSBRK 0x5409
#define TCXONC 0x540a
#define TCFLSH 0x540b
#define TIOCGPGRP 0x540f
#define TIOCSPGRP 0x5410
#define TIOCOUTQ 0x5411
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define TIOCGSID 0x5429

// struct termios as the kernel's ioctls see it (asm-generic/termbits.h),
// 36 bytes: C libraries convert to and from their own larger struct
struct ktermios {
    uint32_t iflag, oflag, cflag, lflag;
    uint8_t line;
    uint8_t cc[19];
};

struct winsize {
    uint16_t row, col, xpixel, ypixel;
};

// Linux's tty_std_termios as a serial console at 115200 baud has it:
// ICRNL|IXON; OPOST|ONLCR; B115200|CS8|CREAD|HUPCL|CLOCAL;
// ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN; INIT_C_CC
// (^C ^\ DEL ^U ^D, TIME 0, MIN 1, ^Q ^S ^Z, ^R ^O ^W ^V)
static struct ktermios termios = {
    0002400, 0000005, 0016262, 0105073, 0,
    { 003, 034, 0177, 025, 004, 0, 1, 0, 021, 023, 032, 0, 022, 017, 027, 026, 0 }
};
static struct winsize winsize = { 25, 80, 0, 0 };     // the VGA text screen
static int session, fg_pgrp;                          // 0: no session has the console

void tty_attach(const struct proc *p)
{
    if (!session) {
        session = p->group->sid;
        fg_pgrp = p->group->pgid;
    }
}

// Each request: from the caller's arg, or to it.  The console writes
// synchronously, so there is never output to wait for (TCSETSW, TCSBRK) and
// never input to throw away (TCSETSF, TCFLSH).
static int get_termios(uint32_t arg)
{
    return copy_to_user(current->mem, arg, &termios, sizeof termios) < 0 ? -EFAULT : 0;
}

static int set_termios(uint32_t arg)
{
    return copy_from_user(current->mem, &termios, arg, sizeof termios) < 0 ? -EFAULT : 0;
}

static int get_winsize(uint32_t arg)
{
    return copy_to_user(current->mem, arg, &winsize, sizeof winsize) < 0 ? -EFAULT : 0;
}

// Linux sends SIGWINCH to the foreground group when the size changes; its
// default action is to ignore it, and no program of the chain handles it
static int set_winsize(uint32_t arg)
{
    return copy_from_user(current->mem, &winsize, arg, sizeof winsize) < 0 ? -EFAULT : 0;
}

static int put_int(uint32_t arg, int32_t v)
{
    return copy_to_user(current->mem, arg, &v, 4) < 0 ? -EFAULT : 0;
}

static int no_data(uint32_t arg)
{
    return put_int(arg, 0);             // output is never queued
}

static int nothing_to_do(uint32_t arg)
{
    (void)arg;
    return 0;
}

static int flush_queue(uint32_t arg)
{
    return arg <= 2 ? 0 : -EINVAL;      // TCIFLUSH, TCOFLUSH, TCIOFLUSH
}

// The session and group requests answer only a process whose controlling
// terminal the console is, that is one in the session that has it (as
// Linux, a process that called setsid gets -ENOTTY).
int tty_controlling(void)
{
    return session && current->group->sid == session;
}

static int get_pgrp(uint32_t arg)
{
    return tty_controlling() ? put_int(arg, fg_pgrp) : -ENOTTY;
}

static int get_sid(uint32_t arg)
{
    return tty_controlling() ? put_int(arg, session) : -ENOTTY;
}

// The new foreground group must be one of the console's session.  A
// background process setting it would get SIGTTOU on Linux unless it blocks
// or ignores that signal; here, with no job control, it always may.
static int set_pgrp(uint32_t arg)
{
    int32_t pgrp;

    if (!tty_controlling())
        return -ENOTTY;
    if (copy_from_user(current->mem, &pgrp, arg, 4) < 0)
        return -EFAULT;
    if (pgrp < 0)
        return -EINVAL;
    if (proc_group_session(pgrp) < 0)
        return -ESRCH;
    if (proc_group_session(pgrp) != session)
        return -EPERM;
    fg_pgrp = pgrp;
    return 0;
}

static const struct {
    uint32_t cmd;
    int (*fn)(uint32_t arg);
} requests[] = {
    { TCGETS, get_termios },
    { TCSETS, set_termios },
    { TCSETSW, set_termios },
    { TCSETSF, set_termios },
    { TCSBRK, nothing_to_do },          // tcdrain, tcsendbreak: no line to break
    { TCXONC, nothing_to_do },          // tcflow: output is never stopped
    { TCFLSH, flush_queue },
    { TIOCGPGRP, get_pgrp },
    { TIOCSPGRP, set_pgrp },
    { TIOCOUTQ, no_data },
    { TIOCGWINSZ, get_winsize },
    { TIOCSWINSZ, set_winsize },
    { TIOCGSID, get_sid },
};

#define NREQUESTS NELEM(requests)

// an unknown request is logged once, as an unknown system call is: a
// program may depend on it (the first 16 different ones)
static void log_unknown(uint32_t cmd)
{
    static uint32_t seen[16];
    static unsigned nseen;
    unsigned i;

    for (i = 0; i < nseen; i++)
        if (seen[i] == cmd)
            return;
    if (nseen == NELEM(seen))
        return;
    seen[nseen++] = cmd;
    kprintf("pid %d (%s): console ioctl 0x%x not known: -ENOTTY\n", current->pid, current->name, cmd);
}

int tty_ioctl(uint32_t cmd, uint32_t arg)
{
    unsigned i;

    for (i = 0; i < NREQUESTS; i++)
        if (requests[i].cmd == cmd)
            return requests[i].fn(arg);
    log_unknown(cmd);
    return -ENOTTY;
}
