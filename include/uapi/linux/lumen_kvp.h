/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Lumen KVP: the message ABI of /dev/lumen_kvp between hv_utils and the
 * KVP daemon (lumen-kvpd). Documented in
 * Documentation/ABI/testing/dev-lumen_kvp.
 *
 * One daemon opens the device (a second open fails with EBUSY). It read()s
 * one &struct lumen_kvp_msg per host request (read() blocks, or fails with
 * EAGAIN under O_NONBLOCK; poll() reports POLLIN while a request waits),
 * handles it and write()s the same structure back with &lumen_kvp_msg.seq
 * unchanged, &lumen_kvp_msg.status set and, for GET, ENUMERATE and
 * GET_IP_INFO, the answer filled in. SET_IP_INFO hands the daemon the
 * configuration to apply in &lumen_kvp_msg.ip; it answers only a status.
 * Every read() and write() moves exactly sizeof(struct lumen_kvp_msg)
 * bytes. Strings are UTF-8 and NUL terminated inside their arrays; the
 * *_len fields count bytes without the NUL.
 */
#ifndef _UAPI_LINUX_LUMEN_KVP_H
#define _UAPI_LINUX_LUMEN_KVP_H

#include <linux/types.h>

#define LUMEN_KVP_ABI_VERSION	1

/* Operations (&lumen_kvp_msg.op): the Hyper-V KVP operation numbers. */
#define LUMEN_KVP_OP_GET		0
#define LUMEN_KVP_OP_SET		1
#define LUMEN_KVP_OP_DELETE		2
#define LUMEN_KVP_OP_ENUMERATE		3
#define LUMEN_KVP_OP_GET_IP_INFO	4
#define LUMEN_KVP_OP_SET_IP_INFO	5

/* Pools (&lumen_kvp_msg.pool): the Hyper-V pool numbers. */
#define LUMEN_KVP_POOL_EXTERNAL		0
#define LUMEN_KVP_POOL_GUEST		1
#define LUMEN_KVP_POOL_AUTO		2
#define LUMEN_KVP_POOL_AUTO_EXTERNAL	3
#define LUMEN_KVP_POOL_AUTO_INTERNAL	4
#define LUMEN_KVP_POOL_COUNT		5

/* Daemon answers (&lumen_kvp_msg.status). */
#define LUMEN_KVP_STATUS_OK		0	/* done */
#define LUMEN_KVP_STATUS_FAIL		1	/* failed (I/O, bad request) */
#define LUMEN_KVP_STATUS_NOT_FOUND	2	/* no such key or index */
#define LUMEN_KVP_STATUS_NO_SPACE	3	/* pool full */
#define LUMEN_KVP_STATUS_INVALID	4	/* malformed request contents */

/*
 * Array sizes, bytes including the NUL. A Hyper-V key holds at most 255
 * UTF-16 units and a value 1023, each up to 3 UTF-8 bytes.
 */
#define LUMEN_KVP_KEY_SIZE	768
#define LUMEN_KVP_VALUE_SIZE	3072
#define LUMEN_KVP_ADAPTER_SIZE	384
#define LUMEN_KVP_IP_LIST_SIZE	3072
#define LUMEN_KVP_GW_LIST_SIZE	1536

/* IP address families (&lumen_kvp_ip.addr_family). */
#define LUMEN_KVP_ADDR_IPV4	0x01
#define LUMEN_KVP_ADDR_IPV6	0x02

/**
 * struct lumen_kvp_ip - IP configuration of one adapter (GET/SET_IP_INFO)
 * @addr_family: %LUMEN_KVP_ADDR_* bits present in the answer.
 * @dhcp: 1 when the adapter is configured by DHCP.
 * @reserved: zero.
 * @addresses: addresses, ';' separated.
 * @subnets: IPv4 netmasks or IPv6 prefix lengths, ';' separated, one per
 *	address.
 * @gateways: default gateways, ';' separated.
 * @dns: DNS servers, ';' separated.
 *
 * GET_IP_INFO: the kernel fills nothing here; the daemon answers in it.
 * SET_IP_INFO: the kernel fills it with the host's configuration (every
 * string NUL terminated within its array, converted from UTF-16 and
 * otherwise unchecked); the daemon validates it. The adapter is named by
 * &lumen_kvp_msg.key (its MAC address, or adapter id, as the host wrote
 * it).
 */
struct lumen_kvp_ip {
	__u8 addr_family;
	__u8 dhcp;
	__u8 reserved[2];
	char addresses[LUMEN_KVP_IP_LIST_SIZE];
	char subnets[LUMEN_KVP_IP_LIST_SIZE];
	char gateways[LUMEN_KVP_GW_LIST_SIZE];
	char dns[LUMEN_KVP_IP_LIST_SIZE];
};

/**
 * struct lumen_kvp_msg - one request (kernel to daemon) or answer
 * @version: %LUMEN_KVP_ABI_VERSION; the kernel refuses other values.
 * @seq: request number chosen by the kernel; the answer repeats it.
 * @op: one of %LUMEN_KVP_OP_*.
 * @pool: one of %LUMEN_KVP_POOL_*.
 * @status: answer: one of %LUMEN_KVP_STATUS_*; 0 in requests.
 * @index: ENUMERATE: position asked for, from 0.
 * @key_len: bytes in @key before its NUL.
 * @value_len: bytes in @value before its NUL.
 * @key: GET, SET, DELETE: the key; ENUMERATE: the answer's key;
 *	GET_IP_INFO, SET_IP_INFO: the adapter's MAC address or id.
 * @value: SET: the value (integers converted to decimal); GET and
 *	ENUMERATE: the answer's value.
 * @ip: GET_IP_INFO answer; SET_IP_INFO request.
 */
struct lumen_kvp_msg {
	__u32 version;
	__u32 seq;
	__u32 op;
	__u32 pool;
	__u32 status;
	__u32 index;
	__u32 key_len;
	__u32 value_len;
	char key[LUMEN_KVP_KEY_SIZE];
	char value[LUMEN_KVP_VALUE_SIZE];
	struct lumen_kvp_ip ip;
};

#endif /* _UAPI_LINUX_LUMEN_KVP_H */
