// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/ata_cmd.c: what the IDE driver (ata.c) and the AHCI driver
// (ahci.c) share of the ATA command set: the command codes by addressing
// mode, and the words of IDENTIFY DEVICE they read (ATA8-ACS 7.16).  No
// hardware here, so the host tests build it (tests/host/ata_cmd_test.c).
#include <stdint.h>
#include "ata_cmd.h"

const struct ata_cmds ata_cmds[2] = {
    { 0x20, 0x30, 0xc8, 0xca, 0xe7, 256 },      // LBA28: READ/WRITE SECTORS, ... DMA, FLUSH CACHE
    { 0x24, 0x34, 0x25, 0x35, 0xea, 65536 },    // LBA48: the EXT forms
};

// Word 83 bit 10: the 48-bit address feature set, and then the size in
// words 100-103; else words 60-61.  The model is words 27-46, big-endian
// byte pairs padded with spaces.
void ata_identify_parse(const uint16_t id[256], struct ata_identity *out)
{
    int i, n = 40;

    out->lba48 = (id[83] & (1 << 10)) != 0;
    out->sectors = out->lba48 ? (uint64_t)id[103] << 48 | (uint64_t)id[102] << 32 |
                                    (uint32_t)id[101] << 16 | id[100]
                              : (uint32_t)id[61] << 16 | id[60];
    for (i = 0; i < 20; i++) {
        out->model[2 * i] = id[27 + i] >> 8;
        out->model[2 * i + 1] = id[27 + i] & 0xff;
    }
    while (n > 0 && out->model[n - 1] == ' ')
        n--;
    out->model[n] = 0;
}
