/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The GPADL message builder's and assembler's case tables, shared by the
 * KUnit suite (gpadl_msg_test.c) and the userspace tests
 * (tests/user/test_gpadl_msg.c), which include it after lib/gpadl_msg.c.
 * Each row has a name and the exact errno expected.
 */
#ifndef _LUMEN_TESTS_GPADL_CASES_H
#define _LUMEN_TESTS_GPADL_CASES_H

#define GT_PAGE		4096u
#define GT_MAX		VMBUS_MSG_GPADL_MAX_PFNS	/* 8190 */
#define GT_HDR_PFNS	VMBUS_MSG_GPADL_HEADER_MAX_PFNS	/* 26 */
#define GT_BODY_PFNS	VMBUS_MSG_GPADL_BODY_MAX_PFNS	/* 28 */
#define GT_HANDLE	0x000e1e10u
#define GT_RELID	0x2au
#define GT_BUF		256	/* room for the oversize rows (> 240) */
#define GT_FILL		0xa5

/**
 * struct gt_build_case - a descriptor vmbus_gpadl_msg_build() refuses
 * @name: row name shown in the KTAP output.
 * @npfn: PFN count.
 * @off: byte offset.
 * @count: byte count.
 * @index: message index.
 * @buflen: buffer length passed.
 * @err: errno expected.
 */
struct gt_build_case {
	const char *name;
	u32 npfn;
	u32 off;
	u32 count;
	u32 index;
	size_t buflen;
	int err;
};

static const struct gt_build_case gt_build_cases[] = {
	{ "zero_pfns", 0, 0, 0, 0, GT_BUF, -EINVAL },
	{ "zero_pfns_with_bytes", 0, 0, GT_PAGE, 0, GT_BUF, -EINVAL },
	{ "8191_pfns", 8191, 0, 8191 * GT_PAGE, 0, GT_BUF, -EMSGSIZE },
	{ "u32_max_pfns", 0xffffffffu, 0, 0xffffffffu, 0, GT_BUF, -EMSGSIZE },
	{ "offset_4096", 1, 4096, 1, 0, GT_BUF, -ERANGE },
	{ "offset_u32_max", 1, 0xffffffffu, 1, 0, GT_BUF, -ERANGE },
	{ "offset_4096_span_matches", 2, 4096, 1, 0, GT_BUF, -ERANGE },
	{ "count_zero", 1, 0, 0, 0, GT_BUF, -ERANGE },
	{ "count_one_page_short", 2, 0, GT_PAGE, 0, GT_BUF, -ERANGE },
	{ "count_one_byte_long", 1, 0, GT_PAGE + 1, 0, GT_BUF, -ERANGE },
	{ "offset_spills_into_next_page", 1, 1, GT_PAGE, 0, GT_BUF, -ERANGE },
	{ "count_u32_max", GT_MAX, 4095, 0xffffffffu, 0, GT_BUF, -ERANGE },
	{ "index_1_header_only", 26, 0, 26 * GT_PAGE, 1, GT_BUF, -ERANGE },
	{ "index_past_last_body", 27, 0, 27 * GT_PAGE, 2, GT_BUF, -ERANGE },
	{ "index_u32_max", GT_MAX, 0, GT_MAX * GT_PAGE, 0xffffffffu, GT_BUF,
	  -ERANGE },
	{ "buflen_zero", 1, 0, GT_PAGE, 0, 0, -EMSGSIZE },
	{ "buflen_header_one_pfn_short", 26, 0, 26 * GT_PAGE, 0, 28 + 25 * 8,
	  -EMSGSIZE },
	{ "buflen_header_fixed_part_short", 1, 0, GT_PAGE, 0, 27, -EMSGSIZE },
	{ "buflen_body_one_pfn_short", 54, 0, 54 * GT_PAGE, 1, 16 + 27 * 8,
	  -EMSGSIZE },
	{ "buflen_last_body_short", 55, 0, 55 * GT_PAGE, 2, 16 + 1 * 8 - 1,
	  -EMSGSIZE },
};

/**
 * struct gt_header_case - a GPADL_HEADER vmbus_gpadl_asm_start() refuses
 * @name: row name shown in the KTAP output.
 * @type: message type written.
 * @rbuflen: range buffer length written.
 * @rcount: range count written.
 * @count: byte count written.
 * @off: byte offset written.
 * @n: PFNs carried in the message.
 * @adj: added to the message length 28 + 8 * @n.
 * @cap: PFN array capacity passed.
 * @err: errno expected.
 */
struct gt_header_case {
	const char *name;
	u32 type;
	u16 rbuflen;
	u16 rcount;
	u32 count;
	u32 off;
	u32 n;		/* PFNs in the message */
	int adj;	/* added to the message length */
	u32 cap;
	int err;
};

static const struct gt_header_case gt_header_cases[] = {
	{ "empty_message", VMBUS_MSG_GPADL_HEADER, 16, 1, GT_PAGE, 0, 0, -28,
	  GT_MAX, -EPROTO },
	{ "truncated_header", VMBUS_MSG_GPADL_HEADER, 16, 1, GT_PAGE, 0, 0, -1,
	  GT_MAX, -EPROTO },
	{ "truncated_pfn", VMBUS_MSG_GPADL_HEADER, 16, 1, GT_PAGE, 0, 1, -4,
	  GT_MAX, -EPROTO },
	{ "pfn_area_not_multiple_of_8", VMBUS_MSG_GPADL_HEADER, 24, 1,
	  2 * GT_PAGE, 0, 1, 1, GT_MAX, -EPROTO },
	{ "longer_than_240", VMBUS_MSG_GPADL_HEADER, 488, 1, 60 * GT_PAGE, 0,
	  26, 8, GT_MAX, -EMSGSIZE },
	{ "type_gpadl_body", VMBUS_MSG_GPADL_BODY, 16, 1, GT_PAGE, 0, 1, 0,
	  GT_MAX, -EBADRQC },
	{ "type_invalid", VMBUS_MSG_INVALID, 16, 1, GT_PAGE, 0, 1, 0, GT_MAX,
	  -EBADRQC },
	{ "range_count_0", VMBUS_MSG_GPADL_HEADER, 16, 0, GT_PAGE, 0, 1, 0,
	  GT_MAX, -EPROTONOSUPPORT },
	{ "range_count_2", VMBUS_MSG_GPADL_HEADER, 32, 2, GT_PAGE, 0, 2, 0,
	  GT_MAX, -EPROTONOSUPPORT },
	{ "range_count_u16_max", VMBUS_MSG_GPADL_HEADER, 16, 0xffff, GT_PAGE, 0,
	  1, 0, GT_MAX, -EPROTONOSUPPORT },
	{ "rangebuflen_0", VMBUS_MSG_GPADL_HEADER, 0, 1, GT_PAGE, 0, 0, 0,
	  GT_MAX, -EPROTO },
	{ "rangebuflen_8_no_pfn", VMBUS_MSG_GPADL_HEADER, 8, 1, 0, 0, 0, 0,
	  GT_MAX, -EPROTO },
	{ "rangebuflen_15", VMBUS_MSG_GPADL_HEADER, 15, 1, GT_PAGE, 0, 0, 0,
	  GT_MAX, -EPROTO },
	{ "rangebuflen_20_not_multiple_of_8", VMBUS_MSG_GPADL_HEADER, 20, 1,
	  GT_PAGE, 0, 1, 0, GT_MAX, -EPROTO },
	{ "rangebuflen_u16_max", VMBUS_MSG_GPADL_HEADER, 0xffff, 1,
	  GT_MAX * GT_PAGE, 0, 26, 0, GT_MAX, -EPROTO },
	{ "offset_4096", VMBUS_MSG_GPADL_HEADER, 16, 1, 1, 4096, 1, 0, GT_MAX,
	  -ERANGE },
	{ "offset_u32_max", VMBUS_MSG_GPADL_HEADER, 16, 1, 1, 0xffffffffu, 1, 0,
	  GT_MAX, -ERANGE },
	{ "offset_4096_span_matches", VMBUS_MSG_GPADL_HEADER, 24, 1, 1, 4096, 2,
	  0, GT_MAX, -ERANGE },
	{ "byte_count_zero", VMBUS_MSG_GPADL_HEADER, 16, 1, 0, 0, 1, 0, GT_MAX,
	  -EPROTO },
	{ "byte_count_one_page_short", VMBUS_MSG_GPADL_HEADER, 24, 1, GT_PAGE,
	  0, 2, 0, GT_MAX, -EPROTO },
	{ "byte_count_one_byte_long", VMBUS_MSG_GPADL_HEADER, 16, 1,
	  GT_PAGE + 1, 0, 1, 0, GT_MAX, -EPROTO },
	{ "offset_spills_into_next_page", VMBUS_MSG_GPADL_HEADER, 16, 1,
	  GT_PAGE, 1, 1, 0, GT_MAX, -EPROTO },
	{ "byte_count_u32_max", VMBUS_MSG_GPADL_HEADER, 0xfff8, 1, 0xffffffffu,
	  4095, 26, 0, GT_MAX, -EPROTO },
	{ "more_pfns_than_declared", VMBUS_MSG_GPADL_HEADER, 16, 1, GT_PAGE, 0,
	  2, 0, GT_MAX, -EPROTO },
	{ "full_header_declares_25", VMBUS_MSG_GPADL_HEADER, 208, 1,
	  25 * GT_PAGE, 0, 26, 0, GT_MAX, -EPROTO },
	{ "capacity_one_short", VMBUS_MSG_GPADL_HEADER, 0xfff8, 1,
	  GT_MAX * GT_PAGE, 0, 26, 0, GT_MAX - 1, -EMSGSIZE },
	{ "capacity_zero", VMBUS_MSG_GPADL_HEADER, 16, 1, GT_PAGE, 0, 1, 0, 0,
	  -EMSGSIZE },
};

/**
 * struct gt_body_case - a GPADL_BODY vmbus_gpadl_asm_add_body() refuses
 * @name: row name shown in the KTAP output.
 * @type: message type written.
 * @handle: GPADL handle written.
 * @n: PFNs carried in the message.
 * @adj: added to the message length 16 + 8 * @n.
 * @err: errno expected.
 *
 * Each body follows a 30-PFN header that carried 26 PFNs (4 missing).
 */
struct gt_body_case {
	const char *name;
	u32 type;
	u32 handle;
	u32 n;
	int adj;
	int err;
};

static const struct gt_body_case gt_body_cases[] = {
	{ "empty_message", VMBUS_MSG_GPADL_BODY, GT_HANDLE, 0, -16, -EPROTO },
	{ "truncated_header", VMBUS_MSG_GPADL_BODY, GT_HANDLE, 0, -1, -EPROTO },
	{ "zero_pfns", VMBUS_MSG_GPADL_BODY, GT_HANDLE, 0, 0, -EPROTO },
	{ "length_not_multiple_of_8", VMBUS_MSG_GPADL_BODY, GT_HANDLE, 1, 3,
	  -EPROTO },
	{ "truncated_pfn", VMBUS_MSG_GPADL_BODY, GT_HANDLE, 1, -1, -EPROTO },
	{ "longer_than_240", VMBUS_MSG_GPADL_BODY, GT_HANDLE, 28, 8, -EMSGSIZE },
	{ "type_gpadl_header", VMBUS_MSG_GPADL_HEADER, GT_HANDLE, 1, 0,
	  -EBADRQC },
	{ "wrong_handle", VMBUS_MSG_GPADL_BODY, GT_HANDLE + 1, 1, 0, -EINVAL },
	{ "handle_zero", VMBUS_MSG_GPADL_BODY, 0, 1, 0, -EINVAL },
	{ "overflows_remaining_by_1", VMBUS_MSG_GPADL_BODY, GT_HANDLE, 5, 0,
	  -EMSGSIZE },
	{ "overflows_remaining_full_body", VMBUS_MSG_GPADL_BODY, GT_HANDLE, 28,
	  0, -EMSGSIZE },
};

#endif
