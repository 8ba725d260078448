// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/ata.h: ATA disks on the legacy IDE channels (kernel/dev/ata.c).
#ifndef ATA_H
#define ATA_H
#include "blk.h"
// Finds the ATA disks; fills out with up to max of them and returns how many.
// allow_dma 0 keeps every disk on PIO (disk=ata-pio).
int ata_probe(struct blkdev **out, int max, int allow_dma);
#endif
