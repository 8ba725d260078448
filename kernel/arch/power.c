// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/arch/power.c: power off, trying every way our machines understand.
// QEMU's isa-debug-exit device (tests add it) turns the status into QEMU's
// exit code (status * 2 + 1); then ACPI S5 through the PM1a control port
// that SeaBIOS (0x604) or the Bochs BIOS (0xb004) programs; then Bochs'
// shutdown port.  A real PC without those is told it may be switched off.
#include "console.h"
#include "power.h"
#include "x86.h"

void power_off(int status)
{
    const char *word = "Shutdown";

    cli();
    outb(0xf4, status);                 // isa-debug-exit
    outw(0x604, 0x2000);                // ACPI SLP_EN, S5, QEMU
    outw(0xb004, 0x2000);               // ACPI SLP_EN, S5, Bochs and old QEMU
    while (*word)
        outb(0x8900, *word++);          // Bochs
    kprintf("seedstrap: it is now safe to turn off the machine\n");
    for (;;)
        hlt();
}
