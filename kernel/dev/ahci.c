// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/ahci.c: SATA disks on AHCI controllers (PCI class 01/06/01: the
// SATA interface of every PC since about 2008, and QEMU's ICH9), found by
// PCI probe and driven natively, where the BIOS's int 13h (bios_disk.c)
// costs a switch to real mode and a 64 KiB bounce below 1 MiB per call.
// For each implemented port with a SATA disk on it (link up, signature
// 0x101) the driver stops the port, points it at a command list, a
// received-FIS area and one command table of its own (one page below
// 768 MiB, so below 4 GiB), starts it again, and asks IDENTIFY DEVICE for
// the size and model.  Reads and writes are READ/WRITE DMA (EXT), straight
// into the caller's buffer (the kernel's buffers are in the direct map,
// so physically contiguous), up to 32 MiB a command; FLUSH CACHE (EXT) is
// blk_flush, which the sync log calls at each of its steps.
//
// One command slot, polled: the block layer waits for each request anyway,
// one at a time, with interrupts off (as ata.c), so an interrupt would only
// end the same wait; polling needs no PCI interrupt routing.  Every wait is
// bounded by the TSC clock, and a timeout or an error the port reports
// (PxIS.TFES and the like) is an -EIO with the port's status on the
// console, after which the port is restarted for the next command.
//
// Left out: NCQ and more than one command in flight, interrupts, hotplug,
// port multipliers, ATAPI.  The firmware's own pointers are saved per
// port: ahci_release gives the ports back when the volume is not on an
// AHCI disk, so that int 13h reaches those disks again.
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "ahci.h"
#include "arch/console.h"
#include "ata_cmd.h"
#include "lib/errno.h"
#include "lib/nelem.h"
#include "mm/pmm.h"
#include "mm/vm.h"
#include "pci.h"
#include "timer.h"

// the HBA's registers, at the ABAR (PCI BAR5) (AHCI 1.3.1, 3.1)
#define HBA_CAP 0x00
#define HBA_GHC 0x04
#define HBA_PI 0x0c                 // ports implemented, a bit each
#define HBA_VS 0x10
#define HBA_CAP2 0x24
#define HBA_BOHC 0x28               // BIOS/OS handoff control
#define GHC_AE 0x80000000u          // AHCI enable
#define CAP2_BOH 0x1                // the handoff is supported
#define BOHC_BOS 0x01               // BIOS owned semaphore
#define BOHC_OOS 0x02               // OS owned semaphore
#define PCI_BAR5 0x24

// a port's registers, 0x80 bytes at ABAR + 0x100 + 0x80 * port (3.3)
#define PX_CLB 0x00                 // command list base, and its upper half at 0x04
#define PX_CLBU 0x04
#define PX_FB 0x08                  // received-FIS base, and its upper half at 0x0c
#define PX_FBU 0x0c
#define PX_IS 0x10                  // interrupt status (write 1 to clear)
#define PX_IE 0x14
#define PX_CMD 0x18
#define PX_TFD 0x20                 // the device's status (bits 0-7) and error (8-15)
#define PX_SIG 0x24
#define PX_SSTS 0x28                // SATA status: DET in bits 0-3
#define PX_SERR 0x30
#define PX_CI 0x38                  // commands issued, a bit a slot
#define CMD_ST 0x0001               // start: process the command list
#define CMD_FRE 0x0010              // receive FISes
#define CMD_FR 0x4000               // the FIS engine runs
#define CMD_CR 0x8000               // the command list engine runs
#define TFD_DRQ 0x08
#define TFD_BSY 0x80
#define SSTS_DET_UP 3               // a device, and the link established
#define SIG_DISK 0x00000101u

// the port's page: the command list (32 headers, 1 KiB aligned; slot 0 is
// the only one used), the received FISes (256 bytes, 256 aligned), the
// command table (128 aligned: the command FIS, the PRDT at 0x80), and a
// 2 KiB bounce for IDENTIFY and for buffers DMA cannot reach
#define MEM_LIST 0x000
#define MEM_FIS 0x400
#define MEM_TABLE 0x500
#define MEM_PRDT (MEM_TABLE + 0x80)
#define MEM_BOUNCE 0x800
#define MEM_BOUNCE_SECTORS 4
#define PRD_MAX 8                   // 32 MiB a command: LBA48's 65536 sectors
#define PRD_BYTES (4u << 20)        // the most one PRDT entry moves (22-bit count)
#define HDR_WRITE 0x40              // command header: data goes to the device
#define FIS_H2D 0x27                // register FIS, host to device
#define FIS_COMMAND 0x80            // ... carrying a command

// waits: a port stops within 500 ms (10.1.2), the BIOS hands over within
// 2 s (10.6.3); a command gets 30 s, as SeaBIOS gives it (a disk's spin-up
// or a flush of a large cache)
#define STOP_MS 500
#define READY_MS 2000
#define HANDOFF_MS 2000
#define COMMAND_MS 30000

#define MAX_CONTROLLERS 4
#define MAX_DISKS 8

struct ahci_disk {
    volatile uint32_t *regs;        // the port's registers (a kmap_io window)
    uint8_t *mem;                   // the port's page (above), directly mapped
    const struct ata_cmds *cmds;    // ata_cmds[lba48]
    uint32_t firmware[5];           // the firmware's PxCLB, CLBU, FB, FBU, IE: for ahci_release
    uint32_t firmware_cmd;          // and its PxCMD (ST and FRE)
    uint8_t port, lba48;
    char model[41];
};

static struct ahci_disk disks[MAX_DISKS];
static struct blkdev devs[MAX_DISKS];
static int ndisks;

// the registers ahci_release restores, in disks[].firmware's order
static const uint8_t firmware_regs[5] = { PX_CLB, PX_CLBU, PX_FB, PX_FBU, PX_IE };

// the error bits of PxIS, named on the console (3.3.5)
static const struct {
    uint32_t bit;
    const char *name;
} is_errors[] = {
    { 1u << 30, "task file error" },
    { 1u << 29, "host bus fatal error" },
    { 1u << 28, "host bus data error" },
    { 1u << 27, "interface fatal error" },
    { 1u << 26, "interface non-fatal error" },
    { 1u << 24, "overflow" },
};
#define IS_ERRORS 0x7d000000u

// what else a port's signature may say is there (PxSIG, 3.3.9)
static const struct {
    uint32_t sig;
    const char *what;
} signatures[] = {
    { 0xeb140101u, "an ATAPI device (CD, DVD)" },
    { 0x96690101u, "a port multiplier" },
    { 0xc33c0101u, "an enclosure bridge" },
};

static uint32_t rd(volatile uint32_t *regs, uint32_t off)
{
    return regs[off / 4];
}

static void wr(volatile uint32_t *regs, uint32_t off, uint32_t v)
{
    regs[off / 4] = v;
}

// 0 once none of bits is set in the register, -EIO after ms milliseconds
static int wait_clear(volatile uint32_t *regs, uint32_t off, uint32_t bits, uint32_t ms)
{
    uint64_t end = timer_uptime_ms() + ms;

    while (rd(regs, off) & bits)
        if (timer_uptime_ms() > end)
            return -EIO;
    return 0;
}

// Stops the command list and FIS engines (10.1.2); then the port's
// pointers may change.
static int port_stop(struct ahci_disk *d)
{
    wr(d->regs, PX_CMD, rd(d->regs, PX_CMD) & ~CMD_ST);
    if (wait_clear(d->regs, PX_CMD, CMD_CR, STOP_MS) < 0)
        return -EIO;
    wr(d->regs, PX_CMD, rd(d->regs, PX_CMD) & ~CMD_FRE);
    return wait_clear(d->regs, PX_CMD, CMD_FR, STOP_MS);
}

// Clears the port's errors and starts it on the pointers it has, once the
// device is neither busy nor waiting for data (10.3.1).
static int port_start(struct ahci_disk *d)
{
    wr(d->regs, PX_SERR, 0xffffffffu);
    wr(d->regs, PX_IS, 0xffffffffu);
    wr(d->regs, PX_CMD, rd(d->regs, PX_CMD) | CMD_FRE);
    if (wait_clear(d->regs, PX_TFD, TFD_BSY | TFD_DRQ, READY_MS) < 0)
        return -EIO;
    wr(d->regs, PX_CMD, rd(d->regs, PX_CMD) | CMD_ST);
    return 0;
}

// says why a command failed: the PxIS error bits by name, the device's
// status and error, and whether the port could be started again
static void report(struct ahci_disk *d, const char *what, uint64_t lba, uint32_t count, uint32_t is,
                   int timed_out)
{
    uint32_t tfd = rd(d->regs, PX_TFD), serr = rd(d->regs, PX_SERR), i;

    kprintf("ahci: port %u (%s): %s of %u sectors at %llu failed:", d->port, d->model, what, count,
            (unsigned long long)lba);
    if (timed_out)
        kprintf(" no answer in %u s,", COMMAND_MS / 1000);
    for (i = 0; i < NELEM(is_errors); i++)
        if (is & is_errors[i].bit)
            kprintf(" %s,", is_errors[i].name);
    kprintf(" device status 0x%x error 0x%x (PxIS 0x%x, PxSERR 0x%x)\n", tfd & 0xff, (tfd >> 8) & 0xff,
            is, serr);
}

// Slot 0's command: the register FIS for cmd at lba (count sectors: 0 for
// IDENTIFY and FLUSH), a PRDT over bytes at phys; issued, and waited for.
static int command(struct ahci_disk *d, uint8_t cmd, uint64_t lba, uint32_t count, uint32_t phys,
                   uint32_t bytes, int write, const char *what)
{
    volatile uint32_t *hdr = (volatile uint32_t *)(d->mem + MEM_LIST);
    volatile uint32_t *fis = (volatile uint32_t *)(d->mem + MEM_TABLE);
    volatile uint32_t *prd = (volatile uint32_t *)(d->mem + MEM_PRDT);
    uint32_t nprd, chunk, is = 0, lo = (uint32_t)lba, hi = (uint32_t)(lba >> 32);
    uint64_t end;
    int timed_out = 0;

    if (!(rd(d->regs, PX_CMD) & CMD_ST)) {
        kprintf("ahci: port %u (%s): %s refused: the port did not start again after an error\n",
                d->port, d->model, what);
        return -EIO;
    }
    // LBA mode (device bit 6) for transfers; LBA28 keeps bits 24-27 in the device field
    fis[0] = FIS_H2D | FIS_COMMAND << 8 | (uint32_t)cmd << 16;
    fis[1] = (lo & 0xffffff) | (uint32_t)(count ? 0x40 | (d->lba48 ? 0 : (lo >> 24 & 0xf)) : 0) << 24;
    fis[2] = (d->lba48 ? (lo >> 24 | (hi & 0xffff) << 8) : 0);
    fis[3] = count & (d->lba48 ? 0xffff : 0xff);   // 0 is 65536 (LBA48) or 256 (LBA28)
    fis[4] = 0;
    for (nprd = 0; bytes > 0; nprd++, bytes -= chunk, phys += chunk) {
        chunk = bytes < PRD_BYTES ? bytes : PRD_BYTES;
        prd[4 * nprd] = phys;
        prd[4 * nprd + 1] = 0;
        prd[4 * nprd + 2] = 0;
        prd[4 * nprd + 3] = chunk - 1;
    }
    hdr[0] = 5 | (write ? HDR_WRITE : 0) | nprd << 16;     // a 5-dword FIS
    hdr[1] = 0;
    hdr[2] = V2P(d->mem + MEM_TABLE);
    hdr[3] = 0;
    wr(d->regs, PX_IS, 0xffffffffu);
    wr(d->regs, PX_CI, 1);
    end = timer_uptime_ms() + COMMAND_MS;
    while (rd(d->regs, PX_CI) & 1) {
        if ((is = rd(d->regs, PX_IS)) & IS_ERRORS)
            break;
        if (timer_uptime_ms() > end) {
            timed_out = 1;
            break;
        }
    }
    is |= rd(d->regs, PX_IS);
    if (!timed_out && !(is & IS_ERRORS))
        return 0;
    report(d, what, lba, count, is, timed_out);
    // clearing ST cancels the command and resets PxCI (6.2.2.1)
    if (port_stop(d) < 0 || port_start(d) < 0)
        kprintf("ahci: port %u (%s): the port does not start again\n", d->port, d->model);
    return -EIO;
}

// Buffers in the kernel's direct map are physically contiguous, so DMA
// goes straight to them; PRDT entries need an even address.
static int dma_reaches(const uint8_t *p, uint32_t bytes)
{
    uint32_t a = (uint32_t)p;
    return a >= KERNEL_VIRT && !(a & 1) && V2P(p) <= DIRECT_MAP_BYTES && bytes <= DIRECT_MAP_BYTES - V2P(p);
}

static int ahci_transfer(struct blkdev *dev, uint64_t lba, uint32_t count, uint8_t *p, int write)
{
    struct ahci_disk *d = dev->priv;
    uint8_t *bounce = d->mem + MEM_BOUNCE;
    uint32_t n, bytes;
    int direct, err;

    for (; count > 0; count -= n, lba += n, p += bytes) {
        n = count < d->cmds->max_sectors ? count : d->cmds->max_sectors;
        if (n > PRD_MAX * (PRD_BYTES / BLK_SECTOR_SIZE))
            n = PRD_MAX * (PRD_BYTES / BLK_SECTOR_SIZE);
        direct = dma_reaches(p, n * BLK_SECTOR_SIZE);
        if (!direct && n > MEM_BOUNCE_SECTORS)
            n = MEM_BOUNCE_SECTORS;
        bytes = n * BLK_SECTOR_SIZE;
        if (!direct && write)
            memcpy(bounce, p, bytes);
        err = command(d, write ? d->cmds->write_dma : d->cmds->read_dma, lba, n,
                      direct ? V2P(p) : V2P(bounce), bytes, write, write ? "write" : "read");
        if (err < 0)
            return err;
        if (!direct && !write)
            memcpy(p, bounce, bytes);
    }
    return 0;
}

static int ahci_read(struct blkdev *dev, uint64_t lba, uint32_t count, void *buf)
{
    return ahci_transfer(dev, lba, count, buf, 0);
}

static int ahci_write(struct blkdev *dev, uint64_t lba, uint32_t count, const void *buf)
{
    return ahci_transfer(dev, lba, count, (void *)buf, 1);
}

static int ahci_flush(struct blkdev *dev)
{
    struct ahci_disk *d = dev->priv;
    return command(d, d->cmds->flush, 0, 0, 0, 0, 0, "cache flush");
}

// The port as the firmware left it: its pointers back, its engines as they
// ran.  The driver's page is freed.
static void give_back(struct ahci_disk *d)
{
    uint32_t i;

    port_stop(d);
    for (i = 0; i < NELEM(firmware_regs); i++)
        wr(d->regs, firmware_regs[i], d->firmware[i]);
    wr(d->regs, PX_SERR, 0xffffffffu);
    wr(d->regs, PX_IS, 0xffffffffu);
    wr(d->regs, PX_CMD, (rd(d->regs, PX_CMD) & ~CMD_ST) | (d->firmware_cmd & CMD_FRE));
    wr(d->regs, PX_CMD, rd(d->regs, PX_CMD) | (d->firmware_cmd & CMD_ST));
    kpages_free(d->mem, 1);
    kunmap((void *)d->regs);
}

// Takes the port from the firmware and asks the disk its size (into
// *sectors) and model; 0, or an errno with the port given back.
static int take_port(struct ahci_disk *d, uint64_t *sectors)
{
    uint16_t *id;
    struct ata_identity ident;
    uint32_t i;

    if (!(d->mem = kpages_alloc(1))) {
        kunmap((void *)d->regs);
        return -ENOMEM;
    }
    memset(d->mem, 0, PAGE_SIZE);
    for (i = 0; i < NELEM(firmware_regs); i++)
        d->firmware[i] = rd(d->regs, firmware_regs[i]);
    d->firmware_cmd = rd(d->regs, PX_CMD);
    strlcpy(d->model, "?", sizeof d->model);
    if (port_stop(d) < 0) {
        kprintf("ahci: port %u does not stop; left to the BIOS\n", d->port);
        give_back(d);
        return -EIO;
    }
    wr(d->regs, PX_CLB, V2P(d->mem + MEM_LIST));
    wr(d->regs, PX_CLBU, 0);
    wr(d->regs, PX_FB, V2P(d->mem + MEM_FIS));
    wr(d->regs, PX_FBU, 0);
    wr(d->regs, PX_IE, 0);                      // polled (above)
    d->cmds = &ata_cmds[0];
    d->lba48 = 0;
    id = (uint16_t *)(d->mem + MEM_BOUNCE);
    if (port_start(d) < 0 || command(d, ATA_IDENTIFY, 0, 0, V2P(id), 512, 0, "IDENTIFY DEVICE") < 0) {
        kprintf("ahci: port %u: the disk does not answer; left to the BIOS\n", d->port);
        give_back(d);
        return -EIO;
    }
    ata_identify_parse(id, &ident);
    d->lba48 = ident.lba48;
    d->cmds = &ata_cmds[ident.lba48];
    memcpy(d->model, ident.model, sizeof d->model);
    *sectors = ident.sectors;
    return 0;
}

// 1 when a SATA disk is on the port (the link up and a disk's signature);
// else says what is there, if anything
static int disk_on_port(volatile uint32_t *regs, uint32_t port)
{
    uint32_t sig = rd(regs, PX_SIG), i;

    if ((rd(regs, PX_SSTS) & 0xf) != SSTS_DET_UP)
        return 0;
    if (sig == SIG_DISK)
        return 1;
    for (i = 0; i < NELEM(signatures); i++)
        if (sig == signatures[i].sig) {
            kprintf("ahci: port %u: %s, not a disk: left alone\n", port, signatures[i].what);
            return 0;
        }
    kprintf("ahci: port %u: unknown signature 0x%x: left alone\n", port, sig);
    return 0;
}

// The BIOS/OS handoff (10.6.3), where the controller has it: the OS asks,
// and the BIOS lets go within 25 ms, or within 2 s when it says it is busy
// (BOHC.BB), so 2 s is the wait.  A BIOS that does not let go is said and
// passed over, as other systems do.
static void take_ownership(volatile uint32_t *hba)
{
    if (!(rd(hba, HBA_CAP2) & CAP2_BOH))
        return;
    wr(hba, HBA_BOHC, rd(hba, HBA_BOHC) | BOHC_OOS);
    if (wait_clear(hba, HBA_BOHC, BOHC_BOS, HANDOFF_MS) < 0)
        kprintf("ahci: the BIOS did not hand the controller over in %u ms; taking it anyway\n",
                HANDOFF_MS);
}

// one controller's disks into out (up to max); how many
static int probe_controller(const struct pci_func *f, struct blkdev **out, int max)
{
    uint32_t bar = pci_read32(f, PCI_BAR5) & ~0xfu, pi, vs, port;
    volatile uint32_t *hba;
    int n = 0, devices = 0;

    kprintf("ahci: %02x:%02x.%u (%04x:%04x)", f->bus, f->dev, f->fn, f->vendor, f->device);
    if (f->prog_if != 1 || (pci_read32(f, PCI_BAR5) & 1) || !bar) {
        kprintf(": not an AHCI 1.0 interface with its registers in memory; left to the BIOS\n");
        return 0;
    }
    pci_write32(f, PCI_COMMAND, (pci_read32(f, PCI_COMMAND) & 0xffff) | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    hba = kmap_io(bar);
    take_ownership(hba);
    wr(hba, HBA_GHC, rd(hba, HBA_GHC) | GHC_AE);    // no HBA reset: the BIOS's ports keep working
    pi = rd(hba, HBA_PI);
    vs = rd(hba, HBA_VS);
    kprintf(": AHCI %u.%u, %u ports\n", vs >> 16, (vs >> 8) & 0xff, (rd(hba, HBA_CAP) & 0x1f) + 1);
    for (port = 0; port < 32 && n < max && ndisks < MAX_DISKS; port++) {
        struct ahci_disk *d = &disks[ndisks];
        struct blkdev *dev = &devs[ndisks];
        volatile uint32_t *regs;

        if (!(pi & 1u << port))
            continue;
        regs = kmap_io(bar + 0x100 + 0x80 * port);
        if (!disk_on_port(regs, port)) {
            devices += (rd(regs, PX_SSTS) & 0xf) == SSTS_DET_UP;
            kunmap((void *)regs);
            continue;
        }
        devices++;
        memset(d, 0, sizeof *d);
        memset(dev, 0, sizeof *dev);
        d->regs = regs;
        d->port = port;
        if (take_port(d, &dev->sectors) < 0)
            continue;
        snprintf(dev->name, sizeof dev->name, "ahci%d", ndisks);
        dev->sector_size = BLK_SECTOR_SIZE;
        dev->read = ahci_read;
        dev->write = ahci_write;
        dev->flush = ahci_flush;
        dev->priv = d;
        kprintf("ahci: %s: port %u, %u MiB, %s, DMA\n", dev->name, port, (uint32_t)(dev->sectors >> 11),
                d->model);
        out[n++] = dev;
        ndisks++;
    }
    if (!devices)
        kprintf("ahci: no device on any port\n");
    kunmap((void *)hba);
    return n;
}

int ahci_probe(struct blkdev **out, int max)
{
    struct pci_func f[MAX_CONTROLLERS];
    int nf = pci_find_class(0x01, 0x06, f, MAX_CONTROLLERS), i, n = 0;

    for (i = 0; i < nf; i++)
        n += probe_controller(&f[i], out + n, max - n);
    return n;
}

void ahci_release(void)
{
    int i;

    for (i = 0; i < ndisks; i++)
        give_back(&disks[i]);
    if (ndisks)
        kprintf("ahci: %d disk(s) given back to the BIOS\n", ndisks);
    ndisks = 0;
}
