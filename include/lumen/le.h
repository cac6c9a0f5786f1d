/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lumen: little-endian loads and stores at any byte offset. The wire
 * parsers and builders read fields out of private byte copies of host
 * packets, where a field need not be aligned; these go through memcpy(),
 * which the compiler turns into plain loads. Pure: used by the modules,
 * hvsim, KUnit and the userspace tests alike.
 */
#ifndef _LUMEN_LE_H
#define _LUMEN_LE_H

#include <linux/string.h>
#include <linux/types.h>
#include <asm/byteorder.h>

/**
 * lumen_get_le16() - Load a little-endian u16 from any address.
 * @p: the first byte.
 *
 * Return: the value in CPU order.
 */
static inline u16 lumen_get_le16(const void *p)
{
	__le16 v;

	memcpy(&v, p, sizeof(v));
	return le16_to_cpu(v);
}

/**
 * lumen_get_le32() - Load a little-endian u32 from any address.
 * @p: the first byte.
 *
 * Return: the value in CPU order.
 */
static inline u32 lumen_get_le32(const void *p)
{
	__le32 v;

	memcpy(&v, p, sizeof(v));
	return le32_to_cpu(v);
}

/**
 * lumen_get_le64() - Load a little-endian u64 from any address.
 * @p: the first byte.
 *
 * Return: the value in CPU order.
 */
static inline u64 lumen_get_le64(const void *p)
{
	__le64 v;

	memcpy(&v, p, sizeof(v));
	return le64_to_cpu(v);
}

/**
 * lumen_put_le16() - Store a u16 little-endian at any address.
 * @p: the first byte.
 * @val: the value.
 */
static inline void lumen_put_le16(void *p, u16 val)
{
	__le16 v = cpu_to_le16(val);

	memcpy(p, &v, sizeof(v));
}

/**
 * lumen_put_le32() - Store a u32 little-endian at any address.
 * @p: the first byte.
 * @val: the value.
 */
static inline void lumen_put_le32(void *p, u32 val)
{
	__le32 v = cpu_to_le32(val);

	memcpy(p, &v, sizeof(v));
}

/**
 * lumen_put_le64() - Store a u64 little-endian at any address.
 * @p: the first byte.
 * @val: the value.
 */
static inline void lumen_put_le64(void *p, u64 val)
{
	__le64 v = cpu_to_le64(val);

	memcpy(p, &v, sizeof(v));
}

#endif /* _LUMEN_LE_H */
