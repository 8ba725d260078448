# SPDX-License-Identifier: GPL-3.0-or-later
# stages/bash-2.05b/builtins.mk: builtins/Makefile.  Each builtin's .def file
# becomes C by ../mkbuiltins (made by the main Makefile first).

include ../common.mk

CFLAGS = -I. -I.. -I../include -I../lib $(COMMON_CFLAGS)

BUILTINS_OBJS = $(addsuffix .o, $(BUILTINS_DEF_FILES)) common.o evalstring.o evalfile.o \
	getopt.o bashgetopt.o

%.o: %.def
	../mkbuiltins $<
	$(CC) -c $(CFLAGS) -o $@ $*.c

libbuiltins.a: $(BUILTINS_OBJS) builtins.o
	$(AR) cr $@ $^
