// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/ata_cmd_test.c: kernel/dev/ata_cmd.c on hand-made IDENTIFY
// DEVICE blocks: the size from words 100-103 when word 83 says LBA48 and
// from words 60-61 when not, the model's byte pairs swapped and its padding
// cut, and the command table of each addressing mode.
#include <string.h>
#include "check.h"
#include "dev/ata_cmd.h"

// the model as IDENTIFY holds it: two characters a word, the first in the high byte
static void put_model(uint16_t id[256], const char *model)
{
    char padded[41];
    int i;

    memset(padded, ' ', 40);
    memcpy(padded, model, strlen(model));
    for (i = 0; i < 20; i++)
        id[27 + i] = (uint16_t)((uint8_t)padded[2 * i] << 8 | (uint8_t)padded[2 * i + 1]);
}

int main(void)
{
    uint16_t id[256];
    struct ata_identity ident;

    memset(id, 0, sizeof id);
    put_model(id, "QEMU HARDDISK");
    id[83] = 1 << 10;
    id[100] = 0x0000;                           // 0x1_2345_0000 sectors: past LBA28 and 32 bits
    id[101] = 0x2345;
    id[102] = 0x0001;
    id[60] = 0xffff;                            // LBA28's count, capped as a large disk caps it
    id[61] = 0x0fff;
    ata_identify_parse(id, &ident);
    CHECK(ident.lba48 == 1);
    CHECK(ident.sectors == 0x123450000ull);
    CHECK(strcmp(ident.model, "QEMU HARDDISK") == 0);

    id[83] = 0;
    put_model(id, "An odd model name: all forty characters!");
    ata_identify_parse(id, &ident);
    CHECK(ident.lba48 == 0);
    CHECK(ident.sectors == 0x0fffffffull);
    CHECK(strcmp(ident.model, "An odd model name: all forty characters!") == 0);

    put_model(id, "");
    ata_identify_parse(id, &ident);
    CHECK(ident.model[0] == 0);

    CHECK(ata_cmds[0].read_dma == 0xc8 && ata_cmds[0].write_dma == 0xca && ata_cmds[0].flush == 0xe7);
    CHECK(ata_cmds[1].read_dma == 0x25 && ata_cmds[1].write_dma == 0x35 && ata_cmds[1].flush == 0xea);
    CHECK(ata_cmds[0].max_sectors == 256 && ata_cmds[1].max_sectors == 65536);
    return check_summary("ata_cmd_test");
}
