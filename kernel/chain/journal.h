// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/journal.h: the step runner's journal, /log/journal (kernel/chain/journal.c).
// One source for the kernel's runner and the Linux-side one.
#ifndef JOURNAL_H
#define JOURNAL_H
#include <stddef.h>
#include <stdint.h>
#include "steps.h"

#define JOURNAL_PATH "/log/journal"
#define JOURNAL_LINE_MAX 96

// From the journal's text: the index of the first step not recorded as done,
// and in *cut_off the step a cut-off run left started (-1: none).
int journal_resume_point(const char *text, const struct steps_table *t, int *cut_off);
// One journal line, "WORD NNN NAME SECONDS\n" (WORD: start, done, failed); its length.
int journal_format(char *buf, size_t size, const char *word, int index, const char *name, uint32_t secs);
// The log of step index: "/log/NNN-NAME.log".
int journal_log_path(char *buf, size_t size, int index, const char *name);
#endif
