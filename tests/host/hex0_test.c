// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/hex0_test.c: kernel/chain/hex0.c against vectors whose expected bytes
// come from running bootstrap-seeds' x86 hex0-seed on them (qemu-i386), fed
// whole and split at every offset.  Given a stage0-posix 1.9.1 tree (argument
// or $STAGE0_POSIX_DIR), it also compiles x86/hex0_x86.hex0 and
// x86/kaem-minimal.hex0 and compares them byte for byte with the published
// hex0-seed and kaem-optional-seed; without one it prints SKIP for that part
// (tests/host/hex0_seeds_test.sh supplies the tree from the sources cache).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "chain/hex0.h"
#include "lib/sha256.h"

// CHECK plus the case that failed.
#define CHECK_MSG(cond, ...) do {                                   \
        if (!CHECK(cond)) {                                         \
            printf("    ");                                         \
            printf(__VA_ARGS__);                                    \
            printf("\n");                                           \
        }                                                           \
    } while (0)

struct vector {
    const char *in;
    const char *out;        // expected bytes as hex, "" for none
    int odd;                // a lone digit is left at the end
    size_t len;             // input length when it holds a NUL, else 0
};

// Each expected output was produced by the seed itself.
static const struct vector vectors[] = {
    { "", "", 0, 0 },
    { "41", "41", 0, 0 },
    { "4142 43\t44", "41424344", 0, 0 },
    { "ab AB aB Ab", "abababab", 0, 0 },
    { "00 ff FF 7f", "00ffff7f", 0, 0 },
    { "41 4", "41", 1, 0 },                     // odd trailing digit: dropped
    { "4\n1", "41", 0, 0 },                     // a pair may span lines
    { "4#\n1", "41", 0, 0 },                    // ... and a comment
    { "a#1\n2", "a2", 0, 0 },
    { "zz41;44\n42", "4142", 0, 0 },            // ';' comment, junk skipped
    { "4 1x4Z2", "4142", 0, 0 },
    { "#x\n\r4\r1", "41", 0, 0 },               // CR is skipped like a blank
    { "Hh41", "41", 0, 0 },
    { "1G", "20", 0, 0 },                       // 'G' is the digit 16
    { "GG", "10", 0, 0 },                       // (16 << 4) + 16, low byte
    { "g1", "01", 0, 0 },
    { "# 41\n; 42\n43 # 44 ; 45\n46", "4346", 0, 0 },
    { "## 41 # 42\n", "", 0, 0 },
    { "4;\n;\n1", "41", 0, 0 },
    { "\x00" "4\xff" "1", "41", 0, 4 },         // NUL and high bytes skipped
    { "@`/:[{", "", 0, 0 },                     // neighbours of the digit ranges
    { "4", "", 1, 0 },
};

static size_t unhex(const char *s, uint8_t *out)
{
    size_t n = 0;
    unsigned v;

    while (s[0] && s[1] && sscanf(s, "%2x", &v) == 1) {
        out[n++] = (uint8_t)v;
        s += 2;
    }
    return n;
}

static void test_vector(const struct vector *v, size_t len)
{
    uint8_t want[64], got[64];
    size_t nwant = unhex(v->out, want), n, cut;
    struct hex0_state st;

    n = hex0_compile(v->in, len, got, &st);
    CHECK_MSG(n == nwant && memcmp(got, want, n) == 0, "\"%s\": %zu bytes, want %s", v->in, n, v->out);
    CHECK_MSG(hex0_finish(&st) == v->odd, "\"%s\": odd digit %d", v->in, hex0_finish(&st));

    // Fed in two pieces at every cut, the output must not change.
    for (cut = 0; cut <= len; cut++) {
        hex0_init(&st);
        n = hex0_feed(&st, v->in, cut, got);
        n += hex0_feed(&st, v->in + cut, len - cut, got + n);
        CHECK_MSG(n == nwant && memcmp(got, want, n) == 0, "\"%s\" cut at %zu", v->in, cut);
    }
}

static void test_vectors(void)
{
    size_t i;

    for (i = 0; i < sizeof(vectors) / sizeof(vectors[0]); i++) {
        size_t len = vectors[i].len ? vectors[i].len : strlen(vectors[i].in);
        test_vector(&vectors[i], len);
    }
}

static void test_warnings(void)
{
    struct hex0_state st;
    uint8_t out[32];
    const char *src = "41 # xyz\n42\r\n\t43 zz\n1G ; G\n";

    hex0_compile(src, strlen(src), out, &st);
    CHECK_MSG(st.line == 5, "line %u", (unsigned)st.line);
    CHECK_MSG(st.ignored == 2 && st.ignored_line == 3, "ignored %u at %u",
          (unsigned)st.ignored, (unsigned)st.ignored_line);
    CHECK_MSG(st.g_digits == 1 && st.g_line == 4, "G %u at %u", (unsigned)st.g_digits, (unsigned)st.g_line);

    // A zeroed state works like an initialised one.
    memset(&st, 0, sizeof(st));
    CHECK_MSG(hex0_feed(&st, "x4\n1", 4, out) == 1 && out[0] == 0x41 && st.ignored_line == 1,
          "zeroed state");
}

static uint8_t *read_file(const char *dir, const char *rel, size_t *len)
{
    char path[4096];
    FILE *f;
    uint8_t *buf;
    long n;

    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

// Compiles src and compares it with the seed binary, whose sha256 must be
// the published one (so a tree with a swapped seed does not pass).
static void test_seed(const char *dir, const char *src, const char *seed, const char *hash)
{
    size_t nsrc, nseed, n;
    uint8_t *in = read_file(dir, src, &nsrc), *bin = read_file(dir, seed, &nseed), *out;
    uint8_t digest[32];
    char hex[65];
    struct hex0_state st;

    CHECK_MSG(in && bin, "%s/%s or %s missing", dir, src, seed);
    if (in && bin) {
        sha256(bin, nseed, digest);
        sha256_hex(digest, hex);
        CHECK_MSG(strcmp(hex, hash) == 0, "%s: sha256 %s, want %s", seed, hex, hash);
        out = malloc(nsrc / 2 + 1);
        n = hex0_compile(in, nsrc, out, &st);
        CHECK_MSG(n == nseed && memcmp(out, bin, n) == 0, "%s: %zu bytes differ from %s (%zu)",
              src, n, seed, nseed);
        CHECK_MSG(!hex0_finish(&st) && st.g_digits == 0, "%s: odd digit or G", src);
        printf("%s -> %zu bytes, %u skipped bytes: matches %s\n", src, n, (unsigned)st.ignored, seed);
        free(out);
    }
    free(in);
    free(bin);
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : getenv("STAGE0_POSIX_DIR");

    test_vectors();
    test_warnings();
    if (dir && *dir) {
        test_seed(dir, "x86/hex0_x86.hex0", "bootstrap-seeds/POSIX/x86/hex0-seed",
                  "f74dcf9cef2aee9eb7723eca755849d474fccd89662947021d1aa08429d23c13");
        test_seed(dir, "x86/kaem-minimal.hex0", "bootstrap-seeds/POSIX/x86/kaem-optional-seed",
                  "545f89537f070d7e62b05243be34cbcfdb1e92dbf9d82e2cd15792d880436ac2");
        // bootstrap-seeds carries its own copies of the two sources.
        test_seed(dir, "bootstrap-seeds/POSIX/x86/hex0_x86.hex0",
                  "bootstrap-seeds/POSIX/x86/hex0-seed",
                  "f74dcf9cef2aee9eb7723eca755849d474fccd89662947021d1aa08429d23c13");
        test_seed(dir, "bootstrap-seeds/POSIX/x86/kaem-minimal.hex0",
                  "bootstrap-seeds/POSIX/x86/kaem-optional-seed",
                  "545f89537f070d7e62b05243be34cbcfdb1e92dbf9d82e2cd15792d880436ac2");
    } else {
        printf("SKIP: seed comparison (no stage0-posix tree given; tests/host/hex0_seeds_test.sh"
               " runs it from the sources cache)\n");
    }
    return check_summary("hex0_test");
}
