// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/cmdline_test.c: kernel/lib/cmdline.c: options, flags, quoted values,
// the last of repeated keys not mattering (first wins), malformed lines.
#include <string.h>
#include "check.h"
#include "lib/cmdline.h"

static int is(const char *got, const char *expected)
{
    return got && !strcmp(got, expected);
}

int main(void)
{
    char longline[CMDLINE_MAX + 10];

    CHECK(cmdline_parse("console=serial selftest  test=pagefault") == 3);
    CHECK(is(cmdline_get("console"), "serial"));
    CHECK(is(cmdline_get("test"), "pagefault"));
    CHECK(is(cmdline_get("selftest"), ""));
    CHECK(cmdline_has("selftest") && !cmdline_has("self") && !cmdline_has("selftests"));
    CHECK(cmdline_get("missing") == NULL);
    CHECK(is(cmdline_get_or("missing", "both"), "both"));
    CHECK(is(cmdline_get_or("selftest", "x"), "x"));
    CHECK(is(cmdline_text(), "console=serial selftest  test=pagefault"));

    CHECK(cmdline_parse("init=\"/bin/sh -c 'echo hi'\" disk=ata") == 2);
    CHECK(is(cmdline_get("init"), "/bin/sh -c 'echo hi'"));
    CHECK(is(cmdline_get("disk"), "ata"));

    CHECK(cmdline_parse("a=1 a=2") == 2 && is(cmdline_get("a"), "1"));
    CHECK(cmdline_parse("") == 0 && cmdline_get("a") == NULL);
    CHECK(cmdline_parse("   \t ") == 0);
    CHECK(cmdline_parse("empty= x") == 2 && is(cmdline_get("empty"), "") && cmdline_has("x"));

    CHECK(cmdline_parse("init=\"unclosed") == -1 && cmdline_get("init") == NULL);
    memset(longline, 'x', sizeof longline - 1);
    longline[sizeof longline - 1] = 0;
    CHECK(cmdline_parse(longline) == -1);
    return check_summary("cmdline_test");
}
