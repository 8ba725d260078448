// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/pci.c: PCI configuration space through the legacy mechanism #1
// (an address written to 0xcf8, the dword read or written at 0xcfc), which
// every PC chipset since the PCI BIOS era and QEMU's i440FX and Q35 have.
// Only what the drivers need: finding the functions of a class, and reading
// and writing their registers (BARs, the command register).
#include <stdint.h>
#include "arch/x86.h"
#include "pci.h"

#define CONFIG_ADDRESS 0xcf8
#define CONFIG_DATA 0xcfc

static uint32_t config_address(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t offset)
{
    return 0x80000000u | (uint32_t)bus << 16 | (uint32_t)dev << 11 | (uint32_t)fn << 8 | (offset & 0xfc);
}

static uint32_t read_at(uint8_t bus, uint8_t dev, uint8_t fn, uint8_t offset)
{
    outl(CONFIG_ADDRESS, config_address(bus, dev, fn, offset));
    return inl(CONFIG_DATA);
}

uint32_t pci_read32(const struct pci_func *f, uint8_t offset)
{
    return read_at(f->bus, f->dev, f->fn, offset);
}

void pci_write32(const struct pci_func *f, uint8_t offset, uint32_t value)
{
    outl(CONFIG_ADDRESS, config_address(f->bus, f->dev, f->fn, offset));
    outl(CONFIG_DATA, value);
}

// Every bus number is tried rather than following bridges: 256 x 32 reads
// of a vendor ID cost a few milliseconds, once per driver, and need no
// bridge code.
int pci_find_class(uint8_t class, uint8_t subclass, struct pci_func *out, int max)
{
    uint32_t id, cls;
    int bus, dev, fn, nfn, n = 0;

    for (bus = 0; bus < 256; bus++)
        for (dev = 0; dev < 32; dev++) {
            if ((read_at(bus, dev, 0, 0) & 0xffff) == 0xffff)
                continue;                               // no device
            nfn = read_at(bus, dev, 0, 0x0c) & 0x800000 ? 8 : 1;      // multi-function header
            for (fn = 0; fn < nfn && n < max; fn++) {
                if (((id = read_at(bus, dev, fn, 0)) & 0xffff) == 0xffff)
                    continue;
                cls = read_at(bus, dev, fn, 0x08);
                if (cls >> 24 != class || (cls >> 16 & 0xff) != subclass)
                    continue;
                out[n].bus = bus;
                out[n].dev = dev;
                out[n].fn = fn;
                out[n].class = class;
                out[n].subclass = subclass;
                out[n].prog_if = cls >> 8 & 0xff;
                out[n].vendor = id & 0xffff;
                out[n].device = id >> 16;
                n++;
            }
        }
    return n;
}
