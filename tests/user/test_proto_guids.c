// SPDX-License-Identifier: GPL-2.0
/*
 * Checks include/proto/guids.h against the text forms of the fact sheet
 * (section 6): every LUMEN_GUID_* macro must equal guid_parse() of its text,
 * the network GUID must have the documented wire bytes, no two macros may be
 * equal, and guid_parse() must reject malformed text.
 */
#include <stdio.h>
#include <proto/guids.h>
#include "selftest.h"

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* Records a failure of a table row under a message naming the row. */
#define GUID_ROW_EXPECT(t, ok, fmt, ...) do {				\
	char what_[160];						\
									\
	snprintf(what_, sizeof(what_), fmt, ##__VA_ARGS__);		\
	selftest_expect(t, ok, what_, __FILE__, __LINE__);		\
} while (0)

struct guid_row {
	const char *name;
	const char *text;
	guid_t guid;
};

/* Text forms copied from the fact sheet, not from the header. */
static const struct guid_row guid_rows[] = {
	{ "netvsc", "f8615163-df3e-46c5-913f-f2d2f965ed0e",
	  LUMEN_GUID_NETVSC },
	{ "scsi", "ba6163d9-04a1-4d29-b605-72e2ffb1dc7f", LUMEN_GUID_SCSI },
	{ "ide", "32412632-86cb-44a2-9b5c-50d1417354f5", LUMEN_GUID_IDE },
	{ "synth_fc", "2f9bcc4a-0069-4af3-b76b-6fd0be528cda",
	  LUMEN_GUID_SYNTH_FC },
	{ "ic_heartbeat", "57164f39-9115-4e78-ab55-382f3bd5422d",
	  LUMEN_GUID_IC_HEARTBEAT },
	{ "ic_shutdown", "0e0b6031-5213-4934-818b-38d90ced39db",
	  LUMEN_GUID_IC_SHUTDOWN },
	{ "ic_timesync", "9527e630-d0ae-497b-adce-e80ab0175caf",
	  LUMEN_GUID_IC_TIMESYNC },
	{ "ic_kvp", "a9a0f4e7-5a45-4d96-b827-8a841e8c03e6",
	  LUMEN_GUID_IC_KVP },
	{ "ic_vss", "35fa2e29-ea23-4236-96ae-3a6ebacba440",
	  LUMEN_GUID_IC_VSS },
	{ "ic_fcopy", "34d14be3-dee4-41c8-9ae7-6b174977c192",
	  LUMEN_GUID_IC_FCOPY },
	{ "balloon", "525074dc-8985-46e2-8057-a307dc18a502",
	  LUMEN_GUID_BALLOON },
	{ "keyboard", "f912ad6d-2b17-48ea-bd65-f927a61c7684",
	  LUMEN_GUID_KEYBOARD },
	{ "mouse", "cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a", LUMEN_GUID_MOUSE },
	{ "video", "da0a7802-e377-4aac-8e77-0558eb1073f8", LUMEN_GUID_VIDEO },
	{ "vpci", "44c4f61d-4444-4400-9d52-802e27ede19f", LUMEN_GUID_VPCI },
	{ "network_direct", "8c2eaf3d-32a7-4b09-ab99-bd1f1c86b501",
	  LUMEN_GUID_NETWORK_DIRECT },
	{ "avma1", "f8e65716-3cb3-4a06-9a60-1889c5cccab5", LUMEN_GUID_AVMA1 },
	{ "avma2", "3375baf4-9e15-4b30-b765-67acb10d607b", LUMEN_GUID_AVMA2 },
	{ "rdv", "276aacf4-ac15-426c-98dd-7521ad3f01fe", LUMEN_GUID_RDV },
	{ "imc", "c376c1c3-d276-48d2-90a9-c04748072c60", LUMEN_GUID_IMC },
	{ "hvsock_template", "00000000-facb-11e6-bd58-64006a7986d3",
	  LUMEN_GUID_HVSOCK_TEMPLATE },
	{ "inst_ic_heartbeat", "fd149e91-82e0-4a7d-afa6-2a4166cbd7c0",
	  LUMEN_GUID_INST_IC_HEARTBEAT },
	{ "inst_ic_shutdown", "b6650ff7-33bc-4840-8048-e0676786f393",
	  LUMEN_GUID_INST_IC_SHUTDOWN },
	{ "inst_ic_timesync", "2dd1ce17-079e-403c-b352-a1921ee207ee",
	  LUMEN_GUID_INST_IC_TIMESYNC },
	{ "inst_ic_kvp", "242ff919-07db-4180-9c2e-b86cb68c8c55",
	  LUMEN_GUID_INST_IC_KVP },
	{ "inst_ic_vss", "2450ee40-33bf-4fbd-892e-9fb06e9214cf",
	  LUMEN_GUID_INST_IC_VSS },
	{ "inst_ic_fcopy", "eb765408-105f-49b6-b4aa-c123b64d17d4",
	  LUMEN_GUID_INST_IC_FCOPY },
};

SELFTEST(guids_match_fact_sheet_text)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(guid_rows); i++) {
		const struct guid_row *row = &guid_rows[i];
		guid_t parsed;
		int ret = guid_parse(row->text, &parsed);

		GUID_ROW_EXPECT(t, ret == 0, "%s: guid_parse(\"%s\") == 0",
				row->name, row->text);
		if (ret)
			continue;
		GUID_ROW_EXPECT(t, guid_equal(&parsed, &row->guid),
				"%s: macro == \"%s\"", row->name, row->text);
	}
}

SELFTEST(guids_are_distinct)
{
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(guid_rows); i++)
		for (j = i + 1; j < ARRAY_SIZE(guid_rows); j++)
			GUID_ROW_EXPECT(t, !guid_equal(&guid_rows[i].guid,
						       &guid_rows[j].guid),
					"%s != %s", guid_rows[i].name,
					guid_rows[j].name);
}

SELFTEST(guids_netvsc_wire_bytes)
{
	static const u8 wire[16] = {
		0x63, 0x51, 0x61, 0xf8, 0x3e, 0xdf, 0xc5, 0x46,
		0x91, 0x3f, 0xf2, 0xd2, 0xf9, 0x65, 0xed, 0x0e,
	};
	guid_t g = LUMEN_GUID_NETVSC;

	ST_EXPECT_EQ(t, sizeof(g), 16);
	ST_EXPECT_MEM(t, &g, wire, sizeof(wire));
}

SELFTEST(guids_hvsock_port_service_id)
{
	guid_t g = LUMEN_GUID_HVSOCK_PORT(0x00000808);
	guid_t parsed;

	ST_EXPECT_EQ(t, guid_parse("00000808-facb-11e6-bd58-64006a7986d3",
				   &parsed), 0);
	ST_EXPECT(t, guid_equal(&g, &parsed));

	g = LUMEN_GUID_HVSOCK_PORT(0x12345678);
	ST_EXPECT_EQ(t, guid_parse("12345678-facb-11e6-bd58-64006a7986d3",
				   &parsed), 0);
	ST_EXPECT(t, guid_equal(&g, &parsed));
}

SELFTEST(guids_parse_accepts_uppercase)
{
	guid_t netvsc = LUMEN_GUID_NETVSC;
	guid_t parsed;

	ST_EXPECT_EQ(t, guid_parse("F8615163-DF3E-46C5-913F-F2D2F965ED0E",
				   &parsed), 0);
	ST_EXPECT(t, guid_equal(&parsed, &netvsc));
}

struct bad_guid_row {
	const char *name;
	const char *text;
};

/* Every row is rejected by both the kernel's guid_parse() and the shim's. */
static const struct bad_guid_row bad_guid_rows[] = {
	{ "empty", "" },
	{ "too_short", "f8615163-df3e-46c5-913f-f2d2f965ed0" },
	{ "no_hyphens", "f8615163df3e46c5913ff2d2f965ed0e" },
	{ "hyphen_missing", "f8615163-df3e-46c5-913ff2d2f965ed0e0" },
	{ "hyphen_moved", "f861516-3df3e-46c5-913f-f2d2f965ed0e" },
	{ "non_hex_digit", "f8615163-df3e-46c5-913f-f2d2f965ed0g" },
	{ "space_inside", "f8615163-df3e-46c5-913f-f2d2f965 d0e" },
	{ "braced", "{f8615163-df3e-46c5-913f-f2d2f965ed0e}" },
	{ "underscores", "f8615163_df3e_46c5_913f_f2d2f965ed0e" },
};

SELFTEST(guids_parse_rejects_malformed)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_guid_rows); i++) {
		const struct bad_guid_row *row = &bad_guid_rows[i];
		guid_t parsed;
		int ret = guid_parse(row->text, &parsed);

		GUID_ROW_EXPECT(t, ret == -EINVAL,
				"%s: guid_parse(\"%s\") == -EINVAL (got %d)",
				row->name, row->text, ret);
	}
}
