// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/sha256_test.c: kernel/lib/sha256.c against the FIPS 180-4 example
// vectors, and incremental hashing in every split against one-shot hashing.
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "lib/sha256.h"

static int hex_of(const void *data, size_t n, const char *expected)
{
    uint8_t d[32];
    char hex[65];
    sha256(data, n, d);
    sha256_hex(d, hex);
    if (strcmp(hex, expected))
        printf("  got %s\n  expected %s\n", hex, expected);
    return !strcmp(hex, expected);
}

int main(void)
{
    static char million[1000000];
    uint8_t data[300], whole[32], parts[32];
    struct sha256_ctx c;
    size_t n, split;

    CHECK(hex_of("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    CHECK(hex_of("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    CHECK(hex_of("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
                 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
    memset(million, 'a', sizeof million);
    CHECK(hex_of(million, sizeof million, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));

    for (n = 0; n < sizeof data; n++)
        data[n] = (uint8_t)(n * 7 + 3);
    for (n = 0; n <= sizeof data; n += 13) {
        sha256(data, n, whole);
        for (split = 0; split <= n; split++) {
            sha256_init(&c);
            sha256_update(&c, data, split);
            sha256_update(&c, data + split, n - split);
            sha256_final(&c, parts);
            CHECK(!memcmp(whole, parts, 32));
        }
    }
    return check_summary("sha256_test");
}
