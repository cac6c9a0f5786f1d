// SPDX-License-Identifier: GPL-2.0
/*
 * Runs every registered userspace test case. Each case prints "ok" or
 * "not ok" in TAP form; the last line is the "N passed, N failed" summary
 * that make check and CI read. Exits 1 when any case failed.
 *
 *   lumen-selftest [SUBSTRING]   run only the cases whose name matches
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "selftest.h"

static struct selftest *selftest_head;

void selftest_register(struct selftest *t)
{
	struct selftest **pos = &selftest_head;

	/* Keep name order so runs are stable across link orders. */
	while (*pos && strcmp((*pos)->name, t->name) < 0)
		pos = &(*pos)->next;
	t->next = *pos;
	*pos = t;
}

void selftest_expect(struct selftest *t, int ok, const char *what,
		     const char *file, int line)
{
	if (ok)
		return;
	t->failures++;
	fprintf(stderr, "  %s:%d: %s: expected %s\n", file, line, t->name, what);
}

void selftest_expect_eq(struct selftest *t, unsigned long long a,
			unsigned long long b, const char *what,
			const char *file, int line)
{
	if (a == b)
		return;
	t->failures++;
	fprintf(stderr, "  %s:%d: %s: %s: 0x%llx != 0x%llx\n", file, line,
		t->name, what, a, b);
}

void selftest_expect_mem(struct selftest *t, const void *a, const void *b,
			 size_t n, const char *what, const char *file, int line)
{
	if (!memcmp(a, b, n))
		return;
	t->failures++;
	fprintf(stderr, "  %s:%d: %s: %s differ in %zu bytes\n", file, line,
		t->name, what, n);
}

int main(int argc, char **argv)
{
	const char *filter = argc > 1 ? argv[1] : NULL;
	unsigned int passed = 0, failed = 0, n = 0;
	struct selftest *t;

	for (t = selftest_head; t; t = t->next)
		if (!filter || strstr(t->name, filter))
			n++;
	printf("TAP version 13\n1..%u\n", n);
	n = 0;
	for (t = selftest_head; t; t = t->next) {
		if (filter && !strstr(t->name, filter))
			continue;
		t->fn(t);
		n++;
		if (t->failures) {
			failed++;
			printf("not ok %u %s\n", n, t->name);
		} else {
			passed++;
			printf("ok %u %s\n", n, t->name);
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
