// SPDX-License-Identifier: GPL-2.0
/*
 * Skeleton libFuzzer harness: GUID text parsing. Any 36-character input that
 * parses must print back to the same GUID (case-insensitively), and parsing
 * must never read past the input. The Makefile maps fuzz_one_input() to
 * libFuzzer's entry point. Harnesses for the VMBus control-message
 * and ring-packet parsers follow this shape.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/uuid.h>

static void guid_print(const guid_t *g, char out[37])
{
	snprintf(out, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 g->b[3], g->b[2], g->b[1], g->b[0], g->b[5], g->b[4],
		 g->b[7], g->b[6], g->b[8], g->b[9], g->b[10], g->b[11],
		 g->b[12], g->b[13], g->b[14], g->b[15]);
}

int fuzz_one_input(const unsigned char *data, size_t size);

int fuzz_one_input(const unsigned char *data, size_t size)
{
	char text[64], again[37];
	guid_t g, h;

	if (size >= sizeof(text))
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (guid_parse(text, &g))
		return 0;
	guid_print(&g, again);
	if (guid_parse(again, &h) || !guid_equal(&g, &h) ||
	    strcasecmp(again, text))
		abort();
	return 0;
}
