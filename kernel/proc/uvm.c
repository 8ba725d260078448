// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/proc/uvm.c: user address spaces.  Each process has its own page
// directory whose top quarter is the kernel's (shared entries, see vm.c) and
// a sorted list of areas.  No page is allocated until it is touched: the
// fault handler fills it with zeros or with the file's bytes.  fork marks
// every present page read-only and copy-on-write in both processes; a page
// is copied only when one of them writes to it and others still share it
// (a per-page reference count says so).
// Page tables live in the direct map; user pages anywhere, reached by kmap.
// A file-backed area holds its inode (ext2_ref), so that a program whose file
// is unlinked or replaced while it runs still faults in its own bytes.
//
// The whole pages of files are shared through a page cache: every run of a
// program maps the same physical pages of its code and data, copy-on-write,
// instead of reading them anew.  That saves the copy, and under emulation
// far more: QEMU keeps the code it translated per physical page, so a
// program started for the thousandth time (a configure script's sed) runs
// already translated.  An entry is good while the inode's content version
// (ext2_content_version) is the one it was read at.
#include <stdint.h>
#include <string.h>
#include "arch/console.h"
#include "arch/x86.h"
#include "fs/ext2.h"
#include "lib/errno.h"
#include "mm/kheap.h"
#include "mm/pmm.h"
#include "mm/vm.h"
#include "uvm.h"

#define PTE_COW 0x200                   // an available bit: shared until written
#define PAGE_MASK (~(PAGE_SIZE - 1))

static uint16_t page_refs[1u << 20];    // users of each physical page

void uvm_init(void)
{
    memset(page_refs, 0, sizeof page_refs);
}

static void page_put(uint32_t pa)
{
    uint32_t pfn = pa / PAGE_SIZE;
    if (--page_refs[pfn] == 0)
        pmm_free(pa & PAGE_MASK);
}

static uint32_t *pgdir_of(const struct uvm *m)
{
    return P2V(m->pgdir);
}

static int is_current(const struct uvm *m)
{
    return (rcr3() & PAGE_MASK) == m->pgdir;
}

static void flush(const struct uvm *m, uint32_t va)
{
    if (is_current(m))
        invlpg(va);
}

// the page-table entry for va, making its page table when create is set
static uint32_t *pte_of(const struct uvm *m, uint32_t va, int create)
{
    uint32_t *pde = &pgdir_of(m)[va >> 22];
    if (!(*pde & PTE_P)) {
        uint32_t pt;
        if (!create || (pt = pmm_alloc_below(DIRECT_MAP_BYTES)) == NO_PAGE)
            return NULL;
        memset(P2V(pt), 0, PAGE_SIZE);
        *pde = pt | PTE_P | PTE_W | PTE_U;
    }
    return (uint32_t *)P2V(*pde & PAGE_MASK) + ((va >> 12) & 1023);
}

struct uvm *uvm_create(struct ext2_fs *fs)
{
    uint32_t pd = pmm_alloc_below(DIRECT_MAP_BYTES);
    uint32_t *kernel = P2V(vm_kernel_pgdir());
    struct uvm *m;

    if (pd == NO_PAGE)
        return NULL;
    if (!(m = kzalloc(sizeof *m))) {
        pmm_free(pd);
        return NULL;
    }
    m->refs = 1;
    m->pgdir = pd;
    m->fs = fs;
    memset(P2V(pd), 0, PAGE_SIZE / 4 * 3);
    memcpy((uint32_t *)P2V(pd) + (USER_TOP >> 22), kernel + (USER_TOP >> 22), PAGE_SIZE / 4);
    return m;
}

struct uvm *uvm_get(struct uvm *m)
{
    m->refs++;
    return m;
}

// drops the pages of [start, end) from the page tables
static void drop_pages(struct uvm *m, uint32_t start, uint32_t end)
{
    uint32_t va, *pte;

    for (va = start; va < end; va += PAGE_SIZE) {
        if (!(pgdir_of(m)[va >> 22] & PTE_P)) {
            va = (va | 0x3fffff) - PAGE_SIZE + 1;      // skip the empty 4 MiB
            continue;
        }
        pte = pte_of(m, va, 0);
        if (*pte & PTE_P) {
            page_put(*pte & PAGE_MASK);
            *pte = 0;
            flush(m, va);
        }
    }
}

static void vma_free(struct uvm *m, struct vma *v)
{
    if (v->ino)
        ext2_unref(m->fs, v->ino);
    kfree(v);
}

// The last user is gone.  It must not be the address space the CPU is in:
// its page directory is freed here.
void uvm_put(struct uvm *m)
{
    uint32_t i, *pd = pgdir_of(m);
    struct vma *v;

    if (--m->refs > 0)
        return;
    if (is_current(m))
        lcr3(vm_kernel_pgdir());
    drop_pages(m, 0, USER_TOP);
    for (i = 0; i < USER_TOP >> 22; i++)
        if (pd[i] & PTE_P)
            pmm_free(pd[i] & PAGE_MASK);
    pmm_free(m->pgdir);
    while ((v = m->vmas)) {
        m->vmas = v->next;
        vma_free(m, v);
    }
    kfree(m);
}

void uvm_activate(const struct uvm *m)
{
    lcr3(m->pgdir);
}

struct uvm *uvm_fork(struct uvm *parent)
{
    struct vma *v, **tail;
    uint32_t i, j, *ppd = pgdir_of(parent);
    struct uvm *child = uvm_create(parent->fs);

    if (!child)
        return NULL;
    child->brk_start = parent->brk_start;
    child->brk = parent->brk;
    child->code_base = parent->code_base;
    tail = &child->vmas;
    for (v = parent->vmas; v; v = v->next) {
        struct vma *c = kmalloc(sizeof *c);
        if (c && v->ino && ext2_ref(parent->fs, v->ino) < 0) {
            kfree(c);
            c = NULL;
        }
        if (!c)
            goto nomem;
        *c = *v;
        c->next = NULL;
        *tail = c;
        tail = &c->next;
    }
    for (i = 0; i < USER_TOP >> 22; i++) {
        uint32_t *ppt, *cpt;
        if (!(ppd[i] & PTE_P))
            continue;
        ppt = P2V(ppd[i] & PAGE_MASK);
        if (!(cpt = pte_of(child, i << 22, 1)))
            goto nomem;
        for (j = 0; j < 1024; j++) {
            if (!(ppt[j] & PTE_P))
                continue;
            ppt[j] = (ppt[j] & ~PTE_W) | PTE_COW;
            cpt[j] = ppt[j];
            page_refs[ppt[j] / PAGE_SIZE]++;
        }
    }
    if (is_current(parent))
        lcr3(parent->pgdir);
    return child;
nomem:
    uvm_put(child);
    if (is_current(parent))
        lcr3(parent->pgdir);
    return NULL;
}

static struct vma *find_vma(const struct uvm *m, uint32_t va)
{
    struct vma *v;
    for (v = m->vmas; v && v->start <= va; v = v->next)
        if (va < v->end)
            return v;
    return NULL;
}

// makes addr a boundary between areas (splitting the one that spans it)
static int split_at(struct uvm *m, uint32_t addr)
{
    struct vma *v = find_vma(m, addr), *tail;

    if (!v || v->start == addr)
        return 0;
    if (!(tail = kmalloc(sizeof *tail)))
        return -ENOMEM;
    if (v->ino && ext2_ref(m->fs, v->ino) < 0) {
        kfree(tail);
        return -ENOMEM;
    }
    *tail = *v;
    tail->start = addr;
    if (v->ino)
        tail->file_off += addr - v->start;
    v->end = addr;
    v->next = tail;
    return 0;
}

int uvm_unmap(struct uvm *m, uint32_t start, uint32_t len)
{
    uint32_t end = start + ((len + PAGE_SIZE - 1) & PAGE_MASK);
    struct vma **pp = &m->vmas, *v;

    if (start & ~PAGE_MASK || end > USER_TOP || end < start)
        return -EINVAL;
    if (split_at(m, start) || split_at(m, end))
        return -ENOMEM;
    while ((v = *pp)) {
        if (v->start >= start && v->end <= end) {
            *pp = v->next;
            vma_free(m, v);
        } else {
            pp = &v->next;
        }
    }
    drop_pages(m, start, end);
    return 0;
}

int uvm_map(struct uvm *m, uint32_t start, uint32_t len, uint32_t prot, uint32_t ino,
            uint64_t file_off, uint32_t file_len)
{
    uint32_t end = start + ((len + PAGE_SIZE - 1) & PAGE_MASK);
    struct vma *v, **pp;
    int err;

    if (len == 0 || start & ~PAGE_MASK || end > USER_TOP || end <= start)
        return -EINVAL;
    if ((err = uvm_unmap(m, start, len)) < 0)
        return err;
    // an anonymous area right after one like it (the heap growing) extends it;
    // not an executable one: a code view (uvm_add_code_view) must stay an area
    // of its own, neither grown nor grown into
    for (v = m->vmas; !ino && !(prot & PROT_EXEC) && v; v = v->next)
        if (v->end == start && !v->ino && v->prot == prot && (!v->next || v->next->start >= end)) {
            v->end = end;
            return 0;
        }
    if (!(v = kzalloc(sizeof *v)))
        return -ENOMEM;
    if (ino && ext2_ref(m->fs, ino) < 0) {
        kfree(v);
        return -ENOMEM;
    }
    v->start = start;
    v->end = end;
    v->prot = prot;
    v->ino = ino;
    v->file_off = file_off;
    v->file_end = start + file_len;
    for (pp = &m->vmas; *pp && (*pp)->start < start; pp = &(*pp)->next)
        ;
    v->next = *pp;
    *pp = v;
    return 0;
}

int uvm_protect(struct uvm *m, uint32_t start, uint32_t len, uint32_t prot)
{
    uint32_t end = start + ((len + PAGE_SIZE - 1) & PAGE_MASK), va, *pte;
    struct vma *v;

    if (start & ~PAGE_MASK || end > USER_TOP || end < start)
        return -EINVAL;
    for (va = start; va < end; va += PAGE_SIZE)
        if (!find_vma(m, va))
            return -ENOMEM;             // Linux: part of the range is not mapped
    if (split_at(m, start) || split_at(m, end))
        return -ENOMEM;
    for (v = m->vmas; v; v = v->next)
        if (v->start >= start && v->end <= end)
            v->prot = prot;
    // taking write away must reach the page tables; giving it back happens at the next fault
    if (!(prot & PROT_WRITE))
        for (va = start; va < end; va += PAGE_SIZE)
            if ((pte = pte_of(m, va, 0)) && (*pte & PTE_P)) {
                *pte &= ~PTE_W;
                flush(m, va);
            }
    return 0;
}

// Moves the pages of [from, from + len) to [to, to + len), whose page
// tables are made as needed; the pages themselves stay where they are.
static int move_pages(struct uvm *m, uint32_t from, uint32_t to, uint32_t len)
{
    uint32_t off, *src, *dst;

    for (off = 0; off < len; off += PAGE_SIZE) {
        if (!(src = pte_of(m, from + off, 0)) || !(*src & PTE_P))
            continue;
        if (!(dst = pte_of(m, to + off, 1)))
            return -ENOMEM;
        *dst = *src;
        *src = 0;
        flush(m, from + off);
        flush(m, to + off);
    }
    return 0;
}

int uvm_remap(struct uvm *m, uint32_t old, uint32_t old_len, uint32_t new_len, uint32_t to, uint32_t *out)
{
    uint32_t old_end = old + ((old_len + PAGE_SIZE - 1) & PAGE_MASK);
    uint32_t size = (new_len + PAGE_SIZE - 1) & PAGE_MASK, kept;
    struct vma *v = find_vma(m, old), *moved, **pp;
    int err;

    if (old & ~PAGE_MASK || old_end <= old || old_end > USER_TOP || !size || size < new_len)
        return -EINVAL;
    if (!v || old_end > v->end || v->code_shift)
        return -EFAULT;                 // Linux: the old range is not one mapping
    if (to <= 1 && size <= old_end - old) {     // shrinking: in place
        if (size < old_end - old && (err = uvm_unmap(m, old + size, old_end - old - size)) < 0)
            return err;
        *out = old;
        return 0;
    }
    if (to <= 1 && old_end == v->end && old + size > old && old + size <= USER_MMAP_TOP &&
        uvm_range_free(m, old_end, old + size - old_end)) {     // growing into free space
        v->end = old + size;
        *out = old;
        return 0;
    }
    if (to == 0)
        return -ENOMEM;
    if (to == 1 && !(to = uvm_find_free(m, size)))
        return -ENOMEM;
    if (to & ~PAGE_MASK || to + size > USER_TOP || to + size <= to || (to < old_end && old < to + size))
        return -EINVAL;
    // the old range as an area of its own, and a copy of it for the new place
    if (split_at(m, old) || split_at(m, old_end) || !(moved = kmalloc(sizeof *moved)))
        return -ENOMEM;
    v = find_vma(m, old);
    if (v->ino && ext2_ref(m->fs, v->ino) < 0) {
        kfree(moved);
        return -ENOMEM;
    }
    *moved = *v;
    kept = size < old_end - old ? size : old_end - old;
    if ((err = uvm_unmap(m, to, size)) < 0 || (err = move_pages(m, old, to, kept)) < 0) {
        vma_free(m, moved);
        return err;
    }
    uvm_unmap(m, old, old_end - old);   // the old area, and a shrink's tail
    moved->start = to;
    moved->end = to + size;
    moved->file_end = moved->file_end - old + to;
    for (pp = &m->vmas; *pp && (*pp)->start < to; pp = &(*pp)->next)
        ;
    moved->next = *pp;
    *pp = moved;
    *out = to;
    return 0;
}

int uvm_range_free(const struct uvm *m, uint32_t start, uint32_t len)
{
    struct vma *v;
    for (v = m->vmas; v; v = v->next)
        if (v->start < start + len && v->end > start)
            return 0;
    return 1;
}

uint32_t uvm_size(const struct uvm *m)
{
    const struct vma *v;
    uint32_t n = 0;
    for (v = m->vmas; v; v = v->next)
        n += v->end - v->start;
    return n;
}

uint32_t uvm_find_free(struct uvm *m, uint32_t len)
{
    uint32_t hi = USER_MMAP_TOP, lo;
    struct vma *v;
    int moved = 1;

    len = (len + PAGE_SIZE - 1) & PAGE_MASK;
    while (moved) {
        moved = 0;
        if (len > hi || hi - len < m->brk + (64u << 20))
            return 0;                   // keep 64 MiB for the heap to grow into
        lo = hi - len;
        for (v = m->vmas; v; v = v->next)
            if (v->start < hi && v->end > lo) {
                hi = v->start;
                moved = 1;
            }
    }
    return hi - len;
}

// ---- the page cache ----
// Direct-mapped: an entry taken by another page is let go.  It holds a
// reference to its page and a hold on its inode's content version.
#define CACHE_SLOTS 4096                // 16 MiB of pages at most
static struct cached {
    struct ext2_fs *fs;                 // NULL: a free slot
    uint32_t ino, index, version, pa;
} cache[CACHE_SLOTS];

static void cache_evict(struct cached *c)
{
    if (!c->fs)
        return;
    page_put(c->pa);
    ext2_content_release(c->fs, c->ino);
    c->fs = NULL;
}

void uvm_cache_drop(struct ext2_fs *fs)
{
    uint32_t i;
    for (i = 0; i < CACHE_SLOTS; i++)
        if (cache[i].fs && (!fs || cache[i].fs == fs))
            cache_evict(&cache[i]);
}

// A page for a process: when memory has run out, the cache's pages are
// given back first.
static uint32_t user_page_alloc(void)
{
    uint32_t pa = pmm_alloc();
    if (pa == NO_PAGE) {
        uvm_cache_drop(NULL);
        pa = pmm_alloc();
    }
    return pa;
}

// Page index of file ino, with a reference for the caller; NO_PAGE if it
// cannot be had (the caller reads a page of its own then).
static uint32_t cached_page(struct ext2_fs *fs, uint32_t ino, uint32_t index)
{
    struct cached *c = &cache[(ino * 2654435761u + index * 40503u) % CACHE_SLOTS];
    uint32_t pa, version;
    uint8_t *p;
    int got;

    if (c->fs == fs && c->ino == ino && c->index == index && c->version == ext2_content_version(fs, ino)) {
        page_refs[c->pa / PAGE_SIZE]++;
        return c->pa;
    }
    cache_evict(c);
    if ((pa = pmm_alloc()) == NO_PAGE)
        return NO_PAGE;
    p = kmap(pa);
    got = ext2_read(fs, ino, (uint64_t)index * PAGE_SIZE, p, PAGE_SIZE);
    kunmap(p);
    if (got != PAGE_SIZE || ext2_content_hold(fs, ino, &version) < 0) {
        pmm_free(pa);
        return NO_PAGE;
    }
    c->fs = fs;
    c->ino = ino;
    c->index = index;
    c->version = version;
    c->pa = pa;
    page_refs[pa / PAGE_SIZE] = 2;      // the cache's and the caller's
    return pa;
}

// a new page for va in area v: zeros, or the file's bytes; *shared says it
// is the page cache's (to be mapped copy-on-write)
static uint32_t fill_page(struct uvm *m, const struct vma *v, uint32_t va, int *shared)
{
    uint64_t off = v->file_off + (va - v->start);
    uint32_t pa, n = 0;
    uint8_t *p;

    *shared = 0;
    if (v->ino && va + PAGE_SIZE <= v->file_end && !(off & ~PAGE_MASK) && off / PAGE_SIZE < 0xffffffffu &&
        (pa = cached_page(m->fs, v->ino, (uint32_t)(off / PAGE_SIZE))) != NO_PAGE) {
        *shared = 1;
        return pa;
    }
    if ((pa = user_page_alloc()) == NO_PAGE) {
        kprintf("uvm: out of memory\n");
        return NO_PAGE;
    }
    p = kmap(pa);
    if (v->ino && va < v->file_end) {
        n = v->file_end - va < PAGE_SIZE ? v->file_end - va : PAGE_SIZE;
        int got = ext2_read(m->fs, v->ino, off, p, n);
        if (got < 0)
            kprintf("uvm: cannot read inode %u for a mapping; the page stays zero\n", v->ino);
        n = got < 0 ? 0 : (uint32_t)got;
    }
    memset(p + n, 0, PAGE_SIZE - n);    // what the file does not fill
    kunmap(p);
    page_refs[pa / PAGE_SIZE] = 1;
    return pa;
}

// a new page with the bytes of the page at physical address old, or NO_PAGE
static uint32_t copy_page(uint32_t old)
{
    uint32_t pa = user_page_alloc();
    void *from, *to;

    if (pa == NO_PAGE)
        return NO_PAGE;
    from = kmap(old);
    to = kmap(pa);
    memcpy(to, from, PAGE_SIZE);
    kunmap(to);
    kunmap(from);
    page_refs[pa / PAGE_SIZE] = 1;
    return pa;
}

// a write to a shared page: copy it, unless nobody else has it any more
static int break_cow(struct uvm *m, uint32_t *pte, uint32_t va)
{
    uint32_t old = *pte & PAGE_MASK, pa;

    if (page_refs[old / PAGE_SIZE] == 1) {
        *pte = (*pte | PTE_W) & ~PTE_COW;
        flush(m, va);
        return 0;
    }
    if ((pa = copy_page(old)) == NO_PAGE)
        return -ENOMEM;
    page_put(old);
    *pte = pa | PTE_P | PTE_W | PTE_U;
    flush(m, va);
    return 0;
}

int uvm_add_code_view(struct uvm *m, uint32_t start, uint32_t len)
{
    uint32_t view = uvm_find_free(m, len);
    struct vma *v;
    int err;

    if (!view)
        return -ENOMEM;
    if ((err = uvm_map(m, view, len, PROT_READ | PROT_EXEC, 0, 0, 0)) < 0)
        return err;
    v = find_vma(m, view);
    v->code_shift = view - start;
    m->code_base = view - start;
    return 0;
}

// a page of a code view: a copy of the page it shows, faulted in first
static int fill_code_page(struct uvm *m, const struct vma *v, uint32_t page, uint32_t *pte)
{
    uint32_t shown = page - v->code_shift, pa, *shown_pte;
    int err;

    if ((err = uvm_fault(m, shown, 0)) < 0)
        return err;
    if (!(shown_pte = pte_of(m, shown, 0)) || (pa = copy_page(*shown_pte & PAGE_MASK)) == NO_PAGE)
        return -ENOMEM;
    *pte = pa | PTE_P | PTE_U;
    flush(m, page);
    return 0;
}

int uvm_fault(struct uvm *m, uint32_t va, int write)
{
    struct vma *v = find_vma(m, va);
    uint32_t *pte, page = va & PAGE_MASK, pa;

    if (!v || v->prot == 0 || (write && !(v->prot & PROT_WRITE)))
        return -EFAULT;
    if (!(pte = pte_of(m, page, 1)))
        return -ENOMEM;
    if (!(*pte & PTE_P) && v->code_shift)
        return fill_code_page(m, v, page, pte);
    if (!(*pte & PTE_P)) {
        int shared;
        if ((pa = fill_page(m, v, page, &shared)) == NO_PAGE)
            return -ENOMEM;
        // a cached page is copy-on-write even where the area is read-only,
        // so that an mprotect giving write back cannot reach it
        if (shared)
            *pte = pa | PTE_P | PTE_U | PTE_COW;
        else
            *pte = pa | PTE_P | PTE_U | (v->prot & PROT_WRITE ? PTE_W : 0);
        flush(m, page);
        return write && shared ? break_cow(m, pte, page) : 0;
    }
    if (write && (*pte & PTE_COW))
        return break_cow(m, pte, page);
    if (write && !(*pte & PTE_W)) {     // write given back by mprotect
        *pte |= PTE_W;
        flush(m, page);
    }
    return 0;
}

int user_check(struct uvm *m, uint32_t va, uint32_t n, int write)
{
    uint32_t page, *pte;

    if (n == 0)
        return 0;
    if (!user_range_ok(va, n))
        return -EFAULT;
    for (page = va & PAGE_MASK; page < va + n && page >= (va & PAGE_MASK); page += PAGE_SIZE) {
        pte = pte_of(m, page, 0);
        if (pte && (*pte & PTE_P) && (*pte & PTE_U) && (!write || (*pte & PTE_W)))
            continue;
        if (uvm_fault(m, page, write) < 0)
            return -EFAULT;
    }
    return 0;
}

int copy_from_user(struct uvm *m, void *dst, uint32_t src, uint32_t n)
{
    if (user_check(m, src, n, 0) < 0)
        return -EFAULT;
    memcpy(dst, (const void *)src, n);
    return 0;
}

int copy_to_user(struct uvm *m, uint32_t dst, const void *src, uint32_t n)
{
    if (user_check(m, dst, n, 1) < 0)
        return -EFAULT;
    memcpy((void *)dst, src, n);
    return 0;
}

int uvm_read(struct uvm *m, void *dst, uint32_t src, uint32_t n)
{
    uint32_t done = 0, va, chunk, *pte;
    uint8_t *page;

    while (done < n) {
        va = src + done;
        chunk = PAGE_SIZE - (va & ~PAGE_MASK);
        if (chunk > n - done)
            chunk = n - done;
        if (user_check(m, va, chunk, 0) < 0 || !(pte = pte_of(m, va, 0)) || !(*pte & PTE_P))
            return -EFAULT;
        page = kmap(*pte & PAGE_MASK);
        memcpy((uint8_t *)dst + done, page + (va & ~PAGE_MASK), chunk);
        kunmap(page);
        done += chunk;
    }
    return 0;
}

int copy_string_from_user(struct uvm *m, char *dst, uint32_t src, uint32_t max)
{
    uint32_t i = 0, chunk;

    while (i < max) {
        chunk = PAGE_SIZE - ((src + i) & (PAGE_SIZE - 1));
        if (chunk > max - i)
            chunk = max - i;
        if (user_check(m, src + i, chunk, 0) < 0)
            return -EFAULT;
        for (; chunk > 0; chunk--, i++)
            if ((dst[i] = ((const char *)src)[i]) == 0)
                return i;
    }
    return -ENAMETOOLONG;
}
