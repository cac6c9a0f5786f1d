/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ring buffer's case tables, shared by the KUnit suite (ring_test.c)
 * and the userspace tests (tests/user/test_ring.c), which include it after
 * lib/ring.c. Each row has a name and the exact result expected.
 */
#ifndef _LUMEN_TESTS_RING_CASES_H
#define _LUMEN_TESTS_RING_CASES_H

/**
 * struct ring_t_pend - one pending_send_sz decision
 * @name: row name.
 * @feat: feature bits on the ring.
 * @p: pending_send_sz.
 * @f: free bytes after the commit.
 * @b: bytes consumed in the committed batch.
 * @signal: expected decision.
 */
struct ring_t_pend {
	const char *name;
	u32 feat;
	u32 p, f, b;
	bool signal;
};

#define RING_T_FEAT VMBUS_RING_FEAT_PENDING_SEND_SZ

static const struct ring_t_pend ring_t_pend_cases[] = {
	{ "no_waiter",			RING_T_FEAT, 0, 1000, 504, false },
	{ "feature_bit_clear",		0, 100, 1000, 952, false },
	{ "other_feature_bits_only",	0xfffffffe, 100, 1000, 952, false },
	{ "was_short_now_enough",	RING_T_FEAT, 200, 400, 304, true },
	{ "was_exactly_p_now_enough",	RING_T_FEAT, 200, 400, 200, true },
	{ "was_already_enough",		RING_T_FEAT, 200, 400, 192, false },
	{ "now_exactly_p_not_enough",	RING_T_FEAT, 400, 400, 304, false },
	{ "now_one_byte_over",		RING_T_FEAT, 399, 400, 304, true },
	{ "still_short",		RING_T_FEAT, 800, 400, 304, false },
	{ "nothing_consumed",		RING_T_FEAT, 200, 400, 0, false },
	{ "whole_ring_freed",		RING_T_FEAT, 100, 4096, 4000, true },
	{ "more_than_ring",		RING_T_FEAT, 0xffffffff, 4096, 4000, false },
};

/**
 * struct ring_t_peek - one malformed (or edge) ring state for the consumer
 * @name: row name.
 * @wr: published write index.
 * @off8: descriptor offset8 at index 0.
 * @len8: descriptor len8 at index 0.
 * @buflen: consumer's buffer size.
 * @err: expected return of lumen_ring_peek().
 */
struct ring_t_peek {
	const char *name;
	u32 wr;
	u16 off8, len8;
	u32 buflen;
	int err;
};

static const struct ring_t_peek ring_t_peek_cases[] = {
	{ "write_index_unaligned",	12, 2, 2, 256, -ERANGE },
	{ "write_index_at_size",	256, 2, 2, 256, -ERANGE },
	{ "write_index_huge",		0xfffffff8, 2, 2, 256, -ERANGE },
	{ "write_index_all_ones",	0xffffffff, 2, 2, 256, -ERANGE },
	{ "empty",			0, 2, 2, 256, -ENODATA },
	{ "partial_8_bytes",		8, 2, 2, 256, -EPROTO },
	{ "partial_16_bytes",		16, 2, 2, 256, -EPROTO },
	{ "len8_zero",			64, 2, 0, 256, -EPROTO },
	{ "len8_one",			64, 1, 1, 256, -EPROTO },
	{ "offset8_zero",		64, 0, 4, 256, -EPROTO },
	{ "offset8_one",		64, 1, 4, 256, -EPROTO },
	{ "offset8_past_len8",		64, 5, 4, 256, -EPROTO },
	{ "offset8_max",		64, 0xffff, 4, 256, -EPROTO },
	{ "trailer_past_published",	56, 2, 7, 256, -EPROTO },
	{ "packet_past_published",	64, 2, 9, 256, -EPROTO },
	{ "len8_max",			248, 2, 0xffff, 256, -EPROTO },
	{ "buffer_below_descriptor",	64, 2, 4, 15, -EMSGSIZE },
	{ "buffer_below_packet",	64, 2, 4, 31, -EMSGSIZE },
	{ "buffer_zero",		64, 2, 4, 0, -EMSGSIZE },
	{ "exact_fit",			40, 2, 4, 32, 0 },
	{ "empty_payload",		24, 2, 2, 16, 0 },
	{ "offset8_equals_len8",	40, 4, 4, 32, 0 },
};

/**
 * struct ring_t_write - one refused (or edge) lumen_ring_write()
 * @name: row name.
 * @rd: published read index (the write index is 0).
 * @len0: length of the first piece.
 * @len1: length of the second piece.
 * @nbufs: number of pieces passed.
 * @err: expected return.
 */
struct ring_t_write {
	const char *name;
	u32 rd;
	u32 len0, len1;
	unsigned int nbufs;
	int err;
};

static const struct ring_t_write ring_t_write_cases[] = {
	{ "read_index_unaligned",	4, 16, 0, 1, -ERANGE },
	{ "read_index_at_size",		256, 16, 0, 1, -ERANGE },
	{ "read_index_all_ones",	0xffffffff, 16, 0, 1, -ERANGE },
	{ "no_pieces",			0, 16, 0, 0, -EINVAL },
	{ "shorter_than_descriptor",	0, 15, 0, 1, -EINVAL },
	{ "packet_is_ring",		0, 16, 240, 2, -EMSGSIZE },
	{ "packet_plus_trailer_is_ring", 0, 16, 232, 2, -EMSGSIZE },
	{ "padding_makes_it_ring",	0, 16, 225, 2, -EMSGSIZE },
	{ "length_sum_overflows",	0, 0x80000000, 0x80000000, 2, -EMSGSIZE },
	{ "free_equals_packet",		24, 16, 0, 1, -EAGAIN },
	{ "free_below_packet",		16, 16, 0, 1, -EAGAIN },
	{ "largest_fits_empty",		0, 16, 224, 2, 0 },
	{ "free_one_slot_over",		32, 16, 0, 1, 0 },
};

#endif
