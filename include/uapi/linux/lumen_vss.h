/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Lumen VSS: the message ABI of /dev/lumen_vss between hv_utils and the
 * VSS daemon (lumen-vssd). Documented in
 * Documentation/ABI/testing/dev-lumen_vss.
 *
 * One daemon opens the device (a second open fails with EBUSY). It read()s
 * one &struct lumen_vss_msg per request (FREEZE or THAW), acts on it and
 * write()s the structure back with &lumen_vss_msg.seq unchanged and
 * &lumen_vss_msg.status set. Before it freezes a file system it hands the
 * kernel an open descriptor of it with %LUMEN_VSS_IOC_HOLD: the kernel
 * keeps that file and thaws its file system itself when the freeze times
 * out, when the daemon closes the device or dies, or when the host's THAW
 * cannot be delivered. A THAW answered with %LUMEN_VSS_STATUS_OK drops
 * the held files.
 */
#ifndef _UAPI_LINUX_LUMEN_VSS_H
#define _UAPI_LINUX_LUMEN_VSS_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define LUMEN_VSS_ABI_VERSION	1

/* Operations (&lumen_vss_msg.op). */
#define LUMEN_VSS_OP_FREEZE	1
#define LUMEN_VSS_OP_THAW	2

/* Daemon answers (&lumen_vss_msg.status). */
#define LUMEN_VSS_STATUS_OK	0
#define LUMEN_VSS_STATUS_FAIL	1

/* Most file systems held at once (%LUMEN_VSS_IOC_HOLD). */
#define LUMEN_VSS_HOLD_MAX	64

/**
 * struct lumen_vss_msg - one request (kernel to daemon) or answer
 * @version: %LUMEN_VSS_ABI_VERSION; the kernel refuses other values.
 * @seq: request number chosen by the kernel; the answer repeats it.
 * @op: one of %LUMEN_VSS_OP_*.
 * @status: answer: one of %LUMEN_VSS_STATUS_*; 0 in requests.
 * @timeout_s: FREEZE: seconds after which the kernel thaws by itself.
 * @reserved: zero.
 */
struct lumen_vss_msg {
	__u32 version;
	__u32 seq;
	__u32 op;
	__u32 status;
	__u32 timeout_s;
	__u32 reserved[3];
};

/*
 * Hold the file system of the open descriptor passed as the argument (an
 * int, by value): the kernel thaws it if the freeze is not ended by a
 * successful THAW answer. Call it before FIFREEZE. Fails with EBUSY
 * beyond %LUMEN_VSS_HOLD_MAX, EBADF for a bad descriptor and EINVAL
 * outside a FREEZE request.
 */
#define LUMEN_VSS_IOC_HOLD	_IO('L', 0x51)

#endif /* _UAPI_LINUX_LUMEN_VSS_H */
