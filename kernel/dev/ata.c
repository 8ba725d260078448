// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/ata.c: ATA disks on the two legacy IDE channels (0x1f0 and 0x170),
// master and slave.  IDENTIFY gives the size (LBA48 when the disk has it,
// else LBA28) and the model.  Data moves by bus-master DMA where the IDE
// controller is a PCI one that has it (the PIIX/ICH interface of QEMU and
// of real chipsets): one command moves up to 128 KiB through a bounce
// buffer, where programmed I/O costs an I/O access per 16-bit word (an
// emulator exit each, under QEMU's TCG).  DMA is chosen per disk by a probe
// (sector 0 read both ways must agree) and said on the console; PIO stays
// the fallback.  Transfers poll the status registers with interrupts off at
// the drive (nIEN), so the driver needs no IRQ; every wait is bounded and a
// timeout is an -EIO with a message.
// A write is followed by a cache flush only at blk_flush (the step runner
// syncs at every step boundary), so writes go at the drive's speed.
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "arch/x86.h"
#include "ata.h"
#include "ata_cmd.h"
#include "lib/errno.h"
#include "mm/vm.h"
#include "pci.h"

#define REG_DATA 0
#define REG_ERROR 1
#define REG_COUNT 2
#define REG_LBA0 3
#define REG_LBA1 4
#define REG_LBA2 5
#define REG_DRIVE 6
#define REG_CMD 7                   // status on read

#define ST_ERR 0x01
#define ST_DRQ 0x08
#define ST_DF 0x20
#define ST_BSY 0x80

// the bus-master registers of a channel (BAR4 of the IDE function, 8 each)
#define BM_COMMAND 0
#define BM_STATUS 2
#define BM_PRD 4
#define BM_START 0x01
#define BM_TO_MEMORY 0x08           // the direction of a read from the disk
#define BM_ACTIVE 0x01
#define BM_ERROR 0x02
#define BM_IRQ 0x04
#define PRD_END 0x80000000u

// One transfer at a time (the kernel does disk I/O with interrupts off), so
// one bounce buffer serves every disk: 64 KiB aligned, so that neither of its
// two PRD entries crosses a 64 KiB boundary, as the PRD format requires.
#define BOUNCE_SIZE (128 * 1024)
static uint8_t bounce[BOUNCE_SIZE] __attribute__((aligned(65536)));
static uint32_t prd[4] __attribute__((aligned(16)));

#define WAIT_SPINS 20000000         // about a second or more of status reads

struct ata_disk {
    uint16_t base, ctrl;
    uint16_t bm;                    // its channel's bus-master registers; 0: PIO
    uint8_t slave, lba48;
    const struct ata_cmds *cmds;    // ata_cmds[lba48]
    char model[41];
};

static struct ata_disk disks[4];
static struct blkdev devs[4];

static const uint16_t channel_base[2] = { 0x1f0, 0x170 };
static const uint16_t channel_ctrl[2] = { 0x3f6, 0x376 };

// the 400 ns the drive needs after a drive select or a command
static void settle(const struct ata_disk *d)
{
    int i;
    for (i = 0; i < 4; i++)
        inb(d->ctrl);
}

// waits for BSY to clear, then for `want` (DRQ or 0); 0, or -EIO on error or timeout
static int wait_ready(const struct ata_disk *d, uint8_t want, const char *what)
{
    uint32_t spins;
    uint8_t st = 0xff;

    for (spins = 0; spins < WAIT_SPINS; spins++) {
        st = inb(d->base + REG_CMD);
        if (st & ST_BSY)
            continue;
        if (st & (ST_ERR | ST_DF)) {
            kprintf("ata: %s %s failed: status 0x%x, error 0x%x\n", d->model, what, st,
                    inb(d->base + REG_ERROR));
            return -EIO;
        }
        if ((st & want) == want)
            return 0;
    }
    kprintf("ata: %s %s timed out (status 0x%x)\n", d->model, what, st);
    return -EIO;
}

// selects the drive and loads the address registers, LBA48 or LBA28
static void set_address(const struct ata_disk *d, uint64_t lba, uint32_t count)
{
    if (d->lba48) {
        outb(d->base + REG_DRIVE, 0x40 | d->slave << 4);
        settle(d);
        outb(d->base + REG_COUNT, (count >> 8) & 0xff);
        outb(d->base + REG_LBA0, (lba >> 24) & 0xff);
        outb(d->base + REG_LBA1, (lba >> 32) & 0xff);
        outb(d->base + REG_LBA2, (lba >> 40) & 0xff);
    } else {
        outb(d->base + REG_DRIVE, 0xe0 | d->slave << 4 | ((lba >> 24) & 0x0f));
        settle(d);
    }
    outb(d->base + REG_COUNT, count & 0xff);
    outb(d->base + REG_LBA0, lba & 0xff);
    outb(d->base + REG_LBA1, (lba >> 8) & 0xff);
    outb(d->base + REG_LBA2, (lba >> 16) & 0xff);
}

// waits for the drive, loads the address and issues the command (one of
// d->cmds, the disk's addressing mode)
static int start_command(struct ata_disk *d, uint64_t lba, uint32_t count, uint8_t cmd)
{
    int err = wait_ready(d, 0, "select");

    if (err < 0)
        return err;
    set_address(d, lba, count);
    outb(d->base + REG_CMD, cmd);
    return 0;
}

static int pio_transfer(struct ata_disk *d, uint64_t lba, uint32_t count, void *buf, int write)
{
    uint8_t *p = buf;
    uint32_t n, i;
    int err;

    while (count > 0) {
        n = count < d->cmds->max_sectors ? count : d->cmds->max_sectors;
        if ((err = start_command(d, lba, n, write ? d->cmds->write : d->cmds->read)) < 0)
            return err;
        settle(d);
        for (i = 0; i < n; i++, p += BLK_SECTOR_SIZE) {
            if ((err = wait_ready(d, ST_DRQ, write ? "write" : "read")) < 0)
                return err;
            if (write)
                outsw(d->base + REG_DATA, p, BLK_SECTOR_SIZE / 2);
            else
                insw(d->base + REG_DATA, p, BLK_SECTOR_SIZE / 2);
            settle(d);
        }
        if (write && (err = wait_ready(d, 0, "write")) < 0)
            return err;
        lba += n;
        count -= n;
    }
    return 0;
}

// one DMA command of n sectors (n * 512 <= BOUNCE_SIZE) through the bounce buffer
static int dma_command(struct ata_disk *d, uint64_t lba, uint32_t n, uint8_t *p, int write)
{
    uint32_t bytes = n * BLK_SECTOR_SIZE, first = bytes < 65536 ? bytes : 65536, spins;
    uint8_t dir = write ? 0 : BM_TO_MEMORY, bst = 0, st = 0;
    int err;

    if (write)
        memcpy(bounce, p, bytes);
    prd[0] = V2P(bounce);
    prd[1] = (first & 0xffff) | (bytes == first ? PRD_END : 0);      // a count of 0 is 64 KiB
    prd[2] = V2P(bounce) + 65536;
    prd[3] = ((bytes - first) & 0xffff) | PRD_END;
    outb(d->bm + BM_COMMAND, dir);
    outl(d->bm + BM_PRD, V2P(prd));
    outb(d->bm + BM_STATUS, BM_ERROR | BM_IRQ);         // written ones clear them
    if ((err = start_command(d, lba, n, write ? d->cmds->write_dma : d->cmds->read_dma)) < 0)
        return err;
    outb(d->bm + BM_COMMAND, dir | BM_START);
    for (spins = 0; spins < WAIT_SPINS; spins++) {
        bst = inb(d->bm + BM_STATUS);
        st = inb(d->base + REG_CMD);
        if ((bst & BM_ERROR) || (!(bst & BM_ACTIVE) && !(st & ST_BSY)))
            break;
    }
    outb(d->bm + BM_COMMAND, dir);
    if (spins == WAIT_SPINS || (bst & BM_ERROR) || (st & (ST_ERR | ST_DF))) {
        kprintf("ata: %s DMA %s of %u sectors at %u failed: bus-master status 0x%x, status 0x%x%s\n",
                d->model, write ? "write" : "read", n, (uint32_t)lba, bst, st,
                spins == WAIT_SPINS ? " (timed out)" : "");
        return -EIO;
    }
    if (!write)
        memcpy(p, bounce, bytes);
    return 0;
}

static int dma_transfer(struct ata_disk *d, uint64_t lba, uint32_t count, uint8_t *p, int write)
{
    uint32_t n;
    int err;

    for (; count > 0; count -= n, lba += n, p += n * BLK_SECTOR_SIZE) {
        n = count < BOUNCE_SIZE / BLK_SECTOR_SIZE ? count : BOUNCE_SIZE / BLK_SECTOR_SIZE;
        if ((err = dma_command(d, lba, n, p, write)) < 0)
            return err;
    }
    return 0;
}

static int ata_transfer(struct blkdev *dev, uint64_t lba, uint32_t count, void *buf, int write)
{
    struct ata_disk *d = dev->priv;

    return d->bm ? dma_transfer(d, lba, count, buf, write) : pio_transfer(d, lba, count, buf, write);
}

static int ata_read(struct blkdev *dev, uint64_t lba, uint32_t count, void *buf)
{
    return ata_transfer(dev, lba, count, buf, 0);
}

static int ata_write(struct blkdev *dev, uint64_t lba, uint32_t count, const void *buf)
{
    return ata_transfer(dev, lba, count, (void *)buf, 1);
}

static int ata_flush(struct blkdev *dev)
{
    struct ata_disk *d = dev->priv;
    int err = wait_ready(d, 0, "select");

    if (err < 0)
        return err;
    outb(d->base + REG_DRIVE, 0xa0 | d->slave << 4);
    settle(d);
    outb(d->base + REG_CMD, d->cmds->flush);
    settle(d);
    return wait_ready(d, 0, "cache flush");
}

// 1 when a non-packet ATA disk answered IDENTIFY at this place
static int identify(struct ata_disk *d, uint16_t id[256])
{
    uint32_t spins;
    uint8_t st;

    outb(d->ctrl, 0x02);                        // nIEN: no interrupts from this channel
    outb(d->base + REG_DRIVE, 0xa0 | d->slave << 4);
    settle(d);
    if (inb(d->base + REG_CMD) == 0xff)         // floating bus: no channel
        return 0;
    outb(d->base + REG_COUNT, 0);
    outb(d->base + REG_LBA0, 0);
    outb(d->base + REG_LBA1, 0);
    outb(d->base + REG_LBA2, 0);
    outb(d->base + REG_CMD, ATA_IDENTIFY);
    settle(d);
    if (inb(d->base + REG_CMD) == 0)            // no drive
        return 0;
    for (spins = 0; spins < WAIT_SPINS; spins++) {
        st = inb(d->base + REG_CMD);
        if (st & ST_BSY)
            continue;
        if (inb(d->base + REG_LBA1) || inb(d->base + REG_LBA2))
            return 0;                           // ATAPI or SATA bridge signature: not ours
        if (st & ST_ERR)
            return 0;
        if (st & ST_DRQ) {
            insw(d->base + REG_DATA, id, 256);
            return 1;
        }
    }
    return 0;
}

// The bus-master registers of each legacy channel: from a PCI IDE function
// that has bus mastering (programming interface bit 7) and runs the channel
// in compatibility mode (bits 0 and 2 clear: the legacy ports), with bus
// mastering switched on.  0 where there is none.
static void find_bus_master(uint16_t bm[2])
{
    struct pci_func f;
    uint32_t bar4;

    if (pci_find_class(0x01, 0x01, &f, 1) < 1 || !(f.prog_if & 0x80))
        return;
    bar4 = pci_read32(&f, PCI_BAR0 + 16);
    if (!(bar4 & 1) || !(bar4 & 0xfffc))
        return;                                 // not an I/O BAR, or not assigned
    pci_write32(&f, PCI_COMMAND, (pci_read32(&f, PCI_COMMAND) & 0xffff) | PCI_COMMAND_IO | PCI_COMMAND_MASTER);
    if (!(f.prog_if & 0x01))
        bm[0] = bar4 & 0xfffc;
    if (!(f.prog_if & 0x04))
        bm[1] = (bar4 & 0xfffc) + 8;
}

// DMA for d if its channel has it and sector 0 reads the same both ways
static void choose_dma(struct ata_disk *d, uint16_t bm)
{
    static uint8_t by_pio[BLK_SECTOR_SIZE], by_dma[BLK_SECTOR_SIZE];

    d->bm = 0;
    if (!bm || pio_transfer(d, 0, 1, by_pio, 0) < 0)
        return;
    memset(by_dma, 0x5a, sizeof by_dma);
    d->bm = bm;
    if (dma_command(d, 0, 1, by_dma, 0) < 0 || memcmp(by_pio, by_dma, sizeof by_dma) != 0) {
        kprintf("ata: %s: bus-master DMA at 0x%x did not read what PIO reads; PIO it is\n", d->model, bm);
        d->bm = 0;
    }
}

int ata_probe(struct blkdev **out, int max, int allow_dma)
{
    static uint16_t id[256];
    struct ata_identity ident;
    uint16_t bm[2];
    int n = 0, place;

    bm[0] = bm[1] = 0;
    if (allow_dma)
        find_bus_master(bm);

    for (place = 0; place < 4 && n < max; place++) {
        struct ata_disk *d = &disks[place];
        struct blkdev *dev = &devs[place];

        d->base = channel_base[place / 2];
        d->ctrl = channel_ctrl[place / 2];
        d->slave = place % 2;
        if (!identify(d, id))
            continue;
        ata_identify_parse(id, &ident);
        d->lba48 = ident.lba48;
        d->cmds = &ata_cmds[ident.lba48];
        memcpy(d->model, ident.model, sizeof d->model);
        choose_dma(d, bm[place / 2]);
        memset(dev, 0, sizeof *dev);
        dev->name[0] = 'a'; dev->name[1] = 't'; dev->name[2] = 'a';
        dev->name[3] = '0' + place;
        dev->sectors = ident.sectors;
        dev->sector_size = BLK_SECTOR_SIZE;
        dev->read = ata_read;
        dev->write = ata_write;
        dev->flush = ata_flush;
        dev->priv = d;
        kprintf("ata: %s: %s %s, %u MiB, %s\n", dev->name, place / 2 ? "secondary" : "primary",
                d->slave ? "slave" : "master", (uint32_t)(ident.sectors >> 11), d->model);
        kprintf("ata: %s: %s\n", dev->name, d->bm ? "bus-master DMA" : "PIO");
        out[n++] = dev;
    }
    return n;
}
