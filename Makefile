# SPDX-License-Identifier: GPL-3.0-or-later
# Makefile: builds init.img (boot sector, loader, kernel, boot config), the host
# tools, the host unit tests, and runs every test.  One non-recursive Makefile
# with explicit file lists; every target is described in README.md.

B       := build
.DEFAULT_GOAL := all
NASM    ?= nasm
LD      ?= ld
OBJCOPY ?= objcopy
HOSTCC  ?= gcc
QEMU    ?= qemu-system-i386
KCC     ?= gcc
CMDLINE ?= console=both
MEM     ?= 1024
EXTERNAL ?= $(B)/external.img
SOURCES_DIR ?= $(HOME)/.cache/seedstrap/sources

# Debian packages the build and the tests need (tools/need installs them).
DEB_PACKAGES  := nasm gcc gcc-multilib binutils make qemu-system-x86 mtools
# chromium: tests/qemu/report_test.sh reads tools/report's page as a browser does
TEST_PACKAGES := bochs bochs-term bochsbios vgabios e2fsprogs fdisk tcc:i386 qemu-user qemu-user-static cpio kmod \
                 dosfstools chromium

# ---- the kernel -------------------------------------------------------------
# Kernel C is a C99 subset that TinyCC also compiles: `make KCC=tcc` uses
# Debian's i386 tcc for every .c (objects still linked by GNU ld).
KCFLAGS_gcc := -m32 -std=gnu99 -O2 -g -ffreestanding -fno-builtin -fno-pic -fno-pie \
               -fno-stack-protector -fno-omit-frame-pointer -mgeneral-regs-only \
               -fno-asynchronous-unwind-tables -fno-strict-aliasing -ffile-prefix-map=$(CURDIR)=. \
               -Wall -Wextra -Werror -Wno-unused-parameter
KCFLAGS_tcc := -Wall -Werror
KCFLAGS := $(KCFLAGS_$(notdir $(KCC))) -nostdinc -Ilibc-mini/include -Ikernel -I$(B)/gen -MD
ifeq ($(KCFLAGS_$(notdir $(KCC))),)
$(error KCC=$(KCC): use gcc or tcc)
endif
KB := $(B)/kernel-$(notdir $(KCC))

LIBC_SRCS   := libc-mini/string.c libc-mini/format.c libc-mini/stdlib.c libc-mini/ctype.c \
               libc-mini/int64.c
# the kernel's files by layer, lowest first (kernel/README.md); the linker
# script puts entry.asm's .text.entry first, whatever the order
KERNEL_ASM  := kernel/arch/entry.asm kernel/arch/vectors.asm kernel/arch/swtch.asm kernel/arch/lowcode.asm \
               kernel/dev/bios_call.asm
# the storage stack, also built into the host tests
STORAGE_SRCS := kernel/dev/blk.c $(addprefix kernel/fs/,bcache.c blocklog.c ext2.c ext2_inode.c ext2_dir.c \
                ext2_ops.c ext2_orphan.c)
KERNEL_SRCS := $(addprefix kernel/lib/,cmdline.c sha256.c) \
               $(addprefix kernel/arch/,console.c serial.c vga.c power.c gdt.c trap.c pic.c) \
               $(addprefix kernel/mm/,pmm.c vm.c kheap.c) \
               $(addprefix kernel/dev/,timer.c rtc.c random.c bios.c bios_disk.c pci.c ata_cmd.c ata.c ahci.c mbr.c) \
               $(STORAGE_SRCS) $(addprefix kernel/fs/,disk.c fat.c settings.c) \
               $(addprefix kernel/proc/,proc.c fault.c signal.c jobctl.c futex.c rseq.c uvm.c elf.c exec.c) \
               $(addprefix kernel/file/,file.c flock.c tty.c procfs.c) \
               $(addprefix kernel/sys/,syscall.c sys_proc.c sys_signal.c sys_prctl.c sys_time.c sys_mem.c \
                 sys_fs.c sys_poll.c sys_path.c sys_name.c) \
               $(addprefix kernel/chain/,runner.c eta.c status.c steps.c journal.c hex0.c srccheck.c handoff.c) \
               kernel/main.c kernel/selftest.c kernel/disktest.c
KERNEL_OBJS := $(KERNEL_ASM:%.asm=$(KB)/%.o) $(KERNEL_SRCS:%.c=$(KB)/%.o) $(LIBC_SRCS:%.c=$(KB)/%.o)

# header dependencies, written by the compiler (-MD) next to each object
-include $(wildcard $(KB)/kernel/*.d $(KB)/kernel/*/*.d $(KB)/libc-mini/*.d)
# A header that moved or went away stays named in the lists of objects built
# before; this lets make rebuild those objects instead of stopping (gcc's
# -MP does the same, which tcc lacks).  A header really missing still fails
# the compile.
kernel/%.h kernel/%.def libc-mini/include/%.h: ;

# ---- images -----------------------------------------------------------------
all: need $(B)/init.img

$(B)/gen/layout.h $(B)/gen/layout.inc: disk-layout/init.layout tools/layoutgen.sh
	@mkdir -p $(B)/gen
	sh tools/layoutgen.sh disk-layout/init.layout $(B)/gen/layout.h $(B)/gen/layout.inc

$(B)/boot/%.bin: boot/%.asm $(B)/gen/layout.inc
	@mkdir -p $(dir $@)
	$(NASM) -f bin -Iboot/ -I$(B)/gen/ -l $(@:.bin=.lst) -o $@ $<

$(KB)/%.o: %.asm $(B)/gen/layout.inc
	@mkdir -p $(dir $@)
	@echo "  nasm $<"
	@$(NASM) -f elf32 -I$(B)/gen/ -I$(B)/boot/ -o $@ $<

# code that runs in low memory is assembled flat and carried inside the kernel
LOW_ASM = @mkdir -p $(dir $@); $(NASM) -f bin -I$(B)/gen/ -l $(@:.bin=.lst) -o $@ $<
$(B)/boot/bios_thunk.bin: $(B)/boot/%.bin: kernel/dev/%.asm $(B)/gen/layout.inc
	$(LOW_ASM)
$(B)/boot/handoff_low.bin: $(B)/boot/%.bin: kernel/chain/%.asm $(B)/gen/layout.inc
	$(LOW_ASM)
$(KB)/kernel/arch/lowcode.o: $(B)/boot/bios_thunk.bin $(B)/boot/handoff_low.bin

$(KB)/%.o: %.c $(B)/gen/layout.h
	@mkdir -p $(dir $@)
	@echo "  $(notdir $(KCC))  $<"
	@$(KCC) $(KCFLAGS) -c -o $@ $<

# Two links: the first gives the function addresses that tools/ksyms.sh turns
# into a symbol table for backtraces; the second adds that table at the end.
KLD = $(LD) -m elf_i386 -T kernel/arch/kernel.ld --build-id=none -nostdlib -z noexecstack --no-warn-rwx-segments
$(KB)/kernel.elf: $(KERNEL_OBJS) kernel/arch/kernel.ld tools/ksyms.sh
	@echo "  ld   $@"
	@sh tools/ksyms.sh - $(KB)/ksyms.asm
	@$(NASM) -f elf32 -o $(KB)/ksyms.o $(KB)/ksyms.asm
	@$(KLD) -o $(KB)/kernel-nosyms.elf $(KERNEL_OBJS) $(KB)/ksyms.o
	@sh tools/ksyms.sh $(KB)/kernel-nosyms.elf $(KB)/ksyms.asm
	@$(NASM) -f elf32 -o $(KB)/ksyms.o $(KB)/ksyms.asm
	@$(KLD) -o $@ $(KERNEL_OBJS) $(KB)/ksyms.o
	@nm -n $@ > $(KB)/kernel.sym

$(KB)/kernel.bin: $(KB)/kernel.elf
	$(OBJCOPY) -O binary $< $@

$(B)/tools/mkinit: tools/mkinit.c kernel/lib/sha256.c $(B)/gen/layout.h
	@mkdir -p $(dir $@)
	$(HOSTCC) -O2 -Wall -Wextra -Werror -I$(B)/gen -o $@ tools/mkinit.c kernel/lib/sha256.c

# which compiler's kernel init.img holds: rewritten only when KCC changes,
# so that `make KCC=tcc` after `make` (or back) makes init.img anew even
# when the other kernel.bin is older than it
$(B)/gen/kcc: FORCE
	@mkdir -p $(dir $@)
	@echo $(notdir $(KCC)) | cmp -s - $@ || echo $(notdir $(KCC)) > $@
FORCE:

# partition 2: the FAT volume with seedstrap.cfg, made with mtools
$(B)/settings.img: tools/mksettings disk-layout/init.layout disk-layout/settings/seedstrap.cfg \
                   disk-layout/settings/README.TXT
	sh tools/mksettings $@

$(B)/init.img: $(B)/boot/mbr.bin $(B)/boot/loader.bin $(KB)/kernel.bin $(B)/settings.img $(B)/tools/mkinit \
               $(B)/gen/kcc
	$(B)/tools/mkinit -m $(B)/boot/mbr.bin -l $(B)/boot/loader.bin -k $(KB)/kernel.bin -s $(B)/settings.img \
		-c "$(CMDLINE)" -o $@
	@echo "init.img: $$(sha256sum $@ | cut -c1-16)  boot sector $$(stat -c %s $(B)/boot/mbr.bin) B," \
		"loader $$(stat -c %s $(B)/boot/loader.bin) B, kernel $$(stat -c %s $(KB)/kernel.bin) B"

# ---- running ----------------------------------------------------------------
# init.img, and external.img when it exists (decided when the recipe runs)
# unless KERNEL_ONLY is set
QEMU_DRIVES = -drive file=$(B)/init.img,format=raw,if=ide,index=0 \
              $(if $(KERNEL_ONLY),,$$([ -f $(EXTERNAL) ] && echo "-drive file=$(EXTERNAL),format=raw,if=ide,index=1"))

# the external volume: the step table, its recipes and the sources, from the
# cache that `make sources` fills; made once, then the run on it resumes
EXTERNAL_SIZE ?= 4G
EXTERNAL_UUID ?= 5eed0000-0000-4000-8000-000000000001

# An older external.img whose journal records done steps is a run someone
# waited hours for: it is moved aside, never overwritten.
external: $(EXTERNAL)
$(EXTERNAL): stages/steps stages/sources.lock $(B)/tools/mkinit
	@if [ -f $@ ] && done=$$(PATH=$$PATH:/sbin:/usr/sbin debugfs -R "cat /log/journal" "$@?offset=1048576" 2>/dev/null | \
	    grep -c '^done ') && [ "$$done" -gt 0 ]; then \
	  kept=$(basename $@)-$$(date +%Y%m%d-%H%M%S).img; mv $@ $$kept; \
	  echo "external: the step table or the sources changed since $@ was made; its run ($$done steps done)" \
	       "is kept as $$kept (remove it when it is not needed), and a new volume is made"; fi
	SOURCES_DIR="$(SOURCES_DIR)" tools/stage-root $(B)/external-root
	tools/mkimage -d $(B)/external-root -o $@ -s $(EXTERNAL_SIZE) -u $(EXTERNAL_UUID) -m $(B)/tools/mkinit

# The main job: boot init.img with the external disk, which the kernel finds
# by the UUID written into init.img here, and run the step table.  An
# external.img that is up to date is resumed; otherwise the source cache is
# filled first (`make sources`: MIRROR, $$SEEDSTRAP_MIRROR, Debian, upstream)
# and the volume made from it, and a source that cannot be had stops the
# run before it boots.  KERNEL_ONLY=1 boots the kernel alone.
qemu-run qemu: need $(B)/init.img $(B)/tools/treehash
	@if [ -n "$(KERNEL_ONLY)" ]; then echo "KERNEL_ONLY: the kernel boots alone, without $(EXTERNAL)"; \
	elif [ -f $(EXTERNAL) ] && $(MAKE) -q --no-print-directory $(EXTERNAL); then \
	  echo "resuming the run on $(EXTERNAL)"; \
	else \
	  $(MAKE) --no-print-directory sources || { echo "qemu-run: the sources above are missing, so the chain" \
	    "cannot run; KERNEL_ONLY=1 boots the kernel alone"; exit 1; }; \
	  $(MAKE) --no-print-directory $(EXTERNAL) || exit 1; \
	fi
	@[ -n "$(KERNEL_ONLY)" ] || $(B)/tools/mkinit -e $(B)/init.img -u $(EXTERNAL_UUID)
	$(QEMU) -accel $$(B=$(B) sh tests/qemu/accel.sh) -m $(MEM) $(QEMU_DRIVES) -serial stdio -display none \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -no-reboot; \
		rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 1 ]

qemu-gdb: $(B)/init.img
	printf 'target remote localhost:1234\nsymbol-file $(KB)/kernel.elf\n' > .gdbinit
	@echo "gdb is to connect to localhost:1234 (.gdbinit written)"
	$(QEMU) -m $(MEM) $(QEMU_DRIVES) -serial stdio -display none -no-reboot -S -s

bochs-run bochs: $(B)/init.img
	sh tests/qemu/bochsrc.sh $(B)/init.img $(B)/bochs-serial.txt term > $(B)/bochsrc
	echo c > $(B)/bochs-continue
	@echo "Bochs shows the screen here; the serial console goes to $(B)/bochs-serial.txt"
	bochs -q -f $(B)/bochsrc -rc $(B)/bochs-continue

# ---- host unit tests --------------------------------------------------------
# Each test names its sources; kernel code that does not touch hardware is
# compiled for the host as it is and run under ASan and UBSan.  The tests are
# 64-bit programs: some x86-64 hosts (this project's CI among them) run i386
# programs only through qemu-user (tools/i386-binfmt), and ASan is slow there.
# Warnings are errors in every build of the project's own code (kernel under
# gcc and tcc, host tools, host tests); unused parameters are allowed, as in
# the kernel, where the handlers of one table share one signature.
HOSTCFLAGS := -std=gnu99 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all \
              -fno-omit-frame-pointer -Wall -Wextra -Werror -Wno-unused-parameter -Ikernel -Itests/host -I$(B)/gen
HOST_TESTS := libc_test sha256_test cmdline_test kheap_test hex0_test steps_test journal_test \
              mbr_test bcache_test ext2_read_test ext2_write_test ext2_fuzz_test srccheck_test \
              blocklog_test ext2_orphan_test eta_test fat_test settings_test ata_cmd_test pmm_test
libc_test_SRCS    := tests/host/libc_test.c $(LIBC_SRCS)
libc_test_CFLAGS  := -fno-builtin -include tests/host/libc_rename.h
sha256_test_SRCS  := tests/host/sha256_test.c kernel/lib/sha256.c
cmdline_test_SRCS := tests/host/cmdline_test.c kernel/lib/cmdline.c
kheap_test_SRCS   := tests/host/kheap_test.c kernel/mm/kheap.c tests/host/fake_hw.c
pmm_test_SRCS     := tests/host/pmm_test.c kernel/mm/pmm.c tests/host/fake_hw.c
EXT2_SRCS         := $(STORAGE_SRCS) tests/host/fake_blk.c tests/host/fake_hw.c \
                     tests/host/fake_heap.c tests/host/test_util.c tests/host/ext2_test_util.c
# the FAT reader and seedstrap.cfg, on volumes made by mkfs.fat, mformat and tools/mksettings
FAT_SRCS          := kernel/fs/fat.c kernel/dev/blk.c tests/host/fake_blk.c tests/host/fake_hw.c \
                     tests/host/test_util.c
fat_test_SRCS     := tests/host/fat_test.c $(FAT_SRCS)
settings_test_SRCS := tests/host/settings_test.c kernel/fs/settings.c kernel/dev/mbr.c kernel/lib/cmdline.c $(FAT_SRCS)
ata_cmd_test_SRCS := tests/host/ata_cmd_test.c kernel/dev/ata_cmd.c
mbr_test_SRCS     := tests/host/mbr_test.c kernel/dev/mbr.c kernel/dev/blk.c tests/host/fake_blk.c \
                     tests/host/fake_hw.c tests/host/fake_heap.c
bcache_test_SRCS  := tests/host/bcache_test.c kernel/fs/bcache.c kernel/fs/blocklog.c kernel/dev/blk.c tests/host/fake_blk.c \
                     tests/host/fake_hw.c tests/host/fake_heap.c
ext2_read_test_SRCS  := tests/host/ext2_read_test.c $(EXT2_SRCS)
ext2_write_test_SRCS := tests/host/ext2_write_test.c $(EXT2_SRCS)
ext2_fuzz_test_SRCS  := tests/host/ext2_fuzz_test.c $(EXT2_SRCS)
blocklog_test_SRCS   := tests/host/blocklog_test.c $(EXT2_SRCS)
ext2_orphan_test_SRCS := tests/host/ext2_orphan_test.c $(EXT2_SRCS)
hex0_test_SRCS    := tests/host/hex0_test.c kernel/chain/hex0.c kernel/lib/sha256.c
steps_test_SRCS   := tests/host/steps_test.c kernel/chain/steps.c
journal_test_SRCS := tests/host/journal_test.c kernel/chain/journal.c kernel/chain/steps.c
eta_test_SRCS     := tests/host/eta_test.c kernel/chain/eta.c
srccheck_test_SRCS := tests/host/srccheck_test.c kernel/chain/srccheck.c kernel/lib/sha256.c

.SECONDEXPANSION:
$(B)/host/%: $$($$*_SRCS) $(B)/gen/layout.h
	@mkdir -p $(dir $@)
	@echo "  host $@"
	@$(HOSTCC) $(HOSTCFLAGS) $($*_CFLAGS) -o $@ $($*_SRCS)

host-tests: $(HOST_TESTS:%=$(B)/host/%) $(B)/tools/treehash

# `make ext2-bench`: instructions per one-byte ext2_read and ext2_write
# (tests/host/ext2_bench.c), counted by callgrind; the bench is built as the
# kernel is (-O2, libc-mini's byte-loop memcpy), not as a test.  It is a
# 64-bit program: i386 valgrind fails on some x86-64 hosts (this one).
EXT2_BENCH_SRCS := tests/host/ext2_bench.c $(STORAGE_SRCS) tests/host/fake_blk.c tests/host/fake_hw.c \
                   tests/host/fake_heap.c libc-mini/string.c
$(B)/host/ext2_bench: $(EXT2_BENCH_SRCS) $(B)/gen/layout.h
	@mkdir -p $(dir $@)
	$(HOSTCC) -std=gnu99 -O2 -g -fno-builtin -fno-omit-frame-pointer -U_FORTIFY_SOURCE \
		-Wall -Wno-unused-parameter -Ikernel -Itests/host -I$(B)/gen -o $@ $(EXT2_BENCH_SRCS)

ext2-bench: $(B)/host/ext2_bench
	valgrind --tool=callgrind --callgrind-out-file=$(B)/host/ext2_bench.callgrind $(B)/host/ext2_bench
	callgrind_annotate $(B)/host/ext2_bench.callgrind | head -30

# ---- sources ----------------------------------------------------------------
# `make sources [MIRROR=dir]` fills SOURCES_DIR (outside the repository) with
# the archives stages/sources.lock pins, each verified by its tree hash.
MIRROR      ?=

$(B)/tools/treehash: tools/treehash.c kernel/lib/sha256.c kernel/lib/sha256.h
	@mkdir -p $(dir $@)
	$(HOSTCC) -O2 -Wall -Wextra -Werror -o $@ tools/treehash.c kernel/lib/sha256.c

# the native twin of the step runner: its Linux side, built for the host
RUNNER_SRCS := stages/runner/linux-runner.c kernel/chain/steps.c kernel/chain/journal.c kernel/chain/hex0.c \
               kernel/lib/sha256.c kernel/chain/srccheck.c
$(B)/tools/run-native: $(RUNNER_SRCS)
	@mkdir -p $(dir $@)
	$(HOSTCC) -O2 -Wall -Wextra -Werror -iquote kernel -o $@ $^

sources: $(B)/tools/treehash
	SOURCES_DIR="$(SOURCES_DIR)" MIRROR="$(MIRROR)" TREEHASH=$(B)/tools/treehash \
		sh tools/fetch-sources stages/sources.lock

# The full fuzz run: 10^4 mutated images under ASan and UBSan, about two
# minutes (make test runs a reduced count), then 200 mutated volumes
# mounted and walked by the kernel in QEMU, a boot each (SEED= repeats one)
fuzz-full: need-test all $(B)/host/ext2_fuzz_test
	$(B)/host/ext2_fuzz_test 10000
	@tests/run.sh "tests/qemu/ext2_fuzz_boot.sh 200 $(SEED)"

# The system-call fuzzer under our kernel (make test runs 10^4 calls of one
# seed): COUNT calls from SEED, default a new seed each run, printed first.
COUNT ?= 1000000
fuzz-syscalls: need-test all
	@SEED=$(or $(SEED),$$(date +%s)) COUNT=$(COUNT) TIMEOUT=$(or $(FUZZ_TIMEOUT),36000) \
		tests/run.sh tests/qemu/fuzz_syscalls_test.sh; \
		tail -n 8 $(B)/test-logs/fuzz_syscalls_test.sh.log

# Our kernel's errno answers against Debian's Linux 6.1 in the same QEMU, or
# against the host where it runs i386 natively (make test runs 10^4 calls of
# seed 28): COUNT calls (default 10^4 here) from SEED (default the time)
fuzz-errno: need-test all
	@SEED=$(or $(SEED),$$(date +%s)) COUNT=$(if $(filter command line,$(origin COUNT)),$(COUNT),10000) \
		tests/run.sh tests/qemu/fuzz_errno_test.sh; \
		sed -n '/^errno compare:/,$$p' $(B)/test-logs/fuzz_errno_test.sh.log

# ---- all tests --------------------------------------------------------------
# Step ranges under our kernel, each from the native twin's tree before it
# (tests/stage/ranges): one test word each, "tests/stage/steps_test.sh FROM TO CUT"
ranges = $(shell awk 'NF && !/^\#/ && ("$(1)" == "" || $$1 == "$(1)") && ("$(2)" == "" || $$5 == "$(2)") \
                      { printf "\"tests/stage/steps_test.sh %s %s %s\" ", $$2, $$3, $$4 }' tests/stage/ranges)
# the ranges run TEST_JOBS at a time (0: one per core), each one QEMU
# (set before QEMU_TESTS, which := expands at once)
TEST_JOBS ?= 0
QEMU_TESTS := $(sort $(wildcard tests/host/*_test.sh tests/build/*_test.sh tests/qemu/*_test.sh)) \
              tests/stage/stage0_test.sh tests/stage/stage1_test.sh tests/stage/ddc_test.sh \
              tests/stage/checkpoints_test.sh -j$(TEST_JOBS) $(call ranges,,make-test)
TWIN_TOOLS := $(B)/tools/run-native $(B)/tools/treehash $(B)/tools/mkinit

test: need-test all host-tests $(TWIN_TOOLS)
	@tests/run.sh $(HOST_TESTS:%=$(B)/host/%) $(QEMU_TESTS)

# `make checkpoints [N=STAGE]`: the trees make test's ranges start from (or
# stage N's), each step by the fastest route this machine has, checked
# against the recorded answers (tools/checkpoint ranges; docs/testing.md)
checkpoints: need-test all $(TWIN_TOOLS)
	@tests/run.sh "tests/stage/checkpoints_test.sh $(or $(N),make-test)"; \
		sed -n '/^the route that made/,$$p' $(B)/test-logs/checkpoints_test.sh_$(or $(N),make-test).log

# `make test-stage N=1`: run the step table to the end of stage N in QEMU and
# check its outputs on the host (stage 1 with a cut-off and a resume).  A
# stage with ranges in tests/stage/ranges (2) runs them one by one; WHOLE=1
# runs it from the seeds in one boot beside the native twin instead.
test-stage: need-test all $(TWIN_TOOLS)
	@tests/run.sh $(if $(WHOLE),tests/stage/stage$(N)_whole_test.sh,$(if $(call ranges,$(N)),"tests/stage/checkpoints_test.sh $(N)" -j$(TEST_JOBS) $(call ranges,$(N)),tests/stage/stage$(N)_test.sh))

# `make test-steps FROM=STEP [TO=STEP] [CUT=SECONDS]`: the steps FROM to TO
# under our kernel, from the native twin's tree just before FROM
test-steps: need-test all $(TWIN_TOOLS)
	@tests/run.sh "tests/stage/steps_test.sh $(FROM) $(or $(TO),$(FROM)) $(or $(CUT),-)"

# `make test-cuts [N=20] [SEED=] [FROM= TO=]`: stage 3's steps (tmp-dir to
# stage3-check) cut off N times at random moments (seeded, printed),
# resumed each time, and checked as make test-steps checks them, each step
# done once in the journal
test-cuts: need-test all $(TWIN_TOOLS)
	@CUTS=$(or $(N),20) CUT_SEED=$(or $(SEED),$$(date +%s)) \
		tests/run.sh "tests/stage/steps_test.sh $(or $(FROM),tmp-dir) $(or $(TO),stage3-check) -"

# `make test-perl`: perl 5.6.2's own test suite under our kernel and in
# the native twin, from the twin's tree after step perl-5.6.2
test-perl: need-test all $(TWIN_TOOLS)
	@tests/run.sh tests/stage/perl_test.sh

# `make lb-packages`: stage 4a's package archives, packed as live-bootstrap
# packs them from the twin's trees, against the sha256s it recorded
lb-packages: need-test $(TWIN_TOOLS)
	B=$(B) tools/lb-packages

# `make ddc`: diverse double compiling of TinyCC 0.9.27 from Debian's gcc
# (DDC_CC=tcc: Debian's i386 tcc); the result must be the chain's tcc
ddc: need-test
	@tests/run.sh tests/stage/ddc_test.sh

# `make answers`: every hex0, run and build step's recorded answers
# (stages/answers), made anew in the native twin; shows what changed.
# CHECK=1: every tree made anew by the twin alone, in a cache of its own,
# and any difference from the committed answers fails
answers: need-test $(TWIN_TOOLS)
	$(if $(CHECK),ROUTE=twin CHECKPOINTS=$(HOME)/.cache/seedstrap/checkpoints-check) B=$(B) \
		tools/checkpoint answers $(ANSWERS_LAST)
	$(if $(CHECK),git diff --exit-code --stat -- stages/answers ':!stages/answers/times')
# `make our-times`: stages/answers/times' second column, each step's time
# under our kernel, from the transcripts of the range tests and of the
# checkpoints our kernel made (tools/our-times)
our-times:
	@tools/our-times $(or $(TRANSCRIPTS),$(wildcard $(B)/test-logs/steps_test.sh_*.log $(B)/test-logs/stage[0-9]_test.sh.log \
		$(HOME)/.cache/seedstrap/checkpoints/*/kernel.log))
# (the last step of the table, unless ANSWERS_LAST=STEP says an earlier one)
ANSWERS_LAST ?= $(shell awk '!/^[ \t]*(\#|$$)/ { n = $$2 } END { sub(":", "", n); print n }' stages/steps)

# `make test-handoff-built`: an i386 kernel built from Debian's Linux source
# with stages/linux/config, booted by the hand-off (minutes of compiling)
test-handoff-built: need-test all
	@sh tools/need flex bison bc xz-utils
	tools/build-linux $(B)/linux
	@tests/run.sh tests/qemu/handoff_built.sh

# `make report`: build/report.html, one page of the run on $(EXTERNAL): a
# bar a step on one time axis, each against the twin's time, with its
# system calls and its log (tools/report; README.md says how to read it)
report:
	tools/report $(EXTERNAL) $(B)/report.html

# `make bench`: figures, not pass/fail (tests/bench/bench.sh says what)
bench: need-test all
	@tests/bench/bench.sh

need:
	@sh tools/need $(DEB_PACKAGES)

# the tests run i386 programs on the host too (busybox, stage0-posix, tcc)
need-test:
	@sh tools/need $(DEB_PACKAGES) $(TEST_PACKAGES)
	@sh tools/i386-binfmt >/dev/null

clean:
	rm -rf $(B) .gdbinit

# `make help`: the README's table of make targets, one line each (so the two
# cannot drift; tests/build/help_test.sh checks every target is in it)
help:
	@awk -F' [|] ' '/^## Make targets/ { on = 1; next } on && /^## / { exit } \
	     on && /^[|] `make/ { t = $$1; d = $$2; gsub(/^[|] |`/, "", t); gsub(/`/, "", d); sub(/ [|]$$/, "", d); \
	          if (length(d) > 76) { d = substr(d, 1, 76); sub(/ [^ ]*$$/, " ...", d) } \
	          printf "  %-26s %s\n", t, d }' README.md
	@echo "  (README.md says more of each)"

.PHONY: help our-times report test-cuts checkpoints ddc answers test-steps test-perl lb-packages test-handoff-built external sources all qemu-run qemu qemu-gdb bochs-run bochs host-tests ext2-bench fuzz-full fuzz-syscalls fuzz-errno test test-stage bench need need-test clean
.DELETE_ON_ERROR:
