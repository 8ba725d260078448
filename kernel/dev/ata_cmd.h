// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/ata_cmd.h: the ATA command set as both ATA drivers issue it,
// the IDE channels' (ata.c) and AHCI's (ahci.c): the commands of each
// addressing mode, and what IDENTIFY DEVICE says (kernel/dev/ata_cmd.c).
#ifndef ATA_CMD_H
#define ATA_CMD_H
#include <stdint.h>

#define ATA_IDENTIFY 0xec

// the commands of one addressing mode, LBA28 or LBA48 (ATA8-ACS)
struct ata_cmds {
    uint8_t read, write;                // PIO data-in, data-out
    uint8_t read_dma, write_dma;
    uint8_t flush;                      // FLUSH CACHE (EXT)
    uint32_t max_sectors;               // per command: a count of 0 means this many
};
extern const struct ata_cmds ata_cmds[2];       // [0] LBA28, [1] LBA48

struct ata_identity {
    uint64_t sectors;
    uint8_t lba48;                      // index into ata_cmds
    char model[41];
};
// The size, addressing mode and model from IDENTIFY DEVICE's 256 words.
void ata_identify_parse(const uint16_t id[256], struct ata_identity *out);
#endif
