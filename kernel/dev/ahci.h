// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/ahci.h: SATA disks on AHCI controllers (kernel/dev/ahci.c).
#ifndef AHCI_H
#define AHCI_H
#include "blk.h"
// Finds the SATA disks on every AHCI controller and takes their ports from
// the firmware; fills out with up to max of them and returns how many.
int ahci_probe(struct blkdev **out, int max);
// Gives every port ahci_probe took back to the firmware as it found it, so
// that BIOS calls reach those disks again; their blkdevs are gone.
void ahci_release(void);
#endif
