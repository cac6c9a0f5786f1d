// SPDX-License-Identifier: GPL-2.0
/*
 * lumen-vssd: the Hyper-V VSS (backup) daemon of Lumen.
 *
 * On the host's FREEZE, passed on by hv_utils through /dev/lumen_vss
 * (ABI: include/uapi/linux/lumen_vss.h), it freezes every writable file
 * system on a block device with FIFREEZE; on THAW it thaws them with
 * FITHAW, in reverse order. Before each FIFREEZE it hands the kernel the
 * descriptor (LUMEN_VSS_IOC_HOLD), so that the kernel thaws by itself if
 * this daemon dies, hangs or never sees the THAW.
 *
 * It never writes to a file system: it is locked in memory, and it logs
 * to the journal's datagram socket (/run/systemd/journal/socket) or, when
 * there is no journal, into a ring in memory. -e also copies every line
 * to stderr: only for tests whose stderr is not on a file system that
 * gets frozen.
 *
 *   lumen-vssd [-e] [-D DEVICE]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <linux/lumen_vss.h>

#define VSSD_DEVICE		"/dev/lumen_vss"
#define VSSD_JOURNAL		"/run/systemd/journal/socket"
#define VSSD_LOG_LINES		64
#define VSSD_LOG_LEN		256

static int vssd_journal = -1;
static int vssd_stderr;
static char vssd_ring[VSSD_LOG_LINES][VSSD_LOG_LEN];
static unsigned int vssd_ring_next;
/* Set by the signal handler, read with __atomic (no volatile). */
static int vssd_stop;

/* The descriptors of the file systems frozen now, in freeze order. */
static int vssd_fds[LUMEN_VSS_HOLD_MAX];
static unsigned int vssd_nfds;

static void vssd_log(int prio, const char *fmt, ...)
{
	char msg[VSSD_LOG_LEN], rec[VSSD_LOG_LEN + 96];
	va_list ap;
	int n;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (vssd_journal >= 0) {
		n = snprintf(rec, sizeof(rec),
			     "MESSAGE=%s\nPRIORITY=%d\nSYSLOG_IDENTIFIER=lumen-vssd\n",
			     msg, prio);
		if (n > 0 && (size_t)n < sizeof(rec))
			send(vssd_journal, rec, n, MSG_DONTWAIT);
	} else {
		memcpy(vssd_ring[vssd_ring_next], msg, sizeof(msg));
		vssd_ring_next = (vssd_ring_next + 1) % VSSD_LOG_LINES;
	}
	if (vssd_stderr)
		fprintf(stderr, "lumen-vssd: %s\n", msg);
}

static void vssd_log_open(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	memcpy(sa.sun_path, VSSD_JOURNAL, sizeof(VSSD_JOURNAL));
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		close(fd);
		return;
	}
	vssd_journal = fd;
}

/* Undo an octal escape of /proc/self/mounts (\040 for a space) in place. */
static void vssd_unescape(char *s)
{
	char *d = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d++ = (s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0');
			s += 4;
		} else {
			*d++ = *s++;
		}
	}
	*d = '\0';
}

static void vssd_thaw_all(void)
{
	while (vssd_nfds) {
		int fd = vssd_fds[--vssd_nfds];

		if (ioctl(fd, FITHAW, 0) && errno != EINVAL)
			vssd_log(3, "FITHAW: %s", strerror(errno));
		close(fd);
	}
}

/* Whether a file system of device @dev was already frozen by us. */
static int vssd_have(dev_t dev)
{
	struct stat st;
	unsigned int i;

	for (i = 0; i < vssd_nfds; i++)
		if (!fstat(vssd_fds[i], &st) && st.st_dev == dev)
			return 1;
	return 0;
}

/* Freeze one mount point; 0, 1 (skipped) or -1. */
static int vssd_freeze_one(int dev, const char *dir)
{
	struct stat st;
	int fd;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		vssd_log(4, "skipping %s: %s", dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 1;
	}
	if (vssd_have(st.st_dev)) {
		close(fd);
		return 1;
	}
	if (vssd_nfds == LUMEN_VSS_HOLD_MAX) {
		vssd_log(3, "too many file systems at %s", dir);
		close(fd);
		return -1;
	}
	/* The kernel holds it first, so it can thaw whatever happens next. */
	if (ioctl(dev, LUMEN_VSS_IOC_HOLD, fd)) {
		vssd_log(3, "hold %s: %s", dir, strerror(errno));
		close(fd);
		return -1;
	}
	if (ioctl(fd, FIFREEZE, 0)) {
		if (errno == EOPNOTSUPP) {
			close(fd);
			return 1;
		}
		vssd_log(3, "FIFREEZE %s: %s", dir, strerror(errno));
		close(fd);
		return -1;
	}
	vssd_fds[vssd_nfds++] = fd;
	vssd_log(6, "froze %s", dir);
	return 0;
}

/* Freeze every writable block-device file system; 0 or -1. */
static int vssd_freeze(int dev)
{
	char line[4096], src[PATH_MAX], dir[PATH_MAX], type[64], opts[1024];
	FILE *f;
	int ret = 0;

	/*
	 * Descriptors left from a freeze that no THAW ended (the kernel may
	 * have thawed on its own): let them go, then freeze afresh.
	 */
	vssd_thaw_all();
	f = fopen("/proc/self/mounts", "re");
	if (!f) {
		vssd_log(3, "/proc/self/mounts: %s", strerror(errno));
		return -1;
	}
	while (!ret && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%4095s %4095s %63s %1023s", src, dir, type,
			   opts) != 4)
			continue;
		if (strncmp(src, "/dev/", 5) || !strncmp(opts, "ro", 2))
			continue;
		vssd_unescape(dir);
		if (vssd_freeze_one(dev, dir) < 0)
			ret = -1;
	}
	fclose(f);
	if (ret)
		vssd_thaw_all();
	return ret;
}

static int vssd_stopping(void)
{
	return __atomic_load_n(&vssd_stop, __ATOMIC_RELAXED);
}

static void vssd_signal(int sig)
{
	(void)sig;
	__atomic_store_n(&vssd_stop, 1, __ATOMIC_RELAXED);
}

static int vssd_serve(const char *path)
{
	struct lumen_vss_msg m;
	struct sigaction sa;
	ssize_t n;
	int dev;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = vssd_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (;;) {
		dev = open(path, O_RDWR | O_CLOEXEC);
		if (dev >= 0)
			break;
		if (vssd_stopping() || (errno != ENOENT && errno != ENODEV &&
					errno != ENXIO && errno != EINTR)) {
			vssd_log(3, "cannot open %s: %s", path,
				 strerror(errno));
			return 1;
		}
		sleep(1);
	}
	vssd_log(6, "serving %s", path);
	while (!vssd_stopping()) {
		n = read(dev, &m, sizeof(m));
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(m) ||
		    m.version != LUMEN_VSS_ABI_VERSION) {
			vssd_log(3, "read: %s", n < 0 ? strerror(errno) :
				 "bad message");
			break;
		}
		if (m.op == LUMEN_VSS_OP_FREEZE) {
			vssd_log(6, "freeze (kernel thaws after %u s)",
				 m.timeout_s);
			m.status = vssd_freeze(dev) ? LUMEN_VSS_STATUS_FAIL :
						      LUMEN_VSS_STATUS_OK;
		} else if (m.op == LUMEN_VSS_OP_THAW) {
			vssd_thaw_all();
			vssd_log(6, "thawed");
			m.status = LUMEN_VSS_STATUS_OK;
		} else {
			m.status = LUMEN_VSS_STATUS_FAIL;
		}
		if (write(dev, &m, sizeof(m)) != (ssize_t)sizeof(m))
			vssd_log(3, "answer to request %u refused: %s", m.seq,
				 strerror(errno));
	}
	vssd_thaw_all();
	close(dev);
	vssd_log(6, "stopped");
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = VSSD_DEVICE;
	int c;

	while ((c = getopt(argc, argv, "eD:h")) != -1) {
		switch (c) {
		case 'e':
			vssd_stderr = 1;
			break;
		case 'D':
			path = optarg;
			break;
		default:
			fputs("usage: lumen-vssd [-e] [-D DEVICE]\n", stderr);
			return 2;
		}
	}
	vssd_log_open();
	/* Never page anything in from a file system we froze. */
	if (mlockall(MCL_CURRENT | MCL_FUTURE))
		vssd_log(4, "mlockall: %s", strerror(errno));
	return vssd_serve(path);
}
