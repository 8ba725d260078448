// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/dev/pci.h: PCI configuration space (kernel/dev/pci.c).
#ifndef PCI_H
#define PCI_H
#include <stdint.h>

struct pci_func {
    uint8_t bus, dev, fn;
    uint8_t class, subclass, prog_if;
    uint16_t vendor, device;
};

#define PCI_BAR0 0x10
#define PCI_COMMAND 0x04
#define PCI_COMMAND_IO 0x1
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4

// the functions of that class and subclass, up to max of them in bus order
// into out; how many
int pci_find_class(uint8_t class, uint8_t subclass, struct pci_func *out, int max);
uint32_t pci_read32(const struct pci_func *f, uint8_t offset);
void pci_write32(const struct pci_func *f, uint8_t offset, uint32_t value);
#endif
