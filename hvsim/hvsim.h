/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hvsim internals shared between its files: the simulated hypervisor
 * (hv.c) and the VMBus server (server.c).
 */
#ifndef _HVSIM_H
#define _HVSIM_H

#include <linux/types.h>

/* Sender (port) id hvsim puts in the header of VMBus messages. */
#define HVSIM_MSG_PORT		0x1
/* Undelivered host-to-guest messages per vCPU before posts fail. */
#define HVSIM_MSG_QUEUE_MAX	64
/* Guest-to-host messages queued for the server before posts fail. */
#define HVSIM_INBOX_MAX		64
/*
 * Message connection id hvsim hands out from VMBus 5.0 on. The protocol
 * lets the host choose; hvsim picks one that is neither the legacy id 1
 * nor the contact id 4, so a guest that ignores the reply fails at once.
 */
#define HVSIM_MSG_CONN_ID	0x2c

int hvsim_hv_init(void);
int hvsim_hv_attach(void);
void hvsim_hv_detach(void);
void hvsim_hv_exit(void);
int hvsim_hv_post_to_guest(u32 vp, const void *payload, u32 size);
int hvsim_hv_signal_guest(u32 vp, u32 relid);

int hvsim_server_init(u32 max_version);
void hvsim_server_exit(void);
int hvsim_server_post(u32 conn_id, const void *payload, u32 size);
int hvsim_server_signal(u32 conn_id);
u32 hvsim_server_version(void);
int hvsim_server_set_max_version(u32 version);
u32 hvsim_server_max_version(void);

#endif
