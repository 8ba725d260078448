; SPDX-License-Identifier: GPL-3.0-or-later
; kernel/arch/swtch.asm: void swtch(uint32_t *save_esp, uint32_t new_esp)
; Saves the callee-saved registers on the current kernel stack, stores the
; stack pointer in *save_esp, and resumes the context saved at new_esp.  A
; new process's stack is built by kernel/proc/proc.c to "resume" into
; trap_return, and from there into user mode.
bits 32
section .text
global swtch
swtch:
    mov eax, [esp + 4]
    mov edx, [esp + 8]
    push ebp
    push ebx
    push esi
    push edi
    mov [eax], esp
    mov esp, edx
    pop edi
    pop esi
    pop ebx
    pop ebp
    ret
