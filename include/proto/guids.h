/* SPDX-License-Identifier: GPL-2.0 */
/*
 * VMBus GUIDs: the device-class (interface type) GUIDs a host puts in
 * OFFERCHANNEL, the hv_sock service id template, and the fixed instance
 * GUIDs of the integration-component channels.
 *
 * Each macro expands to a guid_t value built with GUID_INIT(), whose byte
 * order is the wire order: first field u32 little-endian, next two u16
 * little-endian, last eight bytes as written. The comment above each macro
 * gives the text form.
 */
#ifndef _LUMEN_PROTO_GUIDS_H
#define _LUMEN_PROTO_GUIDS_H

#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/uuid.h>

static_assert(sizeof(guid_t) == 16);

/* ------------------------------------------------------------------------
 * Device classes: devices a Lumen guest drives
 */

/* Network (netvsc): f8615163-df3e-46c5-913f-f2d2f965ed0e */
#define LUMEN_GUID_NETVSC						\
	GUID_INIT(0xf8615163, 0xdf3e, 0x46c5, 0x91, 0x3f,		\
		  0xf2, 0xd2, 0xf9, 0x65, 0xed, 0x0e)

/* SCSI (storvsc): ba6163d9-04a1-4d29-b605-72e2ffb1dc7f */
#define LUMEN_GUID_SCSI							\
	GUID_INIT(0xba6163d9, 0x04a1, 0x4d29, 0xb6, 0x05,		\
		  0x72, 0xe2, 0xff, 0xb1, 0xdc, 0x7f)

/* IDE accelerator (storvsc, IDE path): 32412632-86cb-44a2-9b5c-50d1417354f5 */
#define LUMEN_GUID_IDE							\
	GUID_INIT(0x32412632, 0x86cb, 0x44a2, 0x9b, 0x5c,		\
		  0x50, 0xd1, 0x41, 0x73, 0x54, 0xf5)

/* Heartbeat IC: 57164f39-9115-4e78-ab55-382f3bd5422d */
#define LUMEN_GUID_IC_HEARTBEAT						\
	GUID_INIT(0x57164f39, 0x9115, 0x4e78, 0xab, 0x55,		\
		  0x38, 0x2f, 0x3b, 0xd5, 0x42, 0x2d)

/* Shutdown IC: 0e0b6031-5213-4934-818b-38d90ced39db */
#define LUMEN_GUID_IC_SHUTDOWN						\
	GUID_INIT(0x0e0b6031, 0x5213, 0x4934, 0x81, 0x8b,		\
		  0x38, 0xd9, 0x0c, 0xed, 0x39, 0xdb)

/* Time sync IC: 9527e630-d0ae-497b-adce-e80ab0175caf */
#define LUMEN_GUID_IC_TIMESYNC						\
	GUID_INIT(0x9527e630, 0xd0ae, 0x497b, 0xad, 0xce,		\
		  0xe8, 0x0a, 0xb0, 0x17, 0x5c, 0xaf)

/* KVP (data exchange) IC: a9a0f4e7-5a45-4d96-b827-8a841e8c03e6 */
#define LUMEN_GUID_IC_KVP						\
	GUID_INIT(0xa9a0f4e7, 0x5a45, 0x4d96, 0xb8, 0x27,		\
		  0x8a, 0x84, 0x1e, 0x8c, 0x03, 0xe6)

/* VSS (backup) IC: 35fa2e29-ea23-4236-96ae-3a6ebacba440 */
#define LUMEN_GUID_IC_VSS						\
	GUID_INIT(0x35fa2e29, 0xea23, 0x4236, 0x96, 0xae,		\
		  0x3a, 0x6e, 0xba, 0xcb, 0xa4, 0x40)

/*
 * File copy (fcopy, "guest service interface"):
 * 34d14be3-dee4-41c8-9ae7-6b174977c192
 */
#define LUMEN_GUID_IC_FCOPY						\
	GUID_INIT(0x34d14be3, 0xdee4, 0x41c8, 0x9a, 0xe7,		\
		  0x6b, 0x17, 0x49, 0x77, 0xc1, 0x92)

/* ------------------------------------------------------------------------
 * Device classes: other devices a host may offer. AVMA, RDV and IMC are
 * Windows-only services; Linux guests leave them unbound.
 */

/* Synthetic Fibre Channel: 2f9bcc4a-0069-4af3-b76b-6fd0be528cda */
#define LUMEN_GUID_SYNTH_FC						\
	GUID_INIT(0x2f9bcc4a, 0x0069, 0x4af3, 0xb7, 0x6b,		\
		  0x6f, 0xd0, 0xbe, 0x52, 0x8c, 0xda)

/* Dynamic memory (balloon): 525074dc-8985-46e2-8057-a307dc18a502 */
#define LUMEN_GUID_BALLOON						\
	GUID_INIT(0x525074dc, 0x8985, 0x46e2, 0x80, 0x57,		\
		  0xa3, 0x07, 0xdc, 0x18, 0xa5, 0x02)

/* Synthetic keyboard: f912ad6d-2b17-48ea-bd65-f927a61c7684 */
#define LUMEN_GUID_KEYBOARD						\
	GUID_INIT(0xf912ad6d, 0x2b17, 0x48ea, 0xbd, 0x65,		\
		  0xf9, 0x27, 0xa6, 0x1c, 0x76, 0x84)

/* Synthetic mouse (HID): cfa8b69e-5b4a-4cc0-b98b-8ba1a1f3f95a */
#define LUMEN_GUID_MOUSE						\
	GUID_INIT(0xcfa8b69e, 0x5b4a, 0x4cc0, 0xb9, 0x8b,		\
		  0x8b, 0xa1, 0xa1, 0xf3, 0xf9, 0x5a)

/* Synthetic video: da0a7802-e377-4aac-8e77-0558eb1073f8 */
#define LUMEN_GUID_VIDEO						\
	GUID_INIT(0xda0a7802, 0xe377, 0x4aac, 0x8e, 0x77,		\
		  0x05, 0x58, 0xeb, 0x10, 0x73, 0xf8)

/* PCI pass-through (vPCI): 44c4f61d-4444-4400-9d52-802e27ede19f */
#define LUMEN_GUID_VPCI							\
	GUID_INIT(0x44c4f61d, 0x4444, 0x4400, 0x9d, 0x52,		\
		  0x80, 0x2e, 0x27, 0xed, 0xe1, 0x9f)

/* NetworkDirect (RDMA): 8c2eaf3d-32a7-4b09-ab99-bd1f1c86b501 */
#define LUMEN_GUID_NETWORK_DIRECT					\
	GUID_INIT(0x8c2eaf3d, 0x32a7, 0x4b09, 0xab, 0x99,		\
		  0xbd, 0x1f, 0x1c, 0x86, 0xb5, 0x01)

/* AVMA 1 (Windows activation): f8e65716-3cb3-4a06-9a60-1889c5cccab5 */
#define LUMEN_GUID_AVMA1						\
	GUID_INIT(0xf8e65716, 0x3cb3, 0x4a06, 0x9a, 0x60,		\
		  0x18, 0x89, 0xc5, 0xcc, 0xca, 0xb5)

/* AVMA 2 (inherited activation): 3375baf4-9e15-4b30-b765-67acb10d607b */
#define LUMEN_GUID_AVMA2						\
	GUID_INIT(0x3375baf4, 0x9e15, 0x4b30, 0xb7, 0x65,		\
		  0x67, 0xac, 0xb1, 0x0d, 0x60, 0x7b)

/* Remote desktop virtualization: 276aacf4-ac15-426c-98dd-7521ad3f01fe */
#define LUMEN_GUID_RDV							\
	GUID_INIT(0x276aacf4, 0xac15, 0x426c, 0x98, 0xdd,		\
		  0x75, 0x21, 0xad, 0x3f, 0x01, 0xfe)

/* Initial machine configuration: c376c1c3-d276-48d2-90a9-c04748072c60 */
#define LUMEN_GUID_IMC							\
	GUID_INIT(0xc376c1c3, 0xd276, 0x48d2, 0x90, 0xa9,		\
		  0xc0, 0x47, 0x48, 0x07, 0x2c, 0x60)

/* ------------------------------------------------------------------------
 * hv_sock
 *
 * hv_sock channels have no class GUID of their own (they carry an offer
 * flag instead); the interface type of the offer is the service id. Linux
 * AF_VSOCK maps port P to the service id whose first field is P and whose
 * other fields are those of the template below.
 */

/*
 * Service id of AF_VSOCK port @port (a u32):
 * <port as 8 hex digits>-facb-11e6-bd58-64006a7986d3
 */
#define LUMEN_GUID_HVSOCK_PORT(port)					\
	GUID_INIT((port), 0xfacb, 0x11e6, 0xbd, 0x58,			\
		  0x64, 0x00, 0x6a, 0x79, 0x86, 0xd3)

/* Service id template: 00000000-facb-11e6-bd58-64006a7986d3 */
#define LUMEN_GUID_HVSOCK_TEMPLATE	LUMEN_GUID_HVSOCK_PORT(0)

/* ------------------------------------------------------------------------
 * Instance GUIDs of the integration-component channels
 *
 * OpenVMM offers the IC channels with these fixed instance GUIDs. The same
 * values show up in public guest logs from Hyper-V hosts, but Microsoft does
 * not document them as fixed: they are UNVERIFIED for Hyper-V. hvsim may use
 * them; a guest must match IC channels by class GUID, never by instance.
 */

/* Heartbeat IC instance: fd149e91-82e0-4a7d-afa6-2a4166cbd7c0 */
#define LUMEN_GUID_INST_IC_HEARTBEAT					\
	GUID_INIT(0xfd149e91, 0x82e0, 0x4a7d, 0xaf, 0xa6,		\
		  0x2a, 0x41, 0x66, 0xcb, 0xd7, 0xc0)

/* Shutdown IC instance: b6650ff7-33bc-4840-8048-e0676786f393 */
#define LUMEN_GUID_INST_IC_SHUTDOWN					\
	GUID_INIT(0xb6650ff7, 0x33bc, 0x4840, 0x80, 0x48,		\
		  0xe0, 0x67, 0x67, 0x86, 0xf3, 0x93)

/* Time sync IC instance: 2dd1ce17-079e-403c-b352-a1921ee207ee */
#define LUMEN_GUID_INST_IC_TIMESYNC					\
	GUID_INIT(0x2dd1ce17, 0x079e, 0x403c, 0xb3, 0x52,		\
		  0xa1, 0x92, 0x1e, 0xe2, 0x07, 0xee)

/* KVP IC instance: 242ff919-07db-4180-9c2e-b86cb68c8c55 */
#define LUMEN_GUID_INST_IC_KVP						\
	GUID_INIT(0x242ff919, 0x07db, 0x4180, 0x9c, 0x2e,		\
		  0xb8, 0x6c, 0xb6, 0x8c, 0x8c, 0x55)

/* VSS IC instance: 2450ee40-33bf-4fbd-892e-9fb06e9214cf */
#define LUMEN_GUID_INST_IC_VSS						\
	GUID_INIT(0x2450ee40, 0x33bf, 0x4fbd, 0x89, 0x2e,		\
		  0x9f, 0xb0, 0x6e, 0x92, 0x14, 0xcf)

/* File copy IC instance: eb765408-105f-49b6-b4aa-c123b64d17d4 */
#define LUMEN_GUID_INST_IC_FCOPY					\
	GUID_INIT(0xeb765408, 0x105f, 0x49b6, 0xb4, 0xaa,		\
		  0xc1, 0x23, 0xb6, 0x4d, 0x17, 0xd4)

#endif /* _LUMEN_PROTO_GUIDS_H */
