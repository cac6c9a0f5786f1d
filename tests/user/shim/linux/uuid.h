/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace stand-in for <linux/uuid.h>: guid_t, GUID_INIT (same wire byte
 * order as the kernel's: first three fields little-endian), guid_equal()
 * and guid_parse() for the text form "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".
 */
#ifndef _LUMEN_SHIM_LINUX_UUID_H
#define _LUMEN_SHIM_LINUX_UUID_H

#include <errno.h>
#include <string.h>
#include <linux/types.h>

typedef struct {
	__u8 b[16];
} guid_t;

#define GUID_INIT(a, b, c, d0, d1, d2, d3, d4, d5, d6, d7)		\
((guid_t)								\
{{ (a) & 0xff, ((a) >> 8) & 0xff, ((a) >> 16) & 0xff, ((a) >> 24) & 0xff, \
   (b) & 0xff, ((b) >> 8) & 0xff,					\
   (c) & 0xff, ((c) >> 8) & 0xff,					\
   (d0), (d1), (d2), (d3), (d4), (d5), (d6), (d7) }})

static inline bool guid_equal(const guid_t *a, const guid_t *b)
{
	return memcmp(a, b, sizeof(guid_t)) == 0;
}

static inline int shim_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Same contract as the kernel's guid_parse(): 36 chars, 0 or -EINVAL. */
static inline int guid_parse(const char *s, guid_t *g)
{
	/* Text position of each wire byte (kernel's guid_index order). */
	static const u8 wire_pos[16] = { 6, 4, 2, 0, 11, 9, 16, 14,
					 19, 21, 24, 26, 28, 30, 32, 34 };
	int i;

	if (strlen(s) != 36 || s[8] != '-' || s[13] != '-' ||
	    s[18] != '-' || s[23] != '-')
		return -EINVAL;
	for (i = 0; i < 16; i++) {
		int hi = shim_hex(s[wire_pos[i]]);
		int lo = shim_hex(s[wire_pos[i] + 1]);

		if (hi < 0 || lo < 0)
			return -EINVAL;
		g->b[i] = (u8)(hi << 4 | lo);
	}
	return 0;
}

#endif
