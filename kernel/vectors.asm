; SPDX-License-Identifier: GPL-3.0-or-later
; kernel/vectors.asm: one entry stub for each of the 256 interrupt vectors,
; and the common path into trap() (kernel/trap.c) and back.
;
; Every stub leaves the same frame (struct trapframe in kernel/trap.h): the
; CPU pushes eflags, cs, eip (and ss, esp from ring 3) and for some
; exceptions an error code; the stub pushes a zero where the CPU did not,
; then the vector number; trap_entry pushes the general and segment registers.

bits 32
extern trap
global trap_return
global vector_table

SEG_KDATA equ 0x10

; exceptions for which the CPU pushes an error code
%define HAS_ERROR(n) (n == 8 || (n >= 10 && n <= 14) || n == 17 || n == 21 || n == 29 || n == 30)

section .text
%assign n 0
%rep 256
vector_ %+ n:
%if !HAS_ERROR(n)
    push 0
%endif
    push n
    jmp trap_entry
%assign n n + 1
%endrep

trap_entry:
    pushad
    push ds
    push es
    push fs
    push gs
    mov ax, SEG_KDATA
    mov ds, ax
    mov es, ax
    push esp                    ; the trapframe
    call trap
    add esp, 4
trap_return:
    pop gs
    pop fs
    pop es
    pop ds
    popad
    add esp, 8                  ; vector number and error code
    iretd

section .rodata
vector_table:                   ; the stubs' addresses, for the IDT
%assign n 0
%rep 256
    dd vector_ %+ n
%assign n n + 1
%endrep
