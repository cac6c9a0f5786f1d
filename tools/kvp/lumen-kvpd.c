// SPDX-License-Identifier: GPL-2.0
/*
 * lumen-kvpd: the Hyper-V KVP (key-value pair exchange) daemon of Lumen.
 *
 * Serves the host's KVP requests that hv_utils passes on through
 * /dev/lumen_kvp (ABI: include/uapi/linux/lumen_kvp.h): GET, SET, DELETE
 * and ENUMERATE on the five pools, GET_IP_INFO and SET_IP_INFO. The auto
 * pool is enumerated from what the guest is (host name, OS, kernel,
 * addresses); every pool is also a file under the state directory, rewritten
 * crash-safely (temporary file, fsync, rename, fsync of the directory)
 * after every change and read again for every request, so a restart
 * loses nothing.
 *
 *   lumen-kvpd [-s DIR] [-D DEVICE]      serve the host (foreground)
 *   lumen-kvpd [-s DIR] get POOL KEY     print a key's value
 *   lumen-kvpd [-s DIR] set POOL KEY VALUE
 *   lumen-kvpd [-s DIR] delete POOL KEY
 *   lumen-kvpd [-s DIR] list POOL        print "key=value" lines
 *
 * POOL is a number 0-4 or a name: external, guest, auto, auto_external,
 * auto_internal. Logs go to stderr (the journal under systemd).
 *
 * SET_IP_INFO: the host's configuration for one adapter (found by MAC
 * address, else by interface name) is checked (addresses, netmasks or
 * prefix lengths, gateways and DNS servers must parse; DHCP 0 or 1) and
 * written crash-safely to DIR/ifcfg-<interface> as "KEY=value" lines:
 *   INTERFACE=eth0          the guest interface
 *   ADAPTER=<as sent>       the adapter MAC or id the host sent
 *   DHCP=yes|no
 *   ADDRESSES=a;b           addresses, ';' separated (may be empty)
 *   SUBNETS=m;n             one netmask or prefix length per address
 *   GATEWAYS=g              default gateways
 *   DNS=d;e                 DNS servers
 * then the hook KVPD_IP_HOOK (if present) is run with the file's path and
 * must exit 0. Invalid input is answered LUMEN_KVP_STATUS_INVALID, an
 * unknown adapter LUMEN_KVP_STATUS_NOT_FOUND, a write or hook failure
 * LUMEN_KVP_STATUS_FAIL.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/lumen_kvp.h>

#define KVPD_STATE_DIR		"/var/lib/lumen/kvp"
#define KVPD_DEVICE		"/dev/lumen_kvp"
#define KVPD_VERSION		"1.0"
/* Run after an ifcfg file is written, with its path (like hv_set_ifconfig). */
#define KVPD_IP_HOOK		"/usr/libexec/lumen/kvp-set-ifconfig"
/* Most records in one pool. */
#define KVPD_POOL_MAX		1024
/* Pool file: magic, format version, record count, checksum, records. */
#define KVPD_MAGIC		0x50564b4c	/* "LKVP" */
#define KVPD_FORMAT		1

/**
 * struct kvpd_rec - one key and its value, UTF-8, NUL terminated
 * @key: the key.
 * @value: the value.
 */
struct kvpd_rec {
	char key[LUMEN_KVP_KEY_SIZE];
	char value[LUMEN_KVP_VALUE_SIZE];
};

/**
 * struct kvpd_pool - one pool in memory
 * @count: records in use.
 * @rec: the records, in insertion order.
 */
struct kvpd_pool {
	unsigned int count;
	struct kvpd_rec rec[KVPD_POOL_MAX];
};

static const char *const kvpd_pool_names[LUMEN_KVP_POOL_COUNT] = {
	"external", "guest", "auto", "auto_external", "auto_internal",
};

static const char *kvpd_dir = KVPD_STATE_DIR;
static struct kvpd_pool kvpd_pool;
/* Set by the signal handler, read with __atomic (no volatile). */
static int kvpd_stop;

static void kvpd_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("lumen-kvpd: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* FNV-1a over the record area, to notice a damaged file. */
static unsigned int kvpd_sum(const unsigned char *p, size_t len)
{
	unsigned int h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 16777619u;
	}
	return h;
}

static void kvpd_path(char *buf, size_t len, unsigned int pool,
		      const char *suffix)
{
	snprintf(buf, len, "%s/%spool_%s", kvpd_dir, suffix,
		 kvpd_pool_names[pool]);
}

/* Serialise pool files between the daemon and the command line. */
static int kvpd_lock(void)
{
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), "%s/.lock", kvpd_dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void kvpd_unlock(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* Read (@wr false) or write all @len bytes at @buf, across EINTR; 0 or -1. */
static int kvpd_io_all(int fd, void *buf, size_t len, bool wr)
{
	unsigned char *p = buf;
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = wr ? write(fd, p + done, len - done) :
			 read(fd, p + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += n;
	}
	return 0;
}

/* Decode the record area @p (@len bytes) into @pool; 0 or -1. */
static int kvpd_decode(const unsigned char *p, size_t len, unsigned int count,
		       struct kvpd_pool *pool)
{
	unsigned int i, kl, vl;
	size_t pos = 0;

	if (count > KVPD_POOL_MAX)
		return -1;
	for (i = 0; i < count; i++) {
		if (len - pos < 8)
			return -1;
		memcpy(&kl, p + pos, 4);
		memcpy(&vl, p + pos + 4, 4);
		pos += 8;
		if (!kl || kl >= LUMEN_KVP_KEY_SIZE ||
		    vl >= LUMEN_KVP_VALUE_SIZE || len - pos < (size_t)kl + vl)
			return -1;
		memcpy(pool->rec[i].key, p + pos, kl);
		pool->rec[i].key[kl] = '\0';
		memcpy(pool->rec[i].value, p + pos + kl, vl);
		pool->rec[i].value[vl] = '\0';
		if (strlen(pool->rec[i].key) != kl ||
		    strlen(pool->rec[i].value) != vl)
			return -1;
		pos += kl + vl;
	}
	if (pos != len)
		return -1;
	pool->count = count;
	return 0;
}

/*
 * Load @pool from its file: a missing file is an empty pool; a damaged
 * one is kept aside as .bad-pool_NAME and read as empty. 0 or -1 (I/O).
 */
static int kvpd_load(unsigned int pool, struct kvpd_pool *out)
{
	char path[PATH_MAX], bad[PATH_MAX];
	unsigned int hdr[4];
	unsigned char *buf = NULL;
	struct stat st;
	size_t len;
	int fd, ok = 0;

	out->count = 0;
	kvpd_path(path, sizeof(path), pool, "");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -1;
	}
	if (st.st_size >= (off_t)sizeof(hdr) && st.st_size <= 16 << 20) {
		len = st.st_size - sizeof(hdr);
		buf = malloc(len + 1);
		if (buf && !kvpd_io_all(fd, hdr, sizeof(hdr), false) &&
		    !kvpd_io_all(fd, buf, len, false) && hdr[0] == KVPD_MAGIC &&
		    hdr[1] == KVPD_FORMAT && hdr[3] == kvpd_sum(buf, len) &&
		    !kvpd_decode(buf, len, hdr[2], out))
			ok = 1;
	}
	free(buf);
	close(fd);
	if (!ok) {
		out->count = 0;
		kvpd_path(bad, sizeof(bad), pool, ".bad-");
		kvpd_log("pool %s is damaged; kept as %s, starting empty",
			 kvpd_pool_names[pool], bad);
		rename(path, bad);
	}
	return 0;
}

/* Write @in to its file: temporary file, fsync, rename, fsync dir. */
static int kvpd_save(unsigned int pool, const struct kvpd_pool *in)
{
	char path[PATH_MAX], tmp[PATH_MAX];
	unsigned int hdr[4], i, kl, vl;
	unsigned char *buf;
	size_t len = 0;
	int fd, dfd, ret = -1;

	buf = malloc((size_t)in->count *
		     (8 + LUMEN_KVP_KEY_SIZE + LUMEN_KVP_VALUE_SIZE) + 1);
	if (!buf)
		return -1;
	for (i = 0; i < in->count; i++) {
		kl = strlen(in->rec[i].key);
		vl = strlen(in->rec[i].value);
		memcpy(buf + len, &kl, 4);
		memcpy(buf + len + 4, &vl, 4);
		memcpy(buf + len + 8, in->rec[i].key, kl);
		memcpy(buf + len + 8 + kl, in->rec[i].value, vl);
		len += 8 + kl + vl;
	}
	hdr[0] = KVPD_MAGIC;
	hdr[1] = KVPD_FORMAT;
	hdr[2] = in->count;
	hdr[3] = kvpd_sum(buf, len);
	kvpd_path(path, sizeof(path), pool, "");
	kvpd_path(tmp, sizeof(tmp), pool, ".tmp-");
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	if (kvpd_io_all(fd, hdr, sizeof(hdr), true) ||
	    kvpd_io_all(fd, buf, len, true) || fsync(fd)) {
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	if (rename(tmp, path)) {
		unlink(tmp);
		goto out;
	}
	dfd = open(kvpd_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	ret = 0;
out:
	if (ret)
		kvpd_log("cannot write pool %s: %s", kvpd_pool_names[pool],
			 strerror(errno));
	free(buf);
	return ret;
}

static int kvpd_find(const struct kvpd_pool *p, const char *key)
{
	unsigned int i;

	for (i = 0; i < p->count; i++)
		if (!strcmp(p->rec[i].key, key))
			return i;
	return -1;
}

/* Copy @s into a buffer of @cap bytes, cutting at a UTF-8 boundary. */
static void kvpd_copy(char *dst, size_t cap, const char *s)
{
	size_t n = strlen(s);

	if (n >= cap) {
		n = cap - 1;
		while (n && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* Append @s to the ';' separated list @dst (@cap bytes) if it fits. */
static void kvpd_append(char *dst, size_t cap, const char *s)
{
	size_t n = strlen(dst), m = strlen(s);

	if (n + (n ? 1 : 0) + m + 1 > cap)
		return;
	if (n)
		dst[n++] = ';';
	memcpy(dst + n, s, m + 1);
}

/* Non-loopback addresses of family @fam, ';' separated. */
static void kvpd_addresses(int fam, char *dst, size_t cap)
{
	char buf[INET6_ADDRSTRLEN];
	struct ifaddrs *ifa, *i;
	const void *a;

	dst[0] = '\0';
	if (getifaddrs(&ifa))
		return;
	for (i = ifa; i; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != fam ||
		    (i->ifa_flags & IFF_LOOPBACK))
			continue;
		if (fam == AF_INET)
			a = &((struct sockaddr_in *)i->ifa_addr)->sin_addr;
		else
			a = &((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr;
		if (inet_ntop(fam, a, buf, sizeof(buf)))
			kvpd_append(dst, cap, buf);
	}
	freeifaddrs(ifa);
}

/* A field of /etc/os-release (quotes removed), or @def. */
static void kvpd_os_release(const char *field, const char *def, char *dst,
			    size_t cap)
{
	char line[512], *v, *e;
	size_t n = strlen(field);
	FILE *f;

	kvpd_copy(dst, cap, def);
	f = fopen("/etc/os-release", "re");
	if (!f)
		f = fopen("/usr/lib/os-release", "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, field, n) || line[n] != '=')
			continue;
		v = line + n + 1;
		v[strcspn(v, "\n")] = '\0';
		if (*v == '"' || *v == '\'') {
			e = strrchr(v + 1, *v);
			if (e)
				*e = '\0';
			v++;
		}
		if (*v)
			kvpd_copy(dst, cap, v);
		break;
	}
	fclose(f);
}

/* The auto pool: what the host expects at each index. */
static const char *const kvpd_auto_keys[] = {
	"FullyQualifiedDomainName",
	"IntegrationServicesVersion",
	"NetworkAddressIPv4",
	"NetworkAddressIPv6",
	"OSBuildNumber",
	"OSName",
	"OSMajorVersion",
	"OSMinorVersion",
	"OSVersion",
	"ProcessorArchitecture",
};

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define KVPD_AUTO_COUNT	ARRAY_SIZE(kvpd_auto_keys)

/* Value of auto-pool entry @index into @dst. */
static void kvpd_auto_value(unsigned int index, char *dst, size_t cap)
{
	unsigned long major = 0, minor = 0;
	struct utsname u;
	char *end;

	dst[0] = '\0';
	if (uname(&u))
		memset(&u, 0, sizeof(u));
	switch (index) {
	case 0:
		kvpd_copy(dst, cap, u.nodename);
		if (!strchr(u.nodename, '.') && u.domainname[0] &&
		    strcmp(u.domainname, "(none)")) {
			kvpd_append(dst, cap, u.domainname);
			if (strlen(dst) > strlen(u.nodename))
				dst[strlen(u.nodename)] = '.';
		}
		break;
	case 1:
		kvpd_copy(dst, cap, KVPD_VERSION);
		break;
	case 2:
		kvpd_addresses(AF_INET, dst, cap);
		break;
	case 3:
		kvpd_addresses(AF_INET6, dst, cap);
		break;
	case 4:
		kvpd_copy(dst, cap, u.release);
		break;
	case 5:
		kvpd_os_release("NAME", "Linux", dst, cap);
		break;
	case 6:
	case 7:
		major = strtoul(u.release, &end, 10);
		if (*end == '.')
			minor = strtoul(end + 1, NULL, 10);
		snprintf(dst, cap, "%lu", index == 6 ? major : minor);
		break;
	case 8:
		kvpd_copy(dst, cap, u.release);
		dst[strcspn(dst, "-+ ")] = '\0';
		break;
	default:
		kvpd_copy(dst, cap, u.machine);
		break;
	}
}

/* Hex digits of a MAC address string, upper case, separators dropped. */
static void kvpd_mac_norm(const char *in, char *out, size_t cap)
{
	size_t n = 0;

	for (; *in && n + 1 < cap; in++)
		if (isxdigit((unsigned char)*in))
			out[n++] = toupper((unsigned char)*in);
	out[n] = '\0';
}

/* Name of the interface whose MAC is @mac; 0 or -1. */
static int kvpd_ifname(const char *mac, char *name, size_t cap)
{
	char want[64], have[64], hex[64];
	struct ifaddrs *ifa, *i;
	struct sockaddr_ll *ll;
	int j, found = -1;

	kvpd_mac_norm(mac, want, sizeof(want));
	if (!want[0] || getifaddrs(&ifa))
		return -1;
	for (i = ifa; i && found; i = i->ifa_next) {
		if (!i->ifa_addr || i->ifa_addr->sa_family != AF_PACKET)
			continue;
		ll = (struct sockaddr_ll *)i->ifa_addr;
		hex[0] = '\0';
		for (j = 0; j < ll->sll_halen && j < 8; j++)
			snprintf(hex + 2 * j, sizeof(hex) - 2 * j, "%02X",
				 ll->sll_addr[j]);
		kvpd_mac_norm(hex, have, sizeof(have));
		if (!strcmp(want, have)) {
			kvpd_copy(name, cap, i->ifa_name);
			found = 0;
		}
	}
	freeifaddrs(ifa);
	return found;
}

static int kvpd_prefix(const struct sockaddr *mask)
{
	const unsigned char *p;
	int n = 0, len, i;

	if (mask->sa_family == AF_INET) {
		p = (const unsigned char *)
			&((const struct sockaddr_in *)mask)->sin_addr;
		len = 4;
	} else {
		p = (const unsigned char *)
			&((const struct sockaddr_in6 *)mask)->sin6_addr;
		len = 16;
	}
	for (i = 0; i < len; i++)
		n += __builtin_popcount(p[i]);
	return n;
}

/* IPv4 default gateways of @ifname from /proc/net/route. */
static void kvpd_gateways(const char *ifname, char *dst, size_t cap)
{
	char line[256], name[IF_NAMESIZE + 1], buf[INET_ADDRSTRLEN];
	unsigned int dest, gw;
	struct in_addr a;
	FILE *f = fopen("/proc/net/route", "re");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%16s %x %x", name, &dest, &gw) != 3)
			continue;
		if (strcmp(name, ifname) || dest || !gw)
			continue;
		a.s_addr = gw;
		if (inet_ntop(AF_INET, &a, buf, sizeof(buf)))
			kvpd_append(dst, cap, buf);
	}
	fclose(f);
}

/* DNS servers from /etc/resolv.conf. */
static void kvpd_dns(char *dst, size_t cap)
{
	char line[256], addr[128];
	FILE *f = fopen("/etc/resolv.conf", "re");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "nameserver %127s", addr) == 1)
			kvpd_append(dst, cap, addr);
	fclose(f);
}

/* GET_IP_INFO: the configuration of the adapter named by @m->key. */
static unsigned int kvpd_ip_info(struct lumen_kvp_msg *m)
{
	struct lumen_kvp_ip *ip = &m->ip;
	char name[IF_NAMESIZE + 1], buf[INET6_ADDRSTRLEN], pfx[16];
	struct ifaddrs *ifa, *i;
	const void *a;
	int fam;

	memset(ip, 0, sizeof(*ip));
	if (kvpd_ifname(m->key, name, sizeof(name)) || getifaddrs(&ifa))
		return LUMEN_KVP_STATUS_NOT_FOUND;
	for (i = ifa; i; i = i->ifa_next) {
		if (!i->ifa_addr || strcmp(i->ifa_name, name))
			continue;
		fam = i->ifa_addr->sa_family;
		if (fam != AF_INET && fam != AF_INET6)
			continue;
		if (fam == AF_INET)
			a = &((struct sockaddr_in *)i->ifa_addr)->sin_addr;
		else
			a = &((struct sockaddr_in6 *)i->ifa_addr)->sin6_addr;
		if (!inet_ntop(fam, a, buf, sizeof(buf)))
			continue;
		kvpd_append(ip->addresses, sizeof(ip->addresses), buf);
		if (fam == AF_INET && i->ifa_netmask &&
		    inet_ntop(AF_INET,
			      &((struct sockaddr_in *)i->ifa_netmask)->sin_addr,
			      buf, sizeof(buf))) {
			kvpd_append(ip->subnets, sizeof(ip->subnets), buf);
		} else {
			snprintf(pfx, sizeof(pfx), "%d", i->ifa_netmask ?
				 kvpd_prefix(i->ifa_netmask) : 128);
			kvpd_append(ip->subnets, sizeof(ip->subnets), pfx);
		}
		ip->addr_family |= fam == AF_INET ? LUMEN_KVP_ADDR_IPV4 :
						    LUMEN_KVP_ADDR_IPV6;
	}
	freeifaddrs(ifa);
	kvpd_gateways(name, ip->gateways, sizeof(ip->gateways));
	kvpd_dns(ip->dns, sizeof(ip->dns));
	return LUMEN_KVP_STATUS_OK;
}

/* Each ';' separated item of @list parses as an address (any family). */
static int kvpd_addr_list_ok(const char *list, unsigned int *count)
{
	char item[INET6_ADDRSTRLEN + 1];
	unsigned char a[sizeof(struct in6_addr)];
	const char *p = list, *end;
	size_t n;

	*count = 0;
	while (*p) {
		end = strchrnul(p, ';');
		n = end - p;
		if (!n || n >= sizeof(item))
			return 0;
		memcpy(item, p, n);
		item[n] = '\0';
		if (inet_pton(AF_INET, item, a) != 1 &&
		    inet_pton(AF_INET6, item, a) != 1)
			return 0;
		(*count)++;
		p = *end ? end + 1 : end;
		if (!*p && *end)
			return 0;	/* trailing ';' */
	}
	return 1;
}

/* Each item of @list is a contiguous IPv4 netmask or a prefix 0-128. */
static int kvpd_subnet_list_ok(const char *list, unsigned int *count)
{
	char item[INET_ADDRSTRLEN + 1];
	const char *p = list, *end;
	struct in_addr a;
	unsigned int v;
	size_t n, i;

	*count = 0;
	while (*p) {
		end = strchrnul(p, ';');
		n = end - p;
		if (!n || n >= sizeof(item))
			return 0;
		memcpy(item, p, n);
		item[n] = '\0';
		if (inet_pton(AF_INET, item, &a) == 1) {
			v = ntohl(a.s_addr);
			if (v & (~v >> 1))
				return 0;	/* not contiguous */
		} else {
			for (i = 0; i < n; i++)
				if (!isdigit((unsigned char)item[i]))
					return 0;
			if (n > 3 || atoi(item) > 128)
				return 0;
		}
		(*count)++;
		p = *end ? end + 1 : end;
		if (!*p && *end)
			return 0;
	}
	return 1;
}

/* Run the hook on @path if it exists; 0 when absent or it exits 0. */
static int kvpd_run_hook(const char *path)
{
	int st;
	pid_t pid;

	if (access(KVPD_IP_HOOK, F_OK))
		return errno == ENOENT || errno == ENOTDIR ? 0 : -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		execl(KVPD_IP_HOOK, KVPD_IP_HOOK, path, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		kvpd_log("%s %s failed (status 0x%x)", KVPD_IP_HOOK, path, st);
		return -1;
	}
	return 0;
}

/* Write the ifcfg file of @name: temporary file, fsync, rename. */
static int kvpd_write_ifcfg(const char *name, const struct lumen_kvp_msg *m,
			    char *path, size_t cap)
{
	const struct lumen_kvp_ip *ip = &m->ip;
	char tmp[PATH_MAX];
	FILE *f;
	int fd, dfd, bad;

	snprintf(path, cap, "%s/ifcfg-%s", kvpd_dir, name);
	snprintf(tmp, sizeof(tmp), "%s/.tmp-ifcfg-%s", kvpd_dir, name);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	fprintf(f, "INTERFACE=%s\nADAPTER=%s\nDHCP=%s\n", name, m->key,
		ip->dhcp ? "yes" : "no");
	fprintf(f, "ADDRESSES=%s\nSUBNETS=%s\nGATEWAYS=%s\nDNS=%s\n",
		ip->addresses, ip->subnets, ip->gateways, ip->dns);
	bad = fflush(f) || fsync(fd);
	if (fclose(f) || bad || rename(tmp, path)) {
		unlink(tmp);
		return -1;
	}
	dfd = open(kvpd_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

/* SET_IP_INFO: check and store the configuration of adapter @m->key. */
static unsigned int kvpd_set_ip(struct lumen_kvp_msg *m)
{
	struct lumen_kvp_ip *ip = &m->ip;
	char name[IF_NAMESIZE + 1], path[PATH_MAX];
	unsigned int na, ns, n;
	const char *p;

	/* The kernel terminates the strings; do not rely on it. */
	ip->addresses[sizeof(ip->addresses) - 1] = '\0';
	ip->subnets[sizeof(ip->subnets) - 1] = '\0';
	ip->gateways[sizeof(ip->gateways) - 1] = '\0';
	ip->dns[sizeof(ip->dns) - 1] = '\0';
	/* The id goes into the file: printable ASCII only, no line breaks. */
	for (p = m->key; *p; p++)
		if (*p < 0x20 || *p > 0x7e) {
			kvpd_log("SET_IP_INFO: adapter id not printable");
			return LUMEN_KVP_STATUS_INVALID;
		}
	if (kvpd_ifname(m->key, name, sizeof(name))) {
		if (strlen(m->key) > IF_NAMESIZE - 1 || !if_nametoindex(m->key)) {
			kvpd_log("SET_IP_INFO: no adapter %s", m->key);
			return LUMEN_KVP_STATUS_NOT_FOUND;
		}
		kvpd_copy(name, sizeof(name), m->key);
	}
	if (ip->dhcp > 1 || ip->addr_family > (LUMEN_KVP_ADDR_IPV4 |
					       LUMEN_KVP_ADDR_IPV6) ||
	    !kvpd_addr_list_ok(ip->addresses, &na) ||
	    !kvpd_subnet_list_ok(ip->subnets, &ns) || na != ns ||
	    (!ip->dhcp && !na) ||
	    !kvpd_addr_list_ok(ip->gateways, &n) ||
	    !kvpd_addr_list_ok(ip->dns, &n)) {
		kvpd_log("SET_IP_INFO for %s: invalid configuration", name);
		return LUMEN_KVP_STATUS_INVALID;
	}
	if (kvpd_write_ifcfg(name, m, path, sizeof(path))) {
		kvpd_log("cannot write ifcfg-%s: %s", name, strerror(errno));
		return LUMEN_KVP_STATUS_FAIL;
	}
	if (kvpd_run_hook(path))
		return LUMEN_KVP_STATUS_FAIL;
	return LUMEN_KVP_STATUS_OK;
}

/* Answer one request in place; returns the status. */
static unsigned int kvpd_handle(struct lumen_kvp_msg *m)
{
	struct kvpd_pool *p = &kvpd_pool;
	unsigned int status = LUMEN_KVP_STATUS_OK;
	int lock, i;

	if (m->op == LUMEN_KVP_OP_GET_IP_INFO)
		return kvpd_ip_info(m);
	if (m->op == LUMEN_KVP_OP_SET_IP_INFO)
		return kvpd_set_ip(m);
	if (m->pool >= LUMEN_KVP_POOL_COUNT)
		return LUMEN_KVP_STATUS_FAIL;
	if (m->op == LUMEN_KVP_OP_ENUMERATE && m->pool == LUMEN_KVP_POOL_AUTO) {
		if (m->index >= KVPD_AUTO_COUNT)
			return LUMEN_KVP_STATUS_NOT_FOUND;
		kvpd_copy(m->key, sizeof(m->key), kvpd_auto_keys[m->index]);
		kvpd_auto_value(m->index, m->value, sizeof(m->value));
		return LUMEN_KVP_STATUS_OK;
	}
	lock = kvpd_lock();
	if (lock < 0 || kvpd_load(m->pool, p)) {
		kvpd_unlock(lock);
		return LUMEN_KVP_STATUS_FAIL;
	}
	i = m->op == LUMEN_KVP_OP_ENUMERATE ? -1 : kvpd_find(p, m->key);
	switch (m->op) {
	case LUMEN_KVP_OP_GET:
		if (i < 0)
			status = LUMEN_KVP_STATUS_NOT_FOUND;
		else
			kvpd_copy(m->value, sizeof(m->value), p->rec[i].value);
		break;
	case LUMEN_KVP_OP_SET:
		if (i < 0 && p->count == KVPD_POOL_MAX) {
			status = LUMEN_KVP_STATUS_NO_SPACE;
			break;
		}
		if (i < 0) {
			i = p->count++;
			kvpd_copy(p->rec[i].key, sizeof(p->rec[i].key), m->key);
		}
		kvpd_copy(p->rec[i].value, sizeof(p->rec[i].value), m->value);
		if (kvpd_save(m->pool, p))
			status = LUMEN_KVP_STATUS_FAIL;
		break;
	case LUMEN_KVP_OP_DELETE:
		if (i < 0) {
			status = LUMEN_KVP_STATUS_NOT_FOUND;
			break;
		}
		memmove(&p->rec[i], &p->rec[i + 1],
			(p->count - i - 1) * sizeof(p->rec[0]));
		p->count--;
		if (kvpd_save(m->pool, p))
			status = LUMEN_KVP_STATUS_FAIL;
		break;
	case LUMEN_KVP_OP_ENUMERATE:
		if (m->index >= p->count) {
			status = LUMEN_KVP_STATUS_NOT_FOUND;
			break;
		}
		kvpd_copy(m->key, sizeof(m->key), p->rec[m->index].key);
		kvpd_copy(m->value, sizeof(m->value), p->rec[m->index].value);
		break;
	default:
		status = LUMEN_KVP_STATUS_FAIL;
		break;
	}
	kvpd_unlock(lock);
	return status;
}

static int kvpd_stopping(void)
{
	return __atomic_load_n(&kvpd_stop, __ATOMIC_RELAXED);
}

static void kvpd_signal(int sig)
{
	(void)sig;
	__atomic_store_n(&kvpd_stop, 1, __ATOMIC_RELAXED);
}

static int kvpd_serve(const char *dev)
{
	static struct lumen_kvp_msg m;
	struct sigaction sa;
	unsigned int op;
	ssize_t n;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = kvpd_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* The device appears when hv_utils loads: wait for it. */
	for (;;) {
		fd = open(dev, O_RDWR | O_CLOEXEC);
		if (fd >= 0)
			break;
		if (kvpd_stopping() || (errno != ENOENT && errno != ENODEV &&
					errno != ENXIO && errno != EINTR)) {
			kvpd_log("cannot open %s: %s", dev, strerror(errno));
			return 1;
		}
		sleep(1);
	}
	kvpd_log("serving %s, pools in %s", dev, kvpd_dir);
	while (!kvpd_stopping()) {
		n = read(fd, &m, sizeof(m));
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(m)) {
			kvpd_log("read: %s", n < 0 ? strerror(errno) : "short");
			close(fd);
			return 1;
		}
		if (m.version != LUMEN_KVP_ABI_VERSION) {
			kvpd_log("kernel speaks ABI %u, not %u", m.version,
				 LUMEN_KVP_ABI_VERSION);
			close(fd);
			return 1;
		}
		op = m.op;
		m.key[sizeof(m.key) - 1] = '\0';
		m.value[sizeof(m.value) - 1] = '\0';
		m.status = kvpd_handle(&m);
		m.op = op;
		m.key_len = strlen(m.key);
		m.value_len = strlen(m.value);
		if (write(fd, &m, sizeof(m)) != (ssize_t)sizeof(m))
			kvpd_log("answer to request %u refused: %s", m.seq,
				 strerror(errno));
	}
	close(fd);
	kvpd_log("stopped");
	return 0;
}

static int kvpd_pool_arg(const char *s)
{
	unsigned int i;

	for (i = 0; i < LUMEN_KVP_POOL_COUNT; i++)
		if (!strcmp(s, kvpd_pool_names[i]) ||
		    (s[0] == '0' + (int)i && !s[1]))
			return i;
	return -1;
}

static int kvpd_usage(void)
{
	fputs("usage: lumen-kvpd [-s DIR] [-D DEVICE]\n"
	      "       lumen-kvpd [-s DIR] get|delete POOL KEY\n"
	      "       lumen-kvpd [-s DIR] set POOL KEY VALUE\n"
	      "       lumen-kvpd [-s DIR] list POOL\n", stderr);
	return 2;
}

/* The command-line operations on the pool files. */
static int kvpd_command(int argc, char **argv)
{
	static struct lumen_kvp_msg m;
	unsigned int i, st;
	int pool;

	if (argc < 2)
		return kvpd_usage();
	pool = kvpd_pool_arg(argv[1]);
	if (pool < 0)
		return kvpd_usage();
	memset(&m, 0, sizeof(m));
	m.pool = pool;
	if (!strcmp(argv[0], "list") && argc == 2) {
		m.op = LUMEN_KVP_OP_ENUMERATE;
		for (i = 0;; i++) {
			m.index = i;
			if (kvpd_handle(&m) != LUMEN_KVP_STATUS_OK)
				break;
			printf("%s=%s\n", m.key, m.value);
		}
		return 0;
	}
	if (argc < 3 || strlen(argv[2]) >= sizeof(m.key))
		return kvpd_usage();
	kvpd_copy(m.key, sizeof(m.key), argv[2]);
	if (!strcmp(argv[0], "get") && argc == 3) {
		m.op = LUMEN_KVP_OP_GET;
	} else if (!strcmp(argv[0], "delete") && argc == 3) {
		m.op = LUMEN_KVP_OP_DELETE;
	} else if (!strcmp(argv[0], "set") && argc == 4 &&
		   strlen(argv[3]) < sizeof(m.value)) {
		m.op = LUMEN_KVP_OP_SET;
		kvpd_copy(m.value, sizeof(m.value), argv[3]);
	} else {
		return kvpd_usage();
	}
	st = kvpd_handle(&m);
	if (st != LUMEN_KVP_STATUS_OK) {
		fprintf(stderr, "lumen-kvpd: %s %s: %s\n", argv[0], argv[2],
			st == LUMEN_KVP_STATUS_NOT_FOUND ? "no such key" :
			"failed");
		return 1;
	}
	if (m.op == LUMEN_KVP_OP_GET)
		printf("%s\n", m.value);
	return 0;
}

/* mkdir -p @dir (mode 0700 for what it creates); 0 or -1. */
static int kvpd_mkdirs(const char *dir)
{
	char path[PATH_MAX];
	size_t i;

	if (snprintf(path, sizeof(path), "%s", dir) >= (int)sizeof(path))
		return -1;
	for (i = 1; path[i]; i++) {
		if (path[i] != '/')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0755) && errno != EEXIST)
			return -1;
		path[i] = '/';
	}
	if (mkdir(path, 0700) && errno != EEXIST)
		return -1;
	return 0;
}

int main(int argc, char **argv)
{
	const char *dev = KVPD_DEVICE;
	int c;

	while ((c = getopt(argc, argv, "+s:D:h")) != -1) {
		switch (c) {
		case 's':
			kvpd_dir = optarg;
			break;
		case 'D':
			dev = optarg;
			break;
		default:
			return kvpd_usage();
		}
	}
	if (kvpd_mkdirs(kvpd_dir)) {
		kvpd_log("cannot create %s: %s", kvpd_dir, strerror(errno));
		return 1;
	}
	if (optind < argc)
		return kvpd_command(argc - optind, argv + optind);
	return kvpd_serve(dev);
}
