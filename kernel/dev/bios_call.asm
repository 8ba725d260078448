; SPDX-License-Identifier: GPL-3.0-or-later
; kernel/dev/bios_call.asm: the kernel's side of a BIOS call (kernel/dev/bios.c
; prepares struct bios_regs and the identity mapping of low memory).  Saves
; the kernel's state, enters kernel/dev/bios_thunk.asm at THUNK_ADDR, and on the
; way back reloads the kernel's descriptor tables, segments and stack.

%include "layout.inc"
bits 32
SEG_KCODE equ 0x08
SEG_KDATA equ 0x10

section .text
global bios_call_thunk
bios_call_thunk:
    pushad
    pushfd
    cli
    sgdt [saved_gdt]
    sidt [saved_idt]
    mov [saved_esp], esp
    mov eax, cr3
    mov [KERNEL_VIRT + THUNK_REGS + BR_CR3], eax
    mov dword [KERNEL_VIRT + THUNK_REGS + BR_RETURN], .back
    mov eax, THUNK_ADDR
    jmp eax
.back:
    lgdt [saved_gdt]
    jmp SEG_KCODE:.reload
.reload:
    mov ax, SEG_KDATA
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ss, ax
    lidt [saved_idt]
    mov esp, [saved_esp]
    popfd
    popad
    ret

section .bss
saved_gdt: resb 8
saved_idt: resb 8
saved_esp: resd 1
