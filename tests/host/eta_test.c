// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/eta_test.c: kernel/chain/eta.c: the twin's times read from the
// times file's text, the estimate scaled by this run's pace, H:MM:SS.
#include <stdio.h>
#include <string.h>
#include "chain/eta.h"

static int checks, failed;

static void check(int ok, const char *what)
{
    checks++;
    if (!ok) {
        failed++;
        printf("FAIL: %s\n", what);
    }
}

int main(void)
{
    const char *times = "# comment line naming perl-5.000 9\n"
                        "perl-5.000 0.81\n"
                        "perl-5.0001 7\n"
                        "autoconf-2.52\t12.345\n"
                        "tmp-dir 0\n"
                        "broken x\n";
    char buf[32];

    check(eta_twin_ms(times, "perl-5.000") == 810, "a step's time in ms, not a comment's");
    check(eta_twin_ms(times, "perl-5.0001") == 7000, "a name that starts with another's");
    check(eta_twin_ms(times, "autoconf-2.52") == 12345, "a tab, three decimals");
    check(eta_twin_ms(times, "tmp-dir") == 0, "zero");
    check(eta_twin_ms(times, "perl") == -1, "a prefix of a name is no name");
    check(eta_twin_ms(times, "broken") == -1, "no number");
    check(eta_twin_ms(times, "missing") == -1, "a step the file does not name");
    check(eta_twin_ms("", "perl-5.000") == -1, "an empty file");

    check(eta_left_ms(5000, 900, 60000) == -1, "under a second of the twin's time: no estimate");
    check(eta_left_ms(80000, 10000, 30000) == 240000, "eight times slower than the twin: 30 s are 4 min");
    check(eta_left_ms(80000, 10000, 0) == 0, "nothing left");
    check(eta_left_ms(3600000ull * 10, 3600000ull, 3600000ull * 100) == 3600000ll * 1000,
          "hours do not overflow");

    check(eta_format(buf, sizeof buf, 0) == 7 && !strcmp(buf, "0:00:00"), "0:00:00");
    eta_format(buf, sizeof buf, 3723999);
    check(!strcmp(buf, "1:02:03"), "1:02:03");
    eta_format(buf, sizeof buf, 36000000ull * 10);
    check(!strcmp(buf, "100:00:00"), "100 hours");

    // the status line: 12 s into step 47 (its share 20 s of 100 s left), 5 min into the run
    char line[81];
    struct eta_step st = { 47, 81, "build", "bison-3.4.1", 1000, 289000, 100000, 20000 };
    eta_status_line(line, sizeof line, &st, 301000);
    check(!strcmp(line, "[47/81] build bison-3.4.1 0:00:12 | 0:05:00 in, about 0:01:28 left"),
          "the status line: step time, run time, the estimate less the step's time so far");
    eta_status_line(line, sizeof line, &st, 289000 + 45000);
    check(strstr(line, "0:00:45 | ") && strstr(line, "about 0:01:20 left"),
          "a step past its share: the estimate stays at the rest after it");
    st.left_ms = -1;
    eta_status_line(line, sizeof line, &st, 301000);
    check(!strcmp(line, "[47/81] build bison-3.4.1 0:00:12 | 0:05:00 in"), "no estimate yet: none shown");
    st.name = "a-step-name-far-longer-than-the-eighty-columns-of-the-screen-can-hold-at-once";
    st.left_ms = 100000;
    eta_status_line(line, sizeof line, &st, 301000);
    check(strlen(line) == 80 && strstr(line, "about 0:01:28 left") && !strncmp(line, "[47/81] build a-step-name", 25),
          "a long name is shortened; the times stay whole in 80 columns");
    printf("eta_test: %d checks, %d failed\n", checks, failed);
    return failed ? 1 : 0;
}
