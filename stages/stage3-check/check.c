/* SPDX-License-Identifier: GPL-3.0-or-later */
/* stages/stage3-check/check.c: a program make builds with TinyCC against
 * musl at the end of stage 3.  It computes answers known from elsewhere (CRC-32 of "123456789"
 * is cbf43926, the check value of the CRC-32 standard; 20! and a 64-bit
 * division; formatted output; a child process's exit status through a pipe)
 * and prints one line when all are right, exiting 1 otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("wrong: %s\n", what);
		failures++;
	}
}

static unsigned long crc32(const char *s)
{
	unsigned long c = 0xffffffff;
	int k;

	for (; *s; s++) {
		c ^= (unsigned char)*s;
		for (k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320 : c >> 1;
	}
	return c ^ 0xffffffff;
}

int main(void)
{
	unsigned long long f = 1;
	char buf[64];
	int fds[2], status, i;
	pid_t pid;

	check(crc32("123456789") == 0xcbf43926, "crc32");
	for (i = 2; i <= 20; i++)
		f *= i;
	check(f == 2432902008176640000ULL, "20!");
	check(f / 1000000007ULL == 2432901991ULL, "64-bit division");
	snprintf(buf, sizeof buf, "%5d|%-4s|%x", 42, "ab", 255);
	check(strcmp(buf, "   42|ab  |ff") == 0, "snprintf");
	check(pipe(fds) == 0, "pipe");
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		write(fds[1], "child", 5);
		_exit(7);
	}
	close(fds[1]);
	memset(buf, 0, sizeof buf);
	check(read(fds[0], buf, sizeof buf) == 5 && strcmp(buf, "child") == 0, "read from a child");
	check(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "the child's exit status");
	if (failures)
		return 1;
	printf("stage3-check: all answers right\n");
	return 0;
}
