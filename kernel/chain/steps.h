// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/steps.h: the step table parser (kernel/chain/steps.c); the format is
// stages/README.md's.
#ifndef STEPS_H
#define STEPS_H
#include <stddef.h>

#define STEPS_MAX_ARGS  32      // words after the ':' of one step
#define STEPS_MAX_NAME  48      // so "/log/NNN-name.log" stays short
#define STEPS_MSG_SIZE  160

enum step_kind {
    STEP_HEX0,      // argv: SRC OUT             compile with kernel/chain/hex0.c
    STEP_RUN,       // argv: PROG ARGS...        run a program, wait for it
    STEP_BUILD,     // argv: RECIPE              run stages/RECIPE/
    STEP_SHA256,    // argv: PATH HASH           compare a file's sha256
    STEP_ANSWERS,   // argv: FILE                sha256sum -c FILE, in the kernel
    STEP_JUMP,      // argv: CMDLINE             boot Linux with that command line
    STEP_NKINDS
};

struct step {
    enum step_kind kind;
    int line;               // in the table, for messages
    const char *name;       // unique; names the log and the journal entry
    int argc;
    const char **argv;      // argc strings, then NULL
};

struct steps_table {
    const struct step *steps;
    int nsteps;
};

struct steps_error {
    int line;                       // 0: not about one line
    char msg[STEPS_MSG_SIZE];       // "stages/steps:12: unknown step kind \"foo\""
};

// Bytes of memory the table needs (for steps_parse's arena), or -1 with err
// set at the first line that is malformed.  Names are checked for
// uniqueness by steps_parse only.
long steps_measure(const char *file, const char *text, size_t len, struct steps_error *err);

// Parses text (len bytes, no NUL needed) into t, copying every string into
// arena, which needs steps_measure's bytes and may be reused only after t.
// Returns 0, or -1 with err set; file only names the table in messages.
int steps_parse(struct steps_table *t, void *arena, size_t size, const char *file,
                const char *text, size_t len, struct steps_error *err);

// The word that starts a step of that kind ("hex0", "run", ...).
const char *steps_kind_word(enum step_kind kind);

// The step of that name, or NULL (the runner resumes from the journal by name).
const struct step *steps_find(const struct steps_table *t, const char *name);

// The words of argv (NULL-terminated), blank-separated, in buf (cut at size):
// a step's command line as the runners log it.
const char *steps_join_words(const char *const *argv, char *buf, size_t size);
#endif
