; SPDX-License-Identifier: GPL-3.0-or-later
; kernel/arch/entry.asm: the kernel's first instructions.
;
; The loader jumps here (physical 1 MiB, paging off) with EAX = BOOTINFO_MAGIC
; and EBX = the physical address of struct bootinfo.  The kernel is linked at
; KERNEL_VIRT + 1 MiB, so before any C runs we clear .bss, map the first
; BOOT_MAP_BYTES both where they are and at KERNEL_VIRT with 4 MiB pages, turn paging
; on and jump up.  vm_init() later replaces this page directory.

%include "layout.inc"
bits 32

extern kmain
extern _bss_start
extern _kernel_end
global _start
global boot_pgdir

section .text.entry
_start:
    cld
    mov esi, eax                        ; keep the magic; EBX stays untouched

    mov edi, _bss_start - KERNEL_VIRT   ; clear .bss (physical addresses)
    mov ecx, _kernel_end - KERNEL_VIRT
    sub ecx, edi
    xor eax, eax
    rep stosb

    mov edi, boot_pgdir - KERNEL_VIRT   ; BOOT_MAP_BYTES in 4 MiB pages, twice
    xor ecx, ecx
.map:
    mov edx, ecx
    shl edx, 22
    or edx, 0x83                        ; present, writable, 4 MiB
    mov [edi + ecx * 4], edx
    mov [edi + ecx * 4 + (KERNEL_VIRT >> 22) * 4], edx
    inc ecx
    cmp ecx, BOOT_MAP_BYTES >> 22
    jb .map

    mov eax, cr4
    or eax, 0x10                        ; PSE: 4 MiB pages
    mov cr4, eax
    mov cr3, edi
    mov eax, cr0
    or eax, 0x80050000                  ; paging, write-protect in ring 0 too, and
                                        ; alignment checks for ring 3 programs with AC
                                        ; set (AM), as Linux has them
    mov cr0, eax
    lea eax, [.high]
    jmp eax
.high:
    mov esp, boot_stack_top
    xor ebp, ebp                        ; the backtrace ends here
    push ebx
    push esi
    call kmain
.halt:
    cli
    hlt
    jmp .halt

section .bss
align 4096
boot_pgdir:
    resb 4096
global boot_stack
boot_stack:
    resb 16384
boot_stack_top:
