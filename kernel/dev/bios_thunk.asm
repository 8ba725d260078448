; SPDX-License-Identifier: GPL-3.0-or-later
; kernel/dev/bios_thunk.asm: the trip from the kernel to a BIOS interrupt in real
; mode and back.  Assembled flat for THUNK_ADDR and copied there at boot
; (kernel/dev/bios.c); kernel/dev/bios_call.asm jumps in with paging on, the first
; 4 MiB identity-mapped, interrupts off, and the kernel's page directory and
; return address in struct bios_regs (disk-layout/init.layout).
;
; Down: paging off, 16-bit protected mode, real mode with the BIOS's
; interrupt table, registers from struct bios_regs, `int N` (N patched into
; the instruction).  Up: registers and flags back into struct bios_regs,
; protected mode, paging on, jump back to the kernel.

%include "layout.inc"
org THUNK_ADDR
bits 32

thunk:
    mov esp, THUNK_STACK_TOP
    mov eax, cr0
    and eax, 0x7fffffff                 ; paging off: we run where we are mapped
    mov cr0, eax
    xor eax, eax
    mov cr3, eax                        ; and the TLB forgets the kernel
    lgdt [gdt_desc]
    jmp 0x18:pm16

bits 16
pm16:
    mov ax, 0x20                        ; 16-bit data segments, 64 KiB limits
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ss, ax
    mov eax, cr0
    and al, 0xfe                        ; protection off
    mov cr0, eax
    jmp 0:real

real:
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ss, ax
    mov sp, THUNK_STACK_TOP
    lidt [real_idt]
    mov al, [THUNK_REGS + BR_INT]
    mov [int_insn + 1], al
    push word [THUNK_REGS + BR_DS]
    mov es, [THUNK_REGS + BR_ES]
    mov eax, [THUNK_REGS + BR_EAX]
    mov ebx, [THUNK_REGS + BR_EBX]
    mov ecx, [THUNK_REGS + BR_ECX]
    mov edx, [THUNK_REGS + BR_EDX]
    mov esi, [THUNK_REGS + BR_ESI]
    mov edi, [THUNK_REGS + BR_EDI]
    mov ebp, [THUNK_REGS + BR_EBP]
    pop ds
    sti
int_insn:
    int 0x13
    cli
    pushfd
    push ds
    push eax
    xor ax, ax
    mov ds, ax
    pop eax
    mov [THUNK_REGS + BR_EAX], eax
    mov [THUNK_REGS + BR_EBX], ebx
    mov [THUNK_REGS + BR_ECX], ecx
    mov [THUNK_REGS + BR_EDX], edx
    mov [THUNK_REGS + BR_ESI], esi
    mov [THUNK_REGS + BR_EDI], edi
    mov [THUNK_REGS + BR_EBP], ebp
    pop word [THUNK_REGS + BR_DS]
    mov [THUNK_REGS + BR_ES], es
    pop dword [THUNK_REGS + BR_EFLAGS]

    o32 lgdt [gdt_desc]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    jmp dword 0x08:pm32

bits 32
pm32:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ss, ax
    mov eax, [THUNK_REGS + BR_CR3]
    mov cr3, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    jmp [THUNK_REGS + BR_RETURN]

align 8
gdt:
    dq 0
    dq 0x00cf9a000000ffff               ; 0x08: flat 32-bit code
    dq 0x00cf92000000ffff               ; 0x10: flat 32-bit data
    dq 0x00009a000000ffff               ; 0x18: 16-bit code, base 0, 64 KiB
    dq 0x000092000000ffff               ; 0x20: 16-bit data, base 0, 64 KiB
gdt_desc:
    dw gdt_desc - gdt - 1
    dd gdt
real_idt:
    dw 0x3ff                            ; the BIOS's interrupt vector table at 0
    dd 0

%if THUNK_ADDR + ($ - $$) > THUNK_REGS
%error "the thunk runs into struct bios_regs"
%endif
