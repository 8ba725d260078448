; SPDX-License-Identifier: GPL-3.0-or-later
; kernel/arch/lowcode.asm: the bytes of the two pieces of code that must run in
; low memory, assembled flat for their addresses (kernel/dev/bios_thunk.asm at
; THUNK_ADDR, kernel/chain/handoff_low.asm at HANDOFF_ADDR) and carried inside the
; kernel; kernel/dev/bios.c and kernel/chain/handoff.c copy them into place.

section .rodata
global bios_thunk_code
global bios_thunk_end
global handoff_code
global handoff_end
bios_thunk_code:
    incbin "bios_thunk.bin"
bios_thunk_end:
handoff_code:
    incbin "handoff_low.bin"
handoff_end:
