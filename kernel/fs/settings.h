// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/fs/settings.h: seedstrap.cfg, the kernel options a user may edit on
// any computer, from init.img's FAT partition (kernel/fs/settings.c).
#ifndef SETTINGS_H
#define SETTINGS_H
#include <stddef.h>
#include "dev/blk.h"
#include "lib/cmdline.h"

#define SETTINGS_FILE     "seedstrap.cfg"
#define SETTINGS_FILE_MAX 4096          // bytes; a longer file is refused

struct settings {
    char options[CMDLINE_MAX];  // the file's options, one blank between them
    int count;                  // how many
    char where[24];             // the partition it was read from ("bios80p2")
    char why[160];              // when reading or parsing failed: why, for the console
};

// Reads seedstrap.cfg from the first FAT partition of disk into s: the
// number of options (0 for a file of comments), or a negative errno with
// s->why saying what is missing or wrong.
int settings_read(struct blkdev *disk, struct settings *s);
// Turns the n bytes of a seedstrap.cfg into s->options: comments ("#" to the
// end of the line) and blank lines dropped, every option checked against
// the kernel's options, none set twice.  The count, or -EINVAL and s->why.
int settings_parse(const char *text, size_t n, struct settings *s);
#endif
