/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers the libFuzzer harnesses share, so that one run costs what the
 * code under test costs and not more:
 *
 * - A harness's model and checking code is "noinline
 *   __no_sanitize_coverage": ASan and UBSan stay on, coverage does not, so
 *   the model's loops neither trace every comparison (which cost more than
 *   the code under test) nor steer the corpus towards inputs that only
 *   exercise the model. noinline matters: inlined into an instrumented
 *   caller, the code would be instrumented after all.
 *
 * - struct fz_buf hands out a buffer of exactly the requested length from
 *   a static arena, with every other byte of the arena poisoned: ASan
 *   reports any access outside it, as for a malloc() of that length, but
 *   without malloc's cost (libFuzzer's malloc hooks, the fill of fresh
 *   chunks, page faults on large ones, the quarantine). The contents are
 *   whatever the previous run left, as uninitialised memory would be.
 */
#ifndef _LUMEN_FUZZ_UTIL_H
#define _LUMEN_FUZZ_UTIL_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sanitizer/asan_interface.h>

/* Abort, naming the invariant, unless @cond holds. */
#define FZ_CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "invariant: %s (%s:%d)\n",	\
				#cond, __FILE__, __LINE__);		\
			abort();					\
		}							\
	} while (0)

/* Poisoned bytes before every buffer (a multiple of ASan's 8). */
#define FZ_REDZONE	64

struct fz_buf {
	unsigned char *mem;
	size_t size;	/* of @mem: the largest buffer plus two redzones */
	size_t live;	/* length of the buffer handed out last */
	bool ready;	/* @mem has been poisoned once */
};

/* A static arena for buffers of up to @max bytes. */
#define FZ_BUF(name, max)						\
	static unsigned char name##_mem[(max) + 2 * FZ_REDZONE]		\
		__aligned(64);						\
	static struct fz_buf name = { name##_mem, sizeof(name##_mem), 0, false }

/*
 * A buffer of exactly @len bytes (0 is allowed: every byte poisoned). The
 * previous buffer from @b is gone: its bytes are poisoned again.
 */
static inline void *fz_buf_get(struct fz_buf *b, size_t len)
{
	unsigned char *p = b->mem + FZ_REDZONE;

	if (len > b->size - 2 * FZ_REDZONE)
		abort();
	if (!b->ready) {
		ASAN_POISON_MEMORY_REGION(b->mem, b->size);
		b->ready = true;
	} else {
		ASAN_POISON_MEMORY_REGION(p, b->live);
	}
	ASAN_UNPOISON_MEMORY_REGION(p, len);
	b->live = len;
	return p;
}

#endif /* _LUMEN_FUZZ_UTIL_H */
