/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv_vmbus internals shared between its files. Not an API: drivers see
 * include/lumen/ only.
 */
#ifndef _VMBUS_CORE_H
#define _VMBUS_CORE_H

#include <linux/types.h>

struct lumen_transport_ops;
struct dentry;
struct vmbus_waiter;

/* transport_hyperv.c */
int vmbus_hyperv_attach(void);
void vmbus_hyperv_detach(void);

/* The CPU whose SynIC receives the connection's messages. */
#define VMBUS_CONNECT_CPU	0

/* synic.c */
typedef void (*vmbus_synic_msg_fn)(const void *payload, u32 size, int err);
int vmbus_synic_start(const struct lumen_transport_ops *ops,
		      vmbus_synic_msg_fn msg);
void vmbus_synic_set_legacy(unsigned long *bits);
void vmbus_synic_stop(const struct lumen_transport_ops *ops);
bool vmbus_synic_poll_msg(const struct lumen_transport_ops *ops, u32 msg_type);

/* connection.c */
int vmbus_conn_connect(const struct lumen_transport_ops *ops);
void vmbus_conn_disconnect(const struct lumen_transport_ops *ops);
void vmbus_conn_unload_kexec(const struct lumen_transport_ops *ops);
void vmbus_conn_unload_crash(const struct lumen_transport_ops *ops);
void vmbus_conn_count_bad(int err);
int vmbus_conn_post_msg(const void *msg, u32 size);
u32 vmbus_conn_version(void);
int vmbus_conn_request(struct vmbus_waiter *w, const void *msg, u32 size);
void vmbus_conn_legacy_send_int(u32 relid);
void vmbus_conn_monitor_signal(u8 monitor_id);
int vmbus_conn_init(struct dentry *debugfs);
void vmbus_conn_exit(void);

#endif
