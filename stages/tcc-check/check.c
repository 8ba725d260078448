/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stages/tcc-check/check.c: run by stages/tcc-check/build.kaem, compiled by
   the chain's TinyCC.  Each check compares a computed value with a known
   one; the program prints what failed and exits 1, or prints the count and
   exits 0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checks, failures;

static void check(int ok, const char *what)
{
    checks++;
    if (!ok) {
        failures++;
        printf("tcc-check: FAILED: %s\n", what);
    }
}

struct point { int x; long long y; char tag[8]; };

static struct point moved(struct point p, int dx)
{
    p.x += dx;
    p.y *= 3;
    return p;
}

static long long fib(int n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static int by_value(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int main(void)
{
    char buf[64];
    int v[] = { 5, 3, 9, 1, 7 };
    unsigned long long u = 0xffffffffull;
    struct point p = { 1, 14, "tag" };
    char *heap;
    FILE *f;
    int i;

    check(fib(30) == 832040, "fib(30) == 832040");
    check(u * u == 0xfffffffe00000001ull, "64-bit multiply");
    check((long long)-7 / 2 == -3 && (long long)-7 % 2 == -1, "64-bit signed division");
    check(0x123456789abcdefull >> 20 == 0x123456789aull, "64-bit shift");
    p = moved(p, 41);
    check(p.x == 42 && p.y == 42 && !strcmp(p.tag, "tag"), "structures by value");
    snprintf(buf, sizeof buf, "%d %x %s %c %5d|%-3d|", -12, 255, "str", 'c', 42, 7);
    check(!strcmp(buf, "-12 ff str c    42|7  |"), "snprintf formats");
    check(strlen("seedstrap") == 9 && !strncmp("seedstrap", "seeds", 5) &&
          strchr("abc", 'c') != NULL && strstr("hex0 to tcc", "tcc") != NULL, "string functions");
    heap = malloc(100000);
    memset(heap, 'x', 100000);
    heap = realloc(heap, 200000);
    check(heap && heap[99999] == 'x', "malloc and realloc keep contents");
    free(heap);
    qsort(v, 5, sizeof v[0], by_value);
    for (i = 1; i < 5; i++)
        check(v[i - 1] <= v[i], "qsort orders");
    f = fopen("check.txt", "w");
    check(f != NULL, "fopen for writing");
    if (f) {
        fprintf(f, "line %d\n", 2);
        fclose(f);
    }
    f = fopen("check.txt", "r");
    check(f != NULL && fgets(buf, sizeof buf, f) && !strcmp(buf, "line 2\n"), "a file read back");
    if (f)
        fclose(f);
    if (failures) {
        printf("tcc-check: %d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("tcc-check: all %d checks passed\n", checks);
    return 0;
}
