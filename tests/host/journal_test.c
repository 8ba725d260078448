// SPDX-License-Identifier: GPL-3.0-or-later
// tests/host/journal_test.c: kernel/chain/journal.c: where a run resumes, for
// journals of finished, cut-off, failed-jump and foreign runs.
#include <string.h>
#include "check.h"
#include "chain/journal.h"

static const char table_text[] =
    "hex0 a: x -> y\n"
    "run b: /bin/true\n"
    "jump linux: console=ttyS0\n"
    "run d: /bin/true\n";

int main(void)
{
    static char arena[4096];
    struct steps_error err;
    struct steps_table t;
    char line[JOURNAL_LINE_MAX];
    int cut;

    CHECK(steps_parse(&t, arena, sizeof arena, "t", table_text, strlen(table_text), &err) == 0);
    CHECK(journal_resume_point(NULL, &t, &cut) == 0 && cut == -1);
    CHECK(journal_resume_point("", &t, &cut) == 0 && cut == -1);
    CHECK(journal_resume_point("start 001 a 0\ndone 001 a 0\nstart 002 b 0\n", &t, &cut) == 1 && cut == 1);
    CHECK(journal_resume_point("start 001 a 0\ndone 001 a 0\nstart 002 b 0\ndone 002 b 5\n", &t, &cut) == 2 &&
          cut == -1);
    // a jump recorded as done, then undone because Linux could not start
    CHECK(journal_resume_point("done 001 a 0\ndone 002 b 0\ndone 003 linux 0\nfailed 003 linux 0\n", &t,
                               &cut) == 2);
    // a step that failed runs again, and was not cut off; one started again after that was
    CHECK(journal_resume_point("done 001 a 0\nstart 002 b 0\nfailed 002 b 0\n", &t, &cut) == 1 && cut == -1);
    CHECK(journal_resume_point("done 001 a 0\nstart 002 b 0\nfailed 002 b 0\nstart 002 b 0\n", &t, &cut) == 1 &&
          cut == 1);
    // a done line for another table's step, or out of order, does not count
    CHECK(journal_resume_point("done 001 other 0\n", &t, &cut) == 0);
    CHECK(journal_resume_point("done 002 b 0\n", &t, &cut) == 0);
    CHECK(journal_resume_point("done 001 a 0\ndone 009 z 0\ngarbage\n\ndone 002 b 1", &t, &cut) == 2);
    CHECK(journal_format(line, sizeof line, "done", 2, "linux", 7) == 17 && !strcmp(line, "done 003 linux 7\n"));
    CHECK(journal_log_path(line, sizeof line, 0, "a") > 0 && !strcmp(line, "/log/001-a.log"));
    return check_summary("journal_test");
}
