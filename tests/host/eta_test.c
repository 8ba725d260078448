// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/eta_test.c: kernel/chain/eta.c: the reference times read from
// the times file's text, the estimate scaled by this run's pace against the
// reference that foresaw the run best, H:MM:SS.
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
                        "perl-5.000 0.81 4.5\n"
                        "perl-5.0001 7\n"
                        "autoconf-2.52\t12.345\t\t60\n"
                        "tmp-dir 0\n"
                        "broken x\n";
    char buf[32], line[96];

    check(eta_ref_ms(times, "perl-5.000", ETA_TWIN) == 810, "a step's time in ms, not a comment's");
    check(eta_ref_ms(times, "perl-5.000", ETA_OURS) == 4500, "ours, the second column");
    check(eta_ref_ms(times, "perl-5.0001", ETA_TWIN) == 7000, "a name that starts with another's");
    check(eta_ref_ms(times, "perl-5.0001", ETA_OURS) == -1, "no second column: no time of ours");
    check(eta_ref_ms(times, "autoconf-2.52", ETA_TWIN) == 12345, "a tab, three decimals");
    check(eta_ref_ms(times, "autoconf-2.52", ETA_OURS) == 60000, "two tabs between the columns");
    check(eta_ref_ms(times, "tmp-dir", ETA_TWIN) == 0, "zero");
    check(eta_ref_ms(times, "perl", ETA_TWIN) == -1, "a prefix of a name is no name");
    check(eta_ref_ms(times, "broken", ETA_TWIN) == -1, "no number");
    check(eta_ref_ms(times, "missing", ETA_TWIN) == -1, "a step the file does not name");
    check(eta_ref_ms("", "perl-5.000", ETA_TWIN) == -1, "an empty file");

    // one reference: the twin's, eight times faster than this run
    struct eta e = { 0 };
    long one[][ETA_REFS] = { { 900, -1 }, { 9100, -1 }, { 30000, -1 } };
    eta_step_done(&e, one[0], 7200);
    check(eta_best(&e) == -1 && eta_left_ms(&e, one[1], 2) == -1, "under a second of the twin's time: no estimate");
    eta_step_done(&e, one[1], 72800);
    check(eta_best(&e) == ETA_TWIN, "the twin's times, the only reference");
    check(eta_left_ms(&e, one[2], 1) == 240000, "eight times slower than the twin: 30 s are 4 min");
    check(eta_left_ms(&e, one[2], 0) == 0, "nothing left");
    long hours[ETA_REFS] = { 3600000l * 100, -1 };
    struct eta slow = { { 3600000ull * 10, 0 }, { 3600000ull, 0 }, { 0 }, 0 };
    check(eta_left_ms(&slow, hours, 1) == 3600000ll * 1000, "hours do not overflow");

    // two references: a compile (the twin 5x faster, ours as fast), then
    // configure steps that take 7x the twin's time and what ours says
    long steps[][ETA_REFS] = { { 8000, 40000 }, { 4000, 28000 }, { 4000, 28000 }, { 4000, 28000 },
                               { 4000, 28000 }, { 4000, 28000 } };
    struct eta two = { 0 };
    eta_step_done(&two, steps[0], 40000);
    check(eta_best(&two) == ETA_OURS, "not judged yet: ours");
    check(eta_left_ms(&two, steps[1], 5) == 140000, "ours foresee 140 s after the compile");
    eta_step_done(&two, steps[1], 28000);
    eta_step_done(&two, steps[2], 28000);
    check(eta_best(&two) == ETA_OURS, "ours foresaw the configure steps, the twin's 8 and 5 s short");
    check(eta_left_ms(&two, steps[3], 3) == 84000, "so ours: 84 s left");
    eta_summary(line, sizeof line, &two);
    check(!strcmp(line, "estimates used ours; forecasts of the steps done missed by: twin 23 %, ours 0 %"),
          "the summary: which, and by how much each missed");
    // the same on a machine where the twin's times fit: compiles and
    // configure steps 2x the twin's time
    struct eta pc = { 0 };
    int i;
    eta_step_done(&pc, steps[0], 16000);
    for (i = 1; i <= 3; i++)
        eta_step_done(&pc, steps[i], 8000);
    check(eta_best(&pc) == ETA_OURS, "24 s foreseen: not judged yet, ours");
    eta_step_done(&pc, steps[4], 8000);
    check(eta_best(&pc) == ETA_TWIN, "32 s: the twin's foresaw every configure step, ours each long");
    check(eta_left_ms(&pc, steps[5], 1) == 8000, "so the twin's: 8 s left");
    // a step only one of them could foresee (the twin's first second not
    // done yet) is held against neither
    struct eta early = { 0 };
    long first[][ETA_REFS] = { { 100, 2000 }, { 9000, 60000 } };
    eta_step_done(&early, first[0], 4000);
    eta_step_done(&early, first[1], 80000);
    check(early.miss[ETA_OURS] == 0 && early.foreseen_ms == 0, "ours alone foresaw the second step: not counted");
    check(eta_best(&early) == ETA_OURS, "and ours is used");
    long filled[][ETA_REFS] = { { 1000, 6000 }, { 3000, -1 }, { 2000, 12000 }, { 500, -1 }, { -1, -1 } };
    eta_fill_ours(&filled[0][0], 5);
    check(filled[1][ETA_OURS] == 18000 && filled[3][ETA_OURS] == 3000, "ours filled in at 6x the twin's");
    check(filled[0][ETA_OURS] == 6000 && filled[4][ETA_OURS] == -1, "others kept; a step with neither stays so");
    long none[][ETA_REFS] = { { 1000, -1 }, { 3000, -1 } };
    eta_fill_ours(&none[0][0], 2);
    check(none[1][ETA_OURS] == -1, "no time of ours at all: none made up");

    check(eta_format(buf, sizeof buf, 0) == 7 && !strcmp(buf, "0:00:00"), "0:00:00");
    eta_format(buf, sizeof buf, 3723999);
    check(!strcmp(buf, "1:02:03"), "1:02:03");
    eta_format(buf, sizeof buf, 36000000ull * 10);
    check(!strcmp(buf, "100:00:00"), "100 hours");

    // the status line: 12 s into step 47 (its share 20 s of 100 s left), 5 min into the run
    char status[81];
    struct eta_step st = { 47, 81, "build", "bison-3.4.1", 1000, 289000, 100000, 20000 };
    eta_status_line(status, sizeof status, &st, 301000);
    check(!strcmp(status, "[47/81] build bison-3.4.1 0:00:12 | 0:05:00 in, about 0:01:28 left"),
          "the status line: step time, run time, the estimate less the step's time so far");
    eta_status_line(status, sizeof status, &st, 289000 + 45000);
    check(strstr(status, "0:00:45 | ") && strstr(status, "about 0:01:20 left"),
          "a step past its share: the estimate stays at the rest after it");
    st.left_ms = -1;
    eta_status_line(status, sizeof status, &st, 301000);
    check(!strcmp(status, "[47/81] build bison-3.4.1 0:00:12 | 0:05:00 in"), "no estimate yet: none shown");
    st.name = "a-step-name-far-longer-than-the-eighty-columns-of-the-screen-can-hold-at-once";
    st.left_ms = 100000;
    eta_status_line(status, sizeof status, &st, 301000);
    check(strlen(status) == 80 && strstr(status, "about 0:01:28 left") && !strncmp(status, "[47/81] build a-step-name", 25),
          "a long name is shortened; the times stay whole in 80 columns");
    printf("eta_test: %d checks, %d failed\n", checks, failed);
    return failed ? 1 : 0;
}
