; SPDX-License-Identifier: GPL-3.0-or-later
; kernel/arch/vectors.asm: one entry stub for each of the 256 interrupt vectors,
; and the common path into trap() (kernel/arch/trap.c) and back.
;
; Every stub leaves the same frame (struct trapframe in kernel/arch/trap.h): the
; CPU pushes eflags, cs, eip (and ss, esp from ring 3) and for some
; exceptions an error code; the stub pushes a zero where the CPU did not,
; then the vector number; trap_entry pushes the general and segment registers.
;
; What the kernel's C code assumes at every entry, whatever state a user
; program (or an interrupted kernel path) had; each item was audited:
; - Direction flag: clear.  The ABI and every line gcc emits assume DF=0 at
;   each call, and neither an interrupt gate nor a trap gate clears it; a
;   program may enter with DF=1 (glibc's backward memmove runs so for a
;   moment), and memcpy's string instructions would then walk down from
;   their destination: below a user buffer the pointer checks covered, or
;   through kernel memory.  So trap_entry clears it first.  The program's
;   DF comes back with its eflags at iretd, and swtch needs to carry no flags
;   (every kernel path runs with DF=0 from here on).
; - TF, NT, RF (and VM): the CPU clears them itself on a gate; IF is cleared
;   by the interrupt gates we use (kernel/arch/trap.c).  IOPL cannot be raised by
;   a user's popf.
; - AC: an alignment check happens only at CPL 3, and the kernel enables no
;   SMAP, so a user's AC=1 cannot make a kernel access fault.  CR0.AM is set
;   (kernel/arch/entry.asm), so the program's own unaligned accesses with AC=1
;   fault (SIGBUS, BUS_ADRALN) as on Linux.
; - DS and ES: loaded here (a user may hold null or its own selectors in
;   them); SS and ESP come from the TSS on a ring change; FS and GS are the
;   user's (glibc's TLS) and the kernel never uses them.
; - x87, MMX and SSE: the kernel is built with -mgeneral-regs-only
;   (tests/build/kernel_regs_test.sh checks the disassembly), so the user's
;   FPU state stays untouched in the registers until kernel/proc/proc.c saves it
;   with fxsave at a switch.
; - Stack alignment: gcc assumes a 16-byte aligned stack only for SSE
;   spills, which the kernel has none of; 4-byte alignment is all it needs.
;   The CPU pushes a user's ss:esp on the TSS stack, which is page aligned.

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
    cld                         ; DF=0 for C code (above)
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
