#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tests/build/kernel_regs_test.sh: the kernel's code uses no x87, MMX or SSE
# instruction but the three that save and restore a program's FPU state
# (fxsave, fxrstor, fninit in kernel/arch/x86.h).  A system call arrives with the
# program's FPU registers live and the kernel does not save them on entry
# (kernel/arch/vectors.asm says why), so one compiler-made float or vector move in
# kernel code would change a program's registers under it.  The Makefile
# builds with -mgeneral-regs-only; this reads the disassembly of what was
# built.  It first shows that the check finds such instructions, in an object
# compiled without that flag.
set -u
B=${B:-build}
elf=${1:-$B/kernel-gcc/kernel.elf}
[ -f "$elf" ] || { echo "FAIL: no $elf (make builds it)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/seedstrap-regs.XXXXXX")
trap 'rm -rf "$work"' EXIT

# every instruction that touches the x87, MMX or SSE state, one per line:
# address, mnemonic and operands
fpu_insns() {
    objdump -d --no-show-raw-insn "$1" | awk -F'\t' '
        NF >= 2 {
            n = split($2, w, " ")
            op = w[1]; args = substr($2, length(op) + 1)
            if (op ~ /^(fxsave|fxrstor|fninit)$/) next
            if (op ~ /^f/ || op ~ /^(emms|femms|ldmxcsr|stmxcsr|xsave|xrstor)/ ||
                args ~ /%(xmm|ymm|mm[0-7]|st)/)
                print $1 "\t" $2
        }'
}

printf 'double scale(double x, int n) { return x * n + 0.5; }\n' > "$work/float.c"
gcc -m32 -O2 -msse2 -mfpmath=sse -c -o "$work/float.o" "$work/float.c" || { echo "FAIL: cannot build the control"; exit 1; }
control=$(fpu_insns "$work/float.o" | wc -l)
echo "control (float code built without -mgeneral-regs-only): $control FPU/SSE instructions found"
[ "$control" -gt 0 ] || { echo "FAIL: the check finds nothing in float code"; exit 1; }

found=$(fpu_insns "$elf")
if [ -n "$found" ]; then
    echo "$found" | head -20
    echo "FAIL: $(echo "$found" | wc -l) FPU/SSE instructions in $elf"
    exit 1
fi
echo "$elf: $(objdump -d "$elf" | grep -cE '\s(fxsave|fxrstor|fninit)\s') fxsave/fxrstor/fninit, no other FPU/SSE instruction"
echo "PASS"
