; SPDX-License-Identifier: GPL-3.0-or-later
; boot/loader.asm: the second-stage loader.
;
; The boot sector loads this file at LOADER_ADDR and jumps to it with the boot
; drive in DL.  In real mode it: opens the A20 gate (checked, three methods),
; reads the E820 memory map, reads the boot config from the image, and loads
; the kernel to 1 MiB with int 13h extended reads (through a bounce buffer
; below 1 MiB, copied up in unreal mode).  It then enters 32-bit protected
; mode with flat segments and jumps to the kernel with EAX = BOOTINFO_MAGIC and
; EBX = the address of struct bootinfo (disk-layout/init.layout).
; Messages go to the screen (BIOS) and to COM1, so a headless machine shows
; them too.  Every failure prints a line and halts: never a silent hang.

%include "layout.inc"
bits 16
org LOADER_ADDR

COM1 equ 0x3f8

start:
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, LOADER_STACK
    sti
    cld
    mov [boot_drive], dl

    ; struct bootinfo starts zeroed; record who booted us and when
    mov di, BOOTINFO_ADDR
    mov cx, BI_SIZE / 2
    xor ax, ax
    rep stosw
    mov dword [BOOTINFO_ADDR + BI_MAGIC], BOOTINFO_MAGIC
    movzx eax, byte [boot_drive]
    mov [BOOTINFO_ADDR + BI_BOOT_DRIVE], eax
    rdtsc
    mov [BOOTINFO_ADDR + BI_LOADER_TSC], eax
    mov [BOOTINFO_ADDR + BI_LOADER_TSC + 4], edx

    call serial_init
    mov si, msg_hello
    call print

    call a20_enable
    call e820_read
    call config_read
    call kernel_load
    jmp enter_protected_mode

; ---- A20 ------------------------------------------------------------------
; Try, in order: already on, the BIOS (int 15h AX=2401h), the keyboard
; controller, and "fast A20" (port 0x92).  Each is checked by looking for
; the 1 MiB wrap-around; the one that worked is recorded in bootinfo.
a20_enable:
    call a20_check
    jnz .done
    mov dword [BOOTINFO_ADDR + BI_A20_METHOD], 1
    mov ax, 0x2401
    int 0x15
    call a20_check
    jnz .done

    mov dword [BOOTINFO_ADDR + BI_A20_METHOD], 2
    cli
    call kbc_wait
    mov al, 0xd1                ; write output port
    out 0x64, al
    call kbc_wait
    mov al, 0xdf                ; A20 on, CPU not in reset
    out 0x60, al
    call kbc_wait
    sti
    mov cx, 1000                ; the controller may take a while
.kbc_poll:
    call a20_check
    jnz .done
    loop .kbc_poll

    mov dword [BOOTINFO_ADDR + BI_A20_METHOD], 3
    in al, 0x92
    or al, 2                    ; A20
    and al, 0xfe                ; never the fast-reset bit
    out 0x92, al
    call a20_check
    jnz .done
    mov si, msg_a20
    jmp fail
.done:
    ret

; ZF clear when A20 is on: 0000:0500 and ffff:0510 are the same byte only
; while addresses wrap at 1 MiB.
a20_check:
    push ds
    push es
    xor ax, ax
    mov ds, ax
    not ax
    mov es, ax
    mov bl, [ds:0x0500]
    mov bh, [es:0x0510]
    mov byte [ds:0x0500], 0x00
    mov byte [es:0x0510], 0xff
    mov al, [ds:0x0500]
    mov [es:0x0510], bh
    mov [ds:0x0500], bl
    pop es
    pop ds
    cmp al, 0xff                ; wrapped: A20 off, ZF set
    ret

; wait until the keyboard controller's input buffer is empty, or give up
kbc_wait:
    push cx
    mov cx, 0xffff
.poll:
    in al, 0x64
    test al, 2
    jz .ready
    loop .poll
.ready:
    pop cx
    ret

; ---- E820 memory map --------------------------------------------------------
e820_read:
    mov di, BOOTINFO_ADDR + BI_E820
    xor ebx, ebx
    xor bp, bp                  ; entries kept
.next:
    mov dword [di + 20], 1      ; "valid" for BIOSes that return 20 bytes
    mov eax, 0xe820
    mov edx, 0x534d4150         ; "SMAP"
    mov ecx, E820_ENTRY_SIZE
    int 0x15
    jc .end                     ; carry: past the last entry
    cmp eax, 0x534d4150
    jne .end
    mov eax, [di + 8]           ; skip empty ranges
    or eax, [di + 12]
    jz .skip
    inc bp
    add di, E820_ENTRY_SIZE
    cmp bp, E820_MAX
    jae .end
.skip:
    test ebx, ebx
    jnz .next
.end:
    mov [BOOTINFO_ADDR + BI_E820_COUNT], bp
    test bp, bp
    jnz .ok
    mov si, msg_e820
    jmp fail
.ok:
    ret

; ---- boot config -------------------------------------------------------------
config_read:
    mov dword [dap.lba], CONFIG_LBA
    mov word [dap.count], CONFIG_SECTORS
    mov word [dap.offset], BOOTINFO_ADDR + BI_CONFIG
    mov word [dap.segment], 0
    call disk_read
    mov si, BOOTINFO_ADDR + BI_CONFIG + CFG_MAGIC
    mov di, cfg_magic
    mov cx, 8
    repe cmpsb
    je .ok
    mov si, msg_config
    jmp fail
.ok:
    ret

; ---- kernel -------------------------------------------------------------------
; Reads CFG_KERNEL_SECTORS sectors from CFG_KERNEL_LBA, BOUNCE_SECTORS at a
; time, into the bounce buffer, and copies each piece up to KERNEL_PHYS.
kernel_load:
    mov eax, [BOOTINFO_ADDR + BI_CONFIG + CFG_KERNEL_SECTORS]
    test eax, eax
    jz .bad_size
    cmp eax, KERNEL_MAX_SECTORS
    ja .bad_size
    mov [sectors_left], eax
    mov eax, [BOOTINFO_ADDR + BI_CONFIG + CFG_KERNEL_LBA]
    mov [dap.lba], eax
    mov dword [copy_dest], KERNEL_PHYS
    mov si, msg_kernel
    call print
.chunk:
    mov eax, [sectors_left]
    cmp eax, BOUNCE_SECTORS
    jbe .last
    mov eax, BOUNCE_SECTORS
.last:
    mov [dap.count], ax
    mov word [dap.offset], 0
    mov word [dap.segment], BOUNCE_ADDR >> 4
    call disk_read
    movzx ecx, word [dap.count]
    add [dap.lba], ecx
    sub [sectors_left], ecx
    shl ecx, 7                  ; sectors to dwords
    call copy_up
    cmp dword [sectors_left], 0
    jne .chunk
    ret
.bad_size:
    mov si, msg_kernel_size
    jmp fail

; copy ECX dwords from BOUNCE_ADDR to [copy_dest] and advance copy_dest.
; Unreal mode: DS and ES keep 4 GiB limits after a trip through protected
; mode, so 32-bit addresses reach above 1 MiB.  Redone for every piece, in
; case the BIOS reloaded a segment register.
copy_up:
    cli
    push ds
    push es
    lgdt [gdt_desc]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    jmp $ + 2
    mov bx, SEG_DATA
    mov ds, bx
    mov es, bx
    and al, 0xfe
    mov cr0, eax
    jmp $ + 2
    xor bx, bx
    mov ds, bx
    mov es, bx
    mov esi, BOUNCE_ADDR
    mov edi, [copy_dest]
    lea eax, [edi + ecx * 4]
    mov [copy_dest], eax
    a32 rep movsd
    pop es
    pop ds
    sti
    ret

; read dap.count sectors at dap.lba into dap.segment:dap.offset
disk_read:
    mov si, dap
    mov ah, 0x42
    mov dl, [boot_drive]
    int 0x13
    jc .error
    ret
.error:
    push ax
    mov si, msg_read
    call print
    mov eax, [dap.lba]
    call print_hex
    mov si, msg_status
    call print
    pop ax
    movzx eax, ah
    call print_hex
    mov si, msg_newline
    jmp fail

; ---- protected mode -------------------------------------------------------------
enter_protected_mode:
    mov si, msg_pm
    call print
    cli
    lgdt [gdt_desc]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    jmp SEG_CODE:pm32

bits 32
pm32:
    mov ax, SEG_DATA
    mov ds, ax
    mov es, ax
    mov fs, ax
    mov gs, ax
    mov ss, ax
    mov esp, LOADER_STACK
    mov eax, BOOTINFO_MAGIC
    mov ebx, BOOTINFO_ADDR
    jmp KERNEL_PHYS
bits 16

; ---- output --------------------------------------------------------------------
serial_init:
    mov dx, COM1 + 1            ; no interrupts
    xor al, al
    out dx, al
    mov dx, COM1 + 3            ; divisor latch
    mov al, 0x80
    out dx, al
    mov dx, COM1                ; 115200 baud
    mov al, 1
    out dx, al
    mov dx, COM1 + 1
    xor al, al
    out dx, al
    mov dx, COM1 + 3            ; 8N1
    mov al, 3
    out dx, al
    mov dx, COM1 + 2            ; FIFO on
    mov al, 0xc7
    out dx, al
    ret

; print the NUL-terminated string at SI on the screen and COM1
print:
    lodsb
    test al, al
    jz .done
    call putc
    jmp print
.done:
    ret

putc:
    push ax
    mov ah, 0x0e
    mov bx, 7
    int 0x10
    mov dx, COM1 + 5
    mov cx, 0xffff              ; a missing UART reads 0xff: never waits long
.wait:
    in al, dx
    test al, 0x20
    jnz .ready
    loop .wait
.ready:
    pop ax
    mov dx, COM1
    out dx, al
    ret

; print EAX as 8 hex digits
print_hex:
    mov cx, 8
.digit:
    rol eax, 4
    push eax
    push cx
    and al, 0x0f
    add al, '0'
    cmp al, '9'
    jbe .out
    add al, 'a' - '9' - 1
.out:
    call putc
    pop cx
    pop eax
    loop .digit
    ret

fail:
    call print
.halt:
    cli
    hlt
    jmp .halt

; ---- data ------------------------------------------------------------------------
SEG_CODE equ 0x08
SEG_DATA equ 0x10

align 8
gdt:
    dq 0
    dq 0x00cf9a000000ffff       ; 0x08: flat 32-bit code
    dq 0x00cf92000000ffff       ; 0x10: flat 32-bit data
gdt_desc:
    dw gdt_desc - gdt - 1
    dd gdt

align 4
dap:
    db 0x10, 0
.count:   dw 0
.offset:  dw 0
.segment: dw 0
.lba:     dq 0

boot_drive:   db 0
align 4
sectors_left: dd 0
copy_dest:    dd 0
cfg_magic:    db "SEEDCFG1"

msg_hello:       db "seedstrap loader", 13, 10, 0
msg_a20:         db "loader: the A20 gate will not open", 13, 10, 0
msg_e820:        db "loader: the BIOS gave no E820 memory map", 13, 10, 0
msg_config:      db "loader: no boot config (SEEDCFG1) in sector 1; rebuild init.img", 13, 10, 0
msg_kernel:      db "loader: loading the kernel", 13, 10, 0
msg_kernel_size: db "loader: the boot config gives a bad kernel size", 13, 10, 0
msg_read:        db "loader: disk read error at LBA 0x", 0
msg_status:      db ", status 0x", 0
msg_newline:     db 13, 10, 0
msg_pm:          db "loader: entering protected mode", 13, 10, 0

%if ($ - $$) > LOADER_SECTORS * 512
%error "the loader outgrew LOADER_SECTORS"
%endif
