/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hv_vmbus tracepoints (trace system "lumen_vmbus"): channel messages in
 * and out of the connection, packets written to a channel's ring, and the
 * signals and events of each channel. Enable them with
 *   echo 1 > /sys/kernel/tracing/events/lumen_vmbus/enable
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM lumen_vmbus

#if !defined(_LUMEN_VMBUS_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _LUMEN_VMBUS_TRACE_H

#include <linux/tracepoint.h>

TRACE_EVENT(lumen_vmbus_msg_recv,
	    TP_PROTO(u32 type, u32 size, int err),
	    TP_ARGS(type, size, err),
	    TP_STRUCT__entry(__field(u32, type)
			     __field(u32, size)
			     __field(int, err)),
	    TP_fast_assign(__entry->type = type;
			   __entry->size = size;
			   __entry->err = err;),
	    TP_printk("type %u size %u err %d",
		      __entry->type, __entry->size, __entry->err)
);

TRACE_EVENT(lumen_vmbus_msg_post,
	    TP_PROTO(u32 conn_id, u32 type, u32 size, int ret),
	    TP_ARGS(conn_id, type, size, ret),
	    TP_STRUCT__entry(__field(u32, conn_id)
			     __field(u32, type)
			     __field(u32, size)
			     __field(int, ret)),
	    TP_fast_assign(__entry->conn_id = conn_id;
			   __entry->type = type;
			   __entry->size = size;
			   __entry->ret = ret;),
	    TP_printk("conn_id %u type %u size %u ret %d",
		      __entry->conn_id, __entry->type,
		      __entry->size, __entry->ret)
);

TRACE_EVENT(lumen_vmbus_chan_write,
	    TP_PROTO(u32 relid, u32 len, int ret, bool signal),
	    TP_ARGS(relid, len, ret, signal),
	    TP_STRUCT__entry(__field(u32, relid)
			     __field(u32, len)
			     __field(int, ret)
			     __field(bool, signal)),
	    TP_fast_assign(__entry->relid = relid;
			   __entry->len = len;
			   __entry->ret = ret;
			   __entry->signal = signal;),
	    TP_printk("relid %u len %u ret %d signal %d",
		      __entry->relid, __entry->len,
		      __entry->ret, __entry->signal)
);

TRACE_EVENT(lumen_vmbus_chan_event,
	    TP_PROTO(u32 relid, bool scheduled),
	    TP_ARGS(relid, scheduled),
	    TP_STRUCT__entry(__field(u32, relid)
			     __field(bool, scheduled)),
	    TP_fast_assign(__entry->relid = relid;
			   __entry->scheduled = scheduled;),
	    TP_printk("relid %u scheduled %d",
		      __entry->relid, __entry->scheduled)
);

#endif /* _LUMEN_VMBUS_TRACE_H */

/* Out of tree: the header is found next to this file. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
