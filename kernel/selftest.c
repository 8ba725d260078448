// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/selftest.c: what the boot tests ask the running kernel to prove
// (command line `selftest`): the page allocator hands out distinct pages and
// takes them all back, kmap windows reach pages above the direct map, the
// heap survives a random workload, the timer ticks at its rate.  Each check
// prints one line; tests/qemu/ read them.  `test=pagefault` and `test=divide`
// make the kernel fault on purpose, to test the fault path itself.
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "arch/gdt.h"
#include "arch/power.h"
#include "arch/trap.h"
#include "arch/x86.h"
#include "dev/timer.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/vm.h"

static int failed, passed;

static void check(int ok, const char *what)
{
    kprintf("selftest: %s: %s\n", ok ? "ok" : "FAILED", what);
    if (ok)
        passed++;
    else
        failed++;
}

static uint32_t rng = 12345;

static uint32_t next_random(void)
{
    rng = rng * 1103515245 + 12345;
    return rng >> 8;
}

// allocate every free page, write its own address into it, check, free
static void test_pmm(void)
{
    uint32_t before = pmm_free_pages(), n = 0, bad = 0, page, next = NO_PAGE;
    uint32_t *p;

    while ((page = pmm_alloc()) != NO_PAGE) {
        p = kmap(page);
        p[0] = page;
        p[1] = next;            // a list through the pages themselves
        kunmap(p);
        next = page;
        n++;
    }
    kprintf("selftest: allocated all %u free pages (%u MiB)\n", n, n / 256);
    while (next != NO_PAGE) {
        p = kmap(next);
        page = next;
        bad += p[0] != page;
        next = p[1];
        kunmap(p);
        pmm_free(page);
    }
    check(n == before && bad == 0 && pmm_free_pages() == before,
          "every free page allocated once, written, read back and freed");
}

static void test_kmap(void)
{
    uint32_t page = pmm_alloc();        // from the top: above the direct map when RAM allows
    uint32_t *a, *b;

    a = kmap(page);
    b = kmap(page);
    a[100] = 0x5eed5eed;
    if (page < DIRECT_MAP_BYTES)
        check(b[100] == 0x5eed5eed && a == P2V(page), "kmap of a low page is its direct mapping");
    else
        check(b[100] == 0x5eed5eed && a != b, "two kmap windows onto a high page see the same bytes");
    kunmap(a);
    kunmap(b);
    pmm_free(page);
}

static void test_heap(void)
{
    enum { N = 2000 };
    static uint8_t *blocks[N];
    static uint32_t sizes[N];
    uint32_t i, j, bad = 0;
    size_t before = kheap_used();

    for (i = 0; i < N; i++) {
        sizes[i] = next_random() % (i % 50 == 0 ? 40000 : 3000) + 1;
        blocks[i] = kmalloc(sizes[i]);
        if (!blocks[i]) {
            bad++;
            continue;
        }
        memset(blocks[i], (int)(i & 0xff), sizes[i]);
    }
    for (i = 0; i < N; i += 2)
        kfree(blocks[i]);
    for (i = 1; i < N; i += 2)
        for (j = 0; blocks[i] && j < sizes[i]; j++)
            bad += blocks[i][j] != (i & 0xff);
    for (i = 1; i < N; i += 2)
        kfree(blocks[i]);
    check(bad == 0 && kheap_used() == before, "2000 heap blocks of 1 B to 40 KB keep their bytes");
}

static void test_timer(void)
{
    uint32_t t0 = timer_ticks();
    uint64_t ms0 = timer_uptime_ms(), ms;

    timer_sleep_ticks(TIMER_HZ / 5);
    ms = timer_uptime_ms() - ms0;
    kprintf("selftest: %u ticks took %u ms by the TSC\n", timer_ticks() - t0, (uint32_t)ms);
    check(timer_ticks() - t0 >= TIMER_HZ / 5 && ms >= 150 && ms <= 1000, "the timer ticks at 100 Hz");
}

int selftest_run(void)
{
    test_pmm();
    test_kmap();
    test_heap();
    test_timer();
    kprintf("selftest: %d passed, %d failed\n", passed, failed);
    return failed;
}

// test=usermode: the smallest ring-3 program, `mov eax, 0x5eed; int 0x80;
// jmp $`, proves the TSS, the user segments and the DPL-3 system-call gate.
// It is also the probe that tells whether an accelerator (KVM) really runs
// 32-bit guests (tests/qemu/accel.sh).
#define PROBE_VA 0x00400000u
#define UNMAPPED_VA 0xf0dead00u     // between the direct map and the kmap windows

static void probe_syscall(struct trapframe *tf)
{
    int ok = (tf->cs & 3) == 3 && tf->eax == 0x5eed && tf->eip == PROBE_VA + 7;
    kprintf("usermode: %s: int 0x80 from cs=%04x eip=%08x eax=%08x\n", ok ? "ok" : "FAILED",
            tf->cs, tf->eip, tf->eax);
    power_off(ok ? POWER_OK : POWER_PANIC);
}

static void test_usermode(void)
{
    static const uint8_t code[] = { 0xb8, 0xed, 0x5e, 0x00, 0x00, 0xcd, 0x80, 0xeb, 0xfe };
    uint32_t *pgdir = P2V(vm_kernel_pgdir());
    uint32_t pt = pmm_alloc_below(DIRECT_MAP_BYTES), page = pmm_alloc_below(DIRECT_MAP_BYTES);
    uint32_t *table = P2V(pt);
    static uint8_t kstack[4096];

    memset(table, 0, PAGE_SIZE);
    memset(P2V(page), 0, PAGE_SIZE);
    memcpy(P2V(page), code, sizeof code);
    table[0] = page | PTE_P | PTE_W | PTE_U;            // code and stack share the page
    pgdir[PROBE_VA >> 22] = pt | PTE_P | PTE_W | PTE_U;
    gdt_set_kernel_stack((uint32_t)kstack + sizeof kstack);
    trap_set_handler(T_SYSCALL, probe_syscall);
    enter_user(PROBE_VA, PROBE_VA + PAGE_SIZE);
}

void selftest_fault(const char *what)
{
    volatile uint32_t zero = 0;

    kprintf("selftest: test=%s\n", what);
    if (!strcmp(what, "pagefault"))
        *(volatile uint32_t *)UNMAPPED_VA = 1;
    else if (!strcmp(what, "divide"))
        kprintf("%u\n", 0x12345678u / zero);   // 1 / x gcc would turn into a compare
    else if (!strcmp(what, "usermode"))
        test_usermode();
    else
        kprintf("selftest: unknown test=%s\n", what);
}
