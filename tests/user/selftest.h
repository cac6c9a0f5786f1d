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
#include <linux/types.h>

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

/*
 * Byte-image writers for decode tests: store @v little-endian at @off,
 * independent of the structs under test.
 */
static inline void put16(u8 *buf, size_t off, u16 v)
{
	buf[off] = v & 0xff;
	buf[off + 1] = v >> 8;
}

static inline void put32(u8 *buf, size_t off, u32 v)
{
	put16(buf, off, v & 0xffff);
	put16(buf, off + 2, v >> 16);
}

static inline void put64(u8 *buf, size_t off, u64 v)
{
	put32(buf, off, v & 0xffffffff);
	put32(buf, off + 4, v >> 32);
}

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
