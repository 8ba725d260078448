; SPDX-License-Identifier: GPL-3.0-or-later
; kernel/chain/handoff_low.asm: the last instructions of seedstrap's kernel.  Assembled
; flat for HANDOFF_ADDR and copied there by kernel/chain/handoff.c, which jumps in
; with paging on, the first 4 MiB identity-mapped, interrupts off, and
;   ESI = where the protected-mode kernel is staged, EDI = where it must go,
;   ECX = its size in dwords, EDX = its entry point.
; It turns paging off, moves the kernel into place (the staging area lies
; above the destination and everything Linux will decompress into), loads
; the flat segments the 32-bit boot protocol names (__BOOT_CS 0x10,
; __BOOT_DS 0x18), and enters Linux with ESI = boot_params and EBP, EDI,
; EBX zero (Documentation/arch/x86/boot.rst, "32-bit boot protocol").

%include "layout.inc"
org HANDOFF_ADDR
bits 32

handoff:
    cli
    mov eax, cr0
    and eax, 0x7fffffff                 ; paging off: we run where we are mapped
    mov cr0, eax
    xor eax, eax
    mov cr3, eax
    lgdt [gdt_desc]
    jmp 0x10:flat

flat:
    mov ax, 0x18
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ss, ax
    mov esp, HANDOFF_ADDR               ; a stack below us, for nobody in particular
    cld
    rep movsd                           ; the kernel to its load address
    mov esi, LINUX_PARAMS_ADDR
    xor ebp, ebp
    xor edi, edi
    xor ebx, ebx
    jmp edx

align 8
gdt:
    dq 0
    dq 0
    dq 0x00cf9a000000ffff               ; 0x10: __BOOT_CS, flat 32-bit code
    dq 0x00cf92000000ffff               ; 0x18: __BOOT_DS, flat 32-bit data
gdt_desc:
    dw gdt_desc - gdt - 1
    dd gdt

%if ($ - $$) > 1024
%error "the hand-off code outgrew its kilobyte"
%endif
