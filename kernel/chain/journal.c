// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/journal.c: the step runner's journal, as text.  A run appends
// "start NNN NAME 0" before step NNN (1-based) and "done NNN NAME SECONDS"
// after it succeeded, or "failed NNN NAME 0" after it failed, syncing after
// each; a jump to Linux that could not happen after all also appends
// "failed NNN NAME 0" (after its "done").  Reading it back gives where
// to resume: the first step after an unbroken run of done steps from the
// first.  Plain C over buffers, so the kernel's runner and the Linux-side
// runner share it, and the host tests run it.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "journal.h"

// a line "WORD NNN NAME ...": 1 and its index and name, else 0
static int parse_line(const char *line, const char *word, unsigned *index, char name[STEPS_MAX_NAME + 1])
{
    size_t wl = strlen(word), n;
    char *end;

    if (strncmp(line, word, wl) || line[wl] != ' ')
        return 0;
    *index = strtoul(line + wl + 1, &end, 10);
    if (*end != ' ' || *index == 0)
        return 0;
    n = strcspn(end + 1, " \n");
    if (n == 0 || n > STEPS_MAX_NAME)
        return 0;
    memcpy(name, end + 1, n);
    name[n] = 0;
    return 1;
}

int journal_resume_point(const char *text, const struct steps_table *t, int *cut_off)
{
    const char *line, *next;
    char name[STEPS_MAX_NAME + 1];
    unsigned index;
    int i, first = 0;

    *cut_off = -1;
    for (line = text; line && *line; line = next) {
        next = strchr(line, '\n');
        next = next ? next + 1 : line + strlen(line);
        if (parse_line(line, "done", &index, name) && (i = (int)index - 1) < t->nsteps &&
            !strcmp(t->steps[i].name, name) && i == first) {
            first = i + 1;
            *cut_off = -1;
        } else if (parse_line(line, "start", &index, name)) {
            *cut_off = (int)index - 1;
        } else if (parse_line(line, "failed", &index, name)) {
            if ((int)index - 1 < first)
                first = (int)index - 1; // a jump that did not happen after all
            if ((int)index - 1 == *cut_off)
                *cut_off = -1;          // it ended, in failure: not cut off
        }
    }
    return first;
}

int journal_format(char *buf, size_t size, const char *word, int index, const char *name, uint32_t secs)
{
    return snprintf(buf, size, "%s %03d %s %u\n", word, index + 1, name, secs);
}

int journal_log_path(char *buf, size_t size, int index, const char *name)
{
    return snprintf(buf, size, "/log/%03d-%s.log", index + 1, name);
}
