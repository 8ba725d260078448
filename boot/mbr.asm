; SPDX-License-Identifier: GPL-3.0-or-later
; boot/mbr.asm: the boot sector of init.img.
;
; The BIOS loads this sector at 0x7c00 and jumps to it with the boot drive in
; DL.  It loads the second-stage loader (boot/loader.asm) with the int 13h
; extensions (LBA reads: USB sticks and disks over 8 GiB need them; CHS reads
; are not even tried) and jumps to it with DL unchanged.  Bytes 440..511 are
; the disk signature and the partition table, which tools/mkinit fills in:
; BIOSes that see a valid table with an active partition boot a USB stick as a
; hard disk.  Every failure prints a line and halts.

%include "layout.inc"
bits 16
org MBR_ADDR

start:
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, MBR_ADDR
    jmp 0:.canonical            ; some BIOSes enter at 07c0:0000
.canonical:
    sti
    cld
    mov [boot_drive], dl

    ; int 13h extensions present, with the packet interface (CX bit 0)?
    mov ah, 0x41
    mov bx, 0x55aa
    int 0x13
    jc .no_ext
    cmp bx, 0xaa55
    jne .no_ext
    test cl, 1
    jz .no_ext

    ; read LOADER_SECTORS sectors from LOADER_LBA to LOADER_ADDR
    mov si, dap
    mov ah, 0x42
    mov dl, [boot_drive]
    int 0x13
    jc .read_error
    cmp word [LOADER_ADDR], 0   ; an all-zero loader means a broken image
    je .read_error

    mov dl, [boot_drive]
    jmp 0:LOADER_ADDR

.no_ext:
    mov si, msg_no_ext
    jmp fail
.read_error:
    mov si, msg_read

; print the NUL-terminated string at SI on the screen and halt for good
fail:
    lodsb
    test al, al
    jz .halt
    mov ah, 0x0e
    mov bx, 7
    int 0x10
    jmp fail
.halt:
    cli
    hlt
    jmp .halt

msg_no_ext: db "seedstrap: BIOS lacks int 13h extensions (LBA)", 13, 10, 0
msg_read:   db "seedstrap: cannot read the loader from disk", 13, 10, 0

align 4
dap:                            ; int 13h disk address packet
    db 0x10, 0                  ; packet size, reserved
    dw LOADER_SECTORS           ; sector count
    dw LOADER_ADDR, 0           ; buffer offset, segment
    dq LOADER_LBA               ; first sector
boot_drive: db 0

    times 440 - ($ - $$) db 0   ; NASM fails here if the code outgrew its room
    dd 0                        ; 440: disk signature (tools/mkinit)
    dw 0                        ; 444: reserved
    times 64 db 0               ; 446: partition table (tools/mkinit)
    dw 0xaa55                   ; 510: boot signature
