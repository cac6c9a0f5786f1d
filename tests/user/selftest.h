/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A very small userspace test framework for the wire headers and the pure
 * parsers. A test file declares cases with SELFTEST(name) { ... } and checks
 * with ST_EXPECT*(). Cases register themselves at start-up; main.c runs them
 * all and prints "N passed, N failed".
 */
#ifndef _LUMEN_SELFTEST_H
#define _LUMEN_SELFTEST_H

#include <stddef.h>

struct selftest {
	const char *name;
	void (*fn)(struct selftest *t);
	int failures;
	struct selftest *next;
};

void selftest_register(struct selftest *t);
void selftest_expect(struct selftest *t, int ok, const char *what,
		     const char *file, int line);
void selftest_expect_eq(struct selftest *t, unsigned long long a,
			unsigned long long b, const char *what,
			const char *file, int line);
void selftest_expect_mem(struct selftest *t, const void *a, const void *b,
			 size_t n, const char *what, const char *file, int line);

#define SELFTEST(id)							\
	static void selftest_fn_##id(struct selftest *t);		\
	static struct selftest selftest_##id = {			\
		.name = #id, .fn = selftest_fn_##id,			\
	};								\
	__attribute__((constructor)) static void selftest_reg_##id(void) \
	{								\
		selftest_register(&selftest_##id);			\
	}								\
	static void selftest_fn_##id(struct selftest *t)

#define ST_EXPECT(t, cond)						\
	selftest_expect(t, !!(cond), #cond, __FILE__, __LINE__)

#define ST_EXPECT_EQ(t, a, b)						\
	selftest_expect_eq(t, (unsigned long long)(a),			\
			   (unsigned long long)(b), #a " == " #b,	\
			   __FILE__, __LINE__)

#define ST_EXPECT_MEM(t, a, b, n)					\
	selftest_expect_mem(t, a, b, n, #a " vs " #b, __FILE__, __LINE__)

#endif
