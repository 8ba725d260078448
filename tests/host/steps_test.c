// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/steps_test.c: kernel/chain/steps.c on good tables (every kind, layout
// variants, arena sizing), on every malformed-table error with its line
// number and message, and on the project's own stages/steps.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "chain/steps.h"

#define CHECK_MSG(cond, ...) do {                                   \
        if (!CHECK(cond)) {                                         \
            printf("    ");                                         \
            printf(__VA_ARGS__);                                    \
            printf("\n");                                           \
        }                                                           \
    } while (0)

// Parses text into a malloc'ed arena of exactly the measured size, so ASan
// catches any write past it.  Returns the arena (caller frees) or NULL.
static void *parse(const char *text, struct steps_table *t, struct steps_error *err)
{
    long need = steps_measure("stages/steps", text, strlen(text), err);
    void *arena;

    if (need < 0)
        return NULL;
    arena = malloc((size_t)need);
    if (steps_parse(t, arena, (size_t)need, "stages/steps", text, strlen(text), err) < 0) {
        free(arena);
        return NULL;
    }
    return arena;
}

static int argv_is(const struct step *s, int argc, const char *const *want)
{
    int i;

    if (s->argc != argc || s->argv[argc] != NULL)
        return 0;
    for (i = 0; i < argc; i++)
        if (strcmp(s->argv[i], want[i]) != 0)
            return 0;
    return 1;
}

static void test_good(void)
{
    static const char text[] =
        "# stage 0\n"
        "\n"
        "   # indented comment, with any bytes: \xc3\xa9\r\n"
        "hex0 hex0-seed: x86/hex0_x86.hex0 -> bootstrap-seeds/POSIX/x86/hex0-seed\n"
        "sha256\thex0-seed.ok:\t bootstrap-seeds/POSIX/x86/hex0-seed "
        "f74dcf9cef2aee9eb7723eca755849d474fccd89662947021d1aa08429d23c13  \n"
        "run seed-kaem : ./kaem-optional-seed   x86/a.kaem\n"
        "answers x86-answers: x86.answers\n"
        "build mes-0.27\n"
        "build tcc_pass2:tcc-0.9.27\n"
        "jump linux: console=ttyS0 root=/dev/sda1  init=/init # not a comment\n"
        "run last: /bin/true";                  // no final newline
    static const char *const a0[] = { "x86/hex0_x86.hex0", "bootstrap-seeds/POSIX/x86/hex0-seed" };
    static const char *const a1[] = { "bootstrap-seeds/POSIX/x86/hex0-seed",
        "f74dcf9cef2aee9eb7723eca755849d474fccd89662947021d1aa08429d23c13" };
    static const char *const a2[] = { "./kaem-optional-seed", "x86/a.kaem" };
    static const char *const a3[] = { "x86.answers" };
    static const char *const a4[] = { "mes-0.27" };
    static const char *const a5[] = { "tcc-0.9.27" };
    static const char *const a6[] = { "console=ttyS0 root=/dev/sda1  init=/init # not a comment" };
    static const char *const a7[] = { "/bin/true" };
    struct steps_table t;
    struct steps_error err;
    void *arena = parse(text, &t, &err);
    const struct step *s;

    CHECK_MSG(arena != NULL, "%s", err.msg);
    if (!arena)
        return;
    s = t.steps;
    CHECK(t.nsteps == 8);
    CHECK(s[0].kind == STEP_HEX0 && s[0].line == 4 && !strcmp(s[0].name, "hex0-seed"));
    CHECK(argv_is(&s[0], 2, a0));
    CHECK(s[1].kind == STEP_SHA256 && s[1].line == 5 && !strcmp(s[1].name, "hex0-seed.ok"));
    CHECK(argv_is(&s[1], 2, a1));
    CHECK(s[2].kind == STEP_RUN && !strcmp(s[2].name, "seed-kaem") && argv_is(&s[2], 2, a2));
    CHECK(s[3].kind == STEP_ANSWERS && argv_is(&s[3], 1, a3));
    CHECK(s[4].kind == STEP_BUILD && !strcmp(s[4].name, "mes-0.27") && argv_is(&s[4], 1, a4));
    CHECK(s[5].kind == STEP_BUILD && !strcmp(s[5].name, "tcc_pass2") && argv_is(&s[5], 1, a5));
    CHECK(s[6].kind == STEP_JUMP && !strcmp(s[6].name, "linux") && argv_is(&s[6], 1, a6));
    CHECK(s[7].kind == STEP_RUN && s[7].line == 11 && argv_is(&s[7], 1, a7));
    CHECK(steps_find(&t, "mes-0.27") == &s[4]);
    CHECK(steps_find(&t, "mes") == NULL);
    CHECK(!strcmp(steps_kind_word(STEP_ANSWERS), "answers"));
    CHECK(!strcmp(steps_kind_word(STEP_NKINDS), "?"));
    free(arena);
}

static void test_jump_bare_and_arena(void)
{
    static const char text[] = "jump linux\n";
    char small[16];
    struct steps_table t;
    struct steps_error err;
    void *arena = parse(text, &t, &err);

    CHECK(arena && t.nsteps == 1 && t.steps[0].argc == 1 && t.steps[0].argv[0][0] == '\0');
    free(arena);

    // An arena too small is refused, and the table left empty.
    CHECK(steps_parse(&t, small, sizeof(small), "stages/steps", text, strlen(text), &err) < 0);
    CHECK(t.nsteps == 0 && t.steps == NULL && err.line == 0);
    CHECK_MSG(strstr(err.msg, "stages/steps: needs ") == err.msg, "%s", err.msg);
}

struct bad {
    const char *text;
    int line;
    const char *msg;        // the whole message after "stages/steps:LINE: "
};

#define HASH "f74dcf9cef2aee9eb7723eca755849d474fccd89662947021d1aa08429d23c13"
#define ARGS8 " a a a a a a a a"

static const struct bad bads[] = {
    { "run a: x\n\nfoo b: c\n", 3, "unknown step kind \"foo\"" },
    { "build: mes-0.27\n", 1, "unknown step kind \"build:\"" },
    { "# c\nrun\n", 2, "step has no name (usage: run NAME: PROG [ARG...])" },
    { "run : x\n", 1, "step has no name (usage: run NAME: PROG [ARG...])" },
    { "run a/b: x\n", 1, "bad step name \"a/b\" (letters, digits, '.', '_', '+', '-'; at most 48)" },
    { "run -a: x\n", 1, "bad step name \"-a\" (letters, digits, '.', '_', '+', '-'; at most 48)" },
    { "run a234567890123456789012345678901234567890123456789: x\n", 1,
      "bad step name \"a234567890123456789012345678901234567890123456789\" "
      "(letters, digits, '.', '_', '+', '-'; at most 48)" },
    { "run a x\n", 1, "expected ':' after step name \"a\"" },
    { "run a:\n", 1, "wrong number of arguments (usage: run NAME: PROG [ARG...])" },
    { "run a\n", 1, "wrong number of arguments (usage: run NAME: PROG [ARG...])" },
    { "run a: p" ARGS8 ARGS8 ARGS8 ARGS8 "\n", 1, "too many arguments (at most 32)" },
    { "hex0 a: x.hex0 y\n", 1, "wrong number of arguments (usage: hex0 NAME: SRC -> OUT)" },
    { "hex0 a: x.hex0 => y\n", 1, "expected \"->\" between source and output" },
    { "sha256 a: f\n", 1, "wrong number of arguments (usage: sha256 NAME: PATH HASH)" },
    { "sha256 a: f " HASH " x\n", 1, "wrong number of arguments (usage: sha256 NAME: PATH HASH)" },
    { "sha256 a: f F74DCF9CEF2AEE9EB7723ECA755849D474FCCD89662947021D1AA08429D23C13\n", 1,
      "bad sha256 \"F74DCF9CEF2AEE9EB7723ECA755849D474FCCD89662947021D1AA08429D23C13\" "
      "(want 64 lower-case hex digits)" },
    { "sha256 a: f abc\n", 1, "bad sha256 \"abc\" (want 64 lower-case hex digits)" },
    { "build a: x/y\n", 1, "bad recipe name \"x/y\"" },
    { "build a: b c\n", 1, "wrong number of arguments (usage: build NAME[: RECIPE])" },
    { "answers a\n", 1, "wrong number of arguments (usage: answers NAME: FILE)" },
    { "jump fiwix: x\n", 1, "unknown jump target \"fiwix\" (known: linux)" },
    { "run a: x\r\n", 1, "carriage return (DOS line ends?)" },
    { "run a: x\n\nrun b: \x01\n", 3, "control or non-ASCII byte 0x01" },
    { "run a: caf\xc3\xa9\n", 1, "control or non-ASCII byte 0xc3" },
    { "run a: x\nrun b: y\n# c\nrun a: z\n", 4, "duplicate step name \"a\" (first on line 1)" },
};

static void test_bad(void)
{
    char want[STEPS_MSG_SIZE + 32];
    struct steps_table t;
    struct steps_error err;
    size_t i;

    for (i = 0; i < sizeof(bads) / sizeof(bads[0]); i++) {
        void *arena = parse(bads[i].text, &t, &err);
        snprintf(want, sizeof(want), "stages/steps:%d: %s", bads[i].line, bads[i].msg);
        CHECK_MSG(arena == NULL && err.line == bads[i].line && !strcmp(err.msg, want),
                  "case %zu: got \"%s\", want \"%s\"", i, arena ? "(parsed)" : err.msg, want);
        free(arena);
    }

    // A table of comments only, or nothing, has no steps.
    CHECK(parse("# nothing\n\n", &t, &err) == NULL && err.line == 0);
    CHECK_MSG(!strcmp(err.msg, "stages/steps: no steps"), "%s", err.msg);
    CHECK(parse("", &t, &err) == NULL && err.line == 0);
}

// Mutated tables either parse into well-formed steps or fail with a message
// naming a line of the table; ASan watches the exactly-sized arenas.
static void test_mutations(void)
{
    static const char base[] =
        "hex0 a: x -> y\nsha256 b: y " HASH "\nrun c: p q\n# c\nbuild d\njump linux: x y\n";
    static const char alphabet[] = " \t\n:#->abc/.\r\x01\xff";
    char text[sizeof(base)];
    struct steps_table t;
    struct steps_error err;
    int i, j, lines, ok = 1;

    srand(5);
    for (i = 0; i < 20000 && ok; i++) {
        memcpy(text, base, sizeof(base));
        for (j = rand() % 4; j >= 0; j--)
            text[rand() % (sizeof(base) - 1)] = alphabet[rand() % (sizeof(alphabet) - 1)];
        for (lines = 1, j = 0; text[j]; j++)
            lines += text[j] == '\n';
        void *arena = parse(text, &t, &err);
        if (arena) {
            for (j = 0; j < t.nsteps; j++)
                ok &= t.steps[j].argv[t.steps[j].argc] == NULL && t.steps[j].line <= lines;
        } else {
            ok &= err.line >= 0 && err.line <= lines && !strncmp(err.msg, "stages/steps:", 13);
        }
        free(arena);
    }
    CHECK_MSG(ok, "mutation %d: \"%s\" -> %s", i, text, err.msg);
}

// The project's own table parses, and starts with stage 0.
static void test_project_table(const char *path)
{
    FILE *f = fopen(path, "rb");
    static char text[1 << 16];
    size_t n;
    struct steps_table t;
    struct steps_error err;
    void *arena;

    CHECK_MSG(f != NULL, "cannot open %s", path);
    if (!f)
        return;
    n = fread(text, 1, sizeof(text) - 1, f);
    fclose(f);
    text[n] = '\0';
    arena = parse(text, &t, &err);
    CHECK_MSG(arena != NULL, "%s", err.msg);
    if (!arena)
        return;
    CHECK(t.nsteps >= 4 && t.steps[0].kind == STEP_HEX0);
    CHECK(steps_find(&t, "hex0-seed") && steps_find(&t, "kaem-optional-seed"));
    printf("%s: %d steps\n", path, t.nsteps);
    free(arena);
}

int main(int argc, char **argv)
{
    test_good();
    test_jump_bare_and_arena();
    test_bad();
    test_mutations();
    test_project_table(argc > 1 ? argv[1] : "stages/steps");
    return check_summary("steps_test");
}
