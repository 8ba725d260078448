// SPDX-License-Identifier: GPL-3.0-or-later
// kernel/chain/steps.c: the one parser of stages/steps, built into the kernel's
// step runner and into the host tools, so the table the tools check and
// pack is read exactly as the kernel will read it.  The format is in
// stages/README.md: one step a line, `KIND NAME[: ARGS]`, '#' comment lines.
//
// It turns text into a table of steps whose strings live in one arena the
// caller provides (sized by steps_measure), so it allocates nothing and the
// kernel may free the file once parsed.  Every error names the table's file
// and line.  Running steps, logs and the journal are the runner's.
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "steps.h"

struct steps_word {
    const char *p;
    size_t n;
};

// One step line, cut into words that still point into the text.
struct steps_line {
    int number;
    int kind;
    struct steps_word name;
    int argc;
    struct steps_word argv[STEPS_MAX_ARGS];
};

// Kind-specific checks; may rewrite argv (hex0 drops its "->").  Return 0,
// or -1 with the reason in why.
typedef int (*steps_check_fn)(struct steps_line *l, char *why, size_t n);

struct steps_kind_info {
    const char *word;
    int min_args, max_args;
    int raw;                // the rest of the line is one argument, verbatim
    const char *usage;
    steps_check_fn check;
};

static int steps_check_hex0(struct steps_line *l, char *why, size_t n);
static int steps_check_build(struct steps_line *l, char *why, size_t n);
static int steps_check_sha256(struct steps_line *l, char *why, size_t n);
static int steps_check_jump(struct steps_line *l, char *why, size_t n);

static const struct steps_kind_info steps_kinds[STEP_NKINDS] = {
    [STEP_HEX0]    = { "hex0", 3, 3, 0, "hex0 NAME: SRC -> OUT", steps_check_hex0 },
    [STEP_RUN]     = { "run", 1, STEPS_MAX_ARGS, 0, "run NAME: PROG [ARG...]", NULL },
    [STEP_BUILD]   = { "build", 0, 1, 0, "build NAME[: RECIPE]", steps_check_build },
    [STEP_SHA256]  = { "sha256", 2, 2, 0, "sha256 NAME: PATH HASH", steps_check_sha256 },
    [STEP_ANSWERS] = { "answers", 1, 1, 0, "answers NAME: FILE", NULL },
    [STEP_JUMP]    = { "jump", 0, 1, 1, "jump linux[: CMDLINE]", steps_check_jump },
};

// Kernels a jump step may start; the hand-off code implements each.
static const char *const steps_jump_targets[] = { "linux" };

const char *steps_kind_word(enum step_kind kind)
{
    return (unsigned)kind < STEP_NKINDS ? steps_kinds[kind].word : "?";
}

static int steps_word_is(struct steps_word w, const char *s)
{
    return w.n == strlen(s) && memcmp(w.p, s, w.n) == 0;
}

// Names become file names (/log/NNN-name.log, stages/RECIPE/): no '/', no
// blanks, no leading '.' or '-'.
static int steps_good_name(struct steps_word w)
{
    size_t i;

    if (w.n == 0 || w.n > STEPS_MAX_NAME || !isalnum((unsigned char)w.p[0]))
        return 0;
    for (i = 1; i < w.n; i++)
        if (!isalnum((unsigned char)w.p[i]) && !strchr("._+-", w.p[i]))
            return 0;
    return 1;
}

static int steps_check_hex0(struct steps_line *l, char *why, size_t n)
{
    if (!steps_word_is(l->argv[1], "->")) {
        snprintf(why, n, "expected \"->\" between source and output");
        return -1;
    }
    l->argv[1] = l->argv[2];
    l->argc = 2;
    return 0;
}

static int steps_check_build(struct steps_line *l, char *why, size_t n)
{
    if (l->argc == 0) {             // the recipe is named like the step
        l->argv[0] = l->name;
        l->argc = 1;
    }
    if (!steps_good_name(l->argv[0])) {
        snprintf(why, n, "bad recipe name \"%.*s\"", (int)l->argv[0].n, l->argv[0].p);
        return -1;
    }
    return 0;
}

static int steps_check_sha256(struct steps_line *l, char *why, size_t n)
{
    struct steps_word h = l->argv[1];
    size_t i;

    for (i = 0; i < h.n; i++)
        if (!isdigit((unsigned char)h.p[i]) && !(h.p[i] >= 'a' && h.p[i] <= 'f'))
            break;
    if (h.n != 64 || i != h.n) {
        snprintf(why, n, "bad sha256 \"%.*s\" (want 64 lower-case hex digits)",
                 (int)(h.n > 70 ? 70 : h.n), h.p);
        return -1;
    }
    return 0;
}

static int steps_check_jump(struct steps_line *l, char *why, size_t n)
{
    size_t i;

    for (i = 0; i < sizeof(steps_jump_targets) / sizeof(steps_jump_targets[0]); i++)
        if (steps_word_is(l->name, steps_jump_targets[i]))
            break;
    if (i == sizeof(steps_jump_targets) / sizeof(steps_jump_targets[0])) {
        snprintf(why, n, "unknown jump target \"%.*s\" (known: linux)", (int)l->name.n, l->name.p);
        return -1;
    }
    if (l->argc == 0) {             // no ':': an empty command line
        l->argv[0].p = l->name.p;
        l->argv[0].n = 0;
        l->argc = 1;
    }
    return 0;
}

static int steps_fail(struct steps_error *err, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    int k;

    err->line = line;
    if (line)
        k = snprintf(err->msg, sizeof(err->msg), "%s:%d: ", file, line);
    else
        k = snprintf(err->msg, sizeof(err->msg), "%s: ", file);
    if (k < 0 || (size_t)k >= sizeof(err->msg))
        k = 0;
    va_start(ap, fmt);
    vsnprintf(err->msg + k, sizeof(err->msg) - (size_t)k, fmt, ap);
    va_end(ap);
    return -1;
}

static const char *steps_skip_blanks(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}

// The first character a step line may not hold, or NULL.  Comment lines
// are free text and are not checked.
static const char *steps_bad_char(const char *p, const char *end)
{
    for (; p < end; p++)
        if (*p != '\t' && (*p < ' ' || *p > '~'))
            return p;
    return NULL;
}

// Splits the words after ':' (or keeps them whole for a raw kind).
static int steps_split_args(struct steps_line *l, const struct steps_kind_info *k,
                            const char *p, const char *end, char *why, size_t n)
{
    while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (k->raw) {
        p = steps_skip_blanks(p, end);
        l->argv[0].p = p;
        l->argv[0].n = (size_t)(end - p);
        l->argc = 1;
        return 0;
    }
    while ((p = steps_skip_blanks(p, end)) < end) {
        const char *w = p;
        while (p < end && *p != ' ' && *p != '\t')
            p++;
        if (l->argc == STEPS_MAX_ARGS) {
            snprintf(why, n, "too many arguments (at most %d)", STEPS_MAX_ARGS);
            return -1;
        }
        l->argv[l->argc].p = w;
        l->argv[l->argc].n = (size_t)(p - w);
        l->argc++;
    }
    return 0;
}

// Cuts one step line.  Returns 1 for a step, 0 for a blank or comment line,
// -1 with the reason in why.
static int steps_cut_line(struct steps_line *l, const char *p, const char *end, char *why, size_t n)
{
    const struct steps_kind_info *k;
    struct steps_word word;
    const char *w, *bad;

    l->argc = 0;
    p = steps_skip_blanks(p, end);
    if (p == end || *p == '#')
        return 0;
    if ((bad = steps_bad_char(p, end)) != NULL) {
        if (*bad == '\r')
            snprintf(why, n, "carriage return (DOS line ends?)");
        else
            snprintf(why, n, "control or non-ASCII byte 0x%02x", (unsigned char)*bad);
        return -1;
    }
    for (w = p; p < end && *p != ' ' && *p != '\t'; p++)
        ;
    word.p = w;
    word.n = (size_t)(p - w);
    for (l->kind = 0; l->kind < STEP_NKINDS; l->kind++)
        if (steps_word_is(word, steps_kinds[l->kind].word))
            break;
    if (l->kind == STEP_NKINDS) {
        snprintf(why, n, "unknown step kind \"%.*s\"", (int)(p - w > 40 ? 40 : p - w), w);
        return -1;
    }
    k = &steps_kinds[l->kind];
    for (w = p = steps_skip_blanks(p, end); p < end && *p != ' ' && *p != '\t' && *p != ':'; p++)
        ;
    l->name.p = w;
    l->name.n = (size_t)(p - w);
    if (l->name.n == 0) {
        snprintf(why, n, "step has no name (usage: %s)", k->usage);
        return -1;
    }
    if (!steps_good_name(l->name)) {
        snprintf(why, n, "bad step name \"%.*s\" (letters, digits, '.', '_', '+', '-'; at most %d)",
                 (int)(l->name.n > 60 ? 60 : l->name.n), l->name.p, STEPS_MAX_NAME);
        return -1;
    }
    p = steps_skip_blanks(p, end);
    if (p < end && *p != ':') {
        snprintf(why, n, "expected ':' after step name \"%.*s\"", (int)l->name.n, l->name.p);
        return -1;
    }
    if (p < end && steps_split_args(l, k, p + 1, end, why, n) < 0)
        return -1;
    if (l->argc < k->min_args || l->argc > k->max_args) {
        snprintf(why, n, "wrong number of arguments (usage: %s)", k->usage);
        return -1;
    }
    if (k->check && k->check(l, why, n) < 0)
        return -1;
    return 1;
}

// Where steps_walk puts what it finds.  It only counts while steps is NULL.
struct steps_sink {
    size_t nsteps, nslots, nbytes;
    struct step *steps;
    const char **slots;
    char *bytes;
};

static const char *steps_copy(struct steps_sink *s, struct steps_word w)
{
    char *c = NULL;

    if (s->steps) {
        c = s->bytes + s->nbytes;
        memcpy(c, w.p, w.n);
        c[w.n] = '\0';
    }
    s->nbytes += w.n + 1;
    return c;
}

static void steps_emit(struct steps_sink *s, const struct steps_line *l)
{
    struct step *st = s->steps ? &s->steps[s->nsteps] : NULL;
    const char **slot = st ? s->slots + s->nslots : NULL;
    const char *name = steps_copy(s, l->name);
    int i;

    for (i = 0; i < l->argc; i++) {
        const char *a = steps_copy(s, l->argv[i]);
        if (st)
            slot[i] = a;
    }
    if (st) {
        slot[l->argc] = NULL;
        st->kind = (enum step_kind)l->kind;
        st->line = l->number;
        st->name = name;
        st->argc = l->argc;
        st->argv = slot;
    }
    s->nslots += (size_t)l->argc + 1;
    s->nsteps++;
}

static int steps_walk(struct steps_sink *s, const char *file, const char *text, size_t len,
                      struct steps_error *err)
{
    const char *p = text, *end = text + len, *eol;
    struct steps_line l;
    char why[STEPS_MSG_SIZE];
    int r;

    for (l.number = 1; p < end; l.number++, p = eol + 1) {
        for (eol = p; eol < end && *eol != '\n'; eol++)
            ;
        r = steps_cut_line(&l, p, eol, why, sizeof(why));
        if (r < 0)
            return steps_fail(err, file, l.number, "%s", why);
        if (r > 0)
            steps_emit(s, &l);
    }
    if (s->nsteps == 0)
        return steps_fail(err, file, 0, "no steps");
    return 0;
}

static size_t steps_size(const struct steps_sink *s)
{
    return s->nsteps * sizeof(struct step) + s->nslots * sizeof(char *) + s->nbytes;
}

long steps_measure(const char *file, const char *text, size_t len, struct steps_error *err)
{
    struct steps_sink s;

    memset(&s, 0, sizeof(s));
    if (steps_walk(&s, file, text, len, err) < 0)
        return -1;
    return (long)steps_size(&s);
}

static int steps_check_unique(const struct steps_table *t, const char *file, struct steps_error *err)
{
    int i, j;

    for (i = 1; i < t->nsteps; i++)
        for (j = 0; j < i; j++)
            if (strcmp(t->steps[i].name, t->steps[j].name) == 0)
                return steps_fail(err, file, t->steps[i].line,
                                  "duplicate step name \"%s\" (first on line %d)",
                                  t->steps[i].name, t->steps[j].line);
    return 0;
}

int steps_parse(struct steps_table *t, void *arena, size_t size, const char *file,
                const char *text, size_t len, struct steps_error *err)
{
    struct steps_sink s;

    t->steps = NULL;
    t->nsteps = 0;
    memset(&s, 0, sizeof(s));
    if (steps_walk(&s, file, text, len, err) < 0)
        return -1;
    if (steps_size(&s) > size)
        return steps_fail(err, file, 0, "needs %lu bytes to parse, given %lu",
                          (unsigned long)steps_size(&s), (unsigned long)size);
    // The arena: steps, then the argv slots, then the strings; the second
    // walk fills what the first one counted.
    s.steps = arena;
    s.slots = (const char **)(s.steps + s.nsteps);
    s.bytes = (char *)(s.slots + s.nslots);
    s.nsteps = s.nslots = s.nbytes = 0;
    steps_walk(&s, file, text, len, err);
    t->steps = s.steps;
    t->nsteps = (int)s.nsteps;
    if (steps_check_unique(t, file, err) < 0) {
        t->steps = NULL;
        t->nsteps = 0;
        return -1;
    }
    return 0;
}

const struct step *steps_find(const struct steps_table *t, const char *name)
{
    int i;

    for (i = 0; i < t->nsteps; i++)
        if (strcmp(t->steps[i].name, name) == 0)
            return &t->steps[i];
    return NULL;
}

const char *steps_join_words(const char *const *argv, char *buf, size_t size)
{
    size_t n = 0;

    buf[0] = 0;
    for (; *argv && n < size; argv++)
        n += snprintf(buf + n, size - n, n ? " %s" : "%s", *argv);
    return buf;
}
