# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 240
# KVP IC end to end: hvsim offers a KVP channel and negotiates as Hyper-V;
# hv_utils passes each request to lumen-kvpd through /dev/lumen_kvp.
# Without a daemon the host gets a failure status. The host sets a key in
# the external pool and reads it back (the guest reads it too), stores and
# reads UTF-8 beyond ASCII, enumerates the auto pool (OS name, kernel
# version, FQDN), deletes, walks past the end, asks for IP information,
# injects an IP configuration (SET_IP_INFO: the daemon writes
# ifcfg-<interface> and runs the kvp-set-ifconfig hook when present,
# refuses bad input with E_INVALIDARG and an unknown adapter or a failed
# hook with E_FAIL), and sends malformed requests, which fail cleanly
# without touching the pool files. The daemon is restarted (SIGTERM, then
# SIGKILL, also while it holds a request) mid-run and nothing is lost; a
# hung daemon costs the host one failed request, not a hang.

dbg=/sys/kernel/debug
K=$dbg/hvsim/kvp
S=/tmp/kvp-state
FAIL=0x80004005

# kvp CMD...: run one hvsim KVP command and print its result.
kvp() {
	echo "$*" > $K/ctl && cat $K/ctl
}

# kvp_expect PATTERN CMD...: the result of CMD matches the grep PATTERN.
kvp_expect() {
	pat=$1
	shift
	out=$(kvp "$@") || return 1
	echo "$out" | grep -q -- "$pat" || { echo "got: $out"; return 1; }
}

stat() {
	awk -v k="$1:" '$1 == k { print $2 }' $K/stats
}

# gstat NAME: one counter of the guest's /sys/class/misc/lumen_kvp/stats.
gstat() {
	awk -v k="$1:" '$1 == k { print $2 }' /sys/class/misc/lumen_kvp/stats
}

kvpd_start() {
	lumen-kvpd -s $S 2>>/tmp/kvpd.log &
	kvpd_pid=$!
	# Ready once a request gets through to it.
	wait_for 10 kvp_expect "status=0x00000000" set guest Ready yes
}

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko echo_devices=0 devices=kvp
vm_check load-hv_utils insmod /lib/lumen/hv_utils.ko
vm_check kvp-negotiated wait_for 20 sh -c \
	"test \$(awk '\$1 == \"negotiated:\" { print \$2 }' $K/stats) -ge 1"
vm_check kvp-versions sh -c \
	"grep -qx 'framework: 3.0' $K/stats && grep -qx 'message: 4.0' $K/stats"
vm_check kvp-device test -c /dev/lumen_kvp

# No daemon: a clean failure status.
vm_check kvp-no-daemon-fails kvp_expect "status=$FAIL" get external HostKey

kvpd_start
vm_check kvp-daemon-ready test -n "$kvpd_pid"
vm_check kvp-second-open-busy sh -c '! lumen-kvpd -s /tmp/other 2>/dev/null'

# The host sets a key in the external pool and reads it back.
vm_check kvp-set-external kvp_expect "status=0x00000000" \
	set external HostKey Value from the host
vm_check kvp-get-external kvp_expect "value=Value from the host" \
	get external HostKey
vm_check kvp-guest-reads-key sh -c \
	"test \"\$(lumen-kvpd -s $S get external HostKey)\" = 'Value from the host'"
vm_check kvp-set-utf8 kvp_expect "status=0x00000000" set auto_external Ключ värde ✓
vm_check kvp-get-utf8 kvp_expect "value=värde ✓" get auto_external Ключ
vm_check kvp-guest-pool-enum kvp_expect "key=Ready value=yes" enum guest 0

# The auto pool, through the daemon.
A=/tmp/kvp-auto
kvp enum_all auto > $A
vm_log "auto pool: $(tr '\n' '|' < $A)"
vm_check kvp-auto-10-keys test "$(grep -c 'status=0x00000000' $A)" -eq 10
vm_check kvp-auto-ends sh -c "tail -n 1 $A | grep -qx status=0x80070103"
vm_check kvp-auto-fqdn grep -q \
	"^status=0x00000000 index=0 key=FullyQualifiedDomainName value=$(hostname)" $A
vm_check kvp-auto-kernel grep -q "key=OSBuildNumber value=$(uname -r)\$" $A
vm_check kvp-auto-osname grep -q "index=5 key=OSName value=." $A
vm_check kvp-auto-arch grep -q "key=ProcessorArchitecture value=$(uname -m)\$" $A

# Restart the daemon mid-run: nothing is lost.
kill $kvpd_pid
wait $kvpd_pid
vm_check kvp-stopped-daemon-fails kvp_expect "status=$FAIL" get external HostKey
kvpd_start
vm_check kvp-restart-keeps-key kvp_expect "value=Value from the host" get external HostKey
vm_check kvp-restart-keeps-utf8 kvp_expect "value=värde ✓" get auto_external Ключ
kill -9 $kvpd_pid
wait $kvpd_pid
kvpd_start
vm_check kvp-sigkill-keeps-key kvp_expect "value=Value from the host" get external HostKey

# A hung daemon: the host gets a failure after the kernel's 10 s, the
# daemon's late answer is refused, and it serves the next request.
kill -STOP $kvpd_pid
vm_check kvp-hung-daemon-fails kvp_expect "status=$FAIL" get external HostKey
kill -CONT $kvpd_pid
vm_check kvp-hung-daemon-recovers wait_for 5 kvp_expect \
	"value=Value from the host" get external HostKey
vm_check kvp-hung-daemon-counted test "$(gstat timeouts)" -eq 1

# Killed while it holds a request: the host's request fails at once and
# the restarted daemon has everything.
kill -STOP $kvpd_pid
kvp get external HostKey > /tmp/kvp-mid &
mid=$!
sleep 1
kill -9 $kvpd_pid
wait $kvpd_pid
wait $mid
vm_check kvp-killed-mid-request-fails grep -qx "status=$FAIL" /tmp/kvp-mid
vm_check kvp-killed-mid-request-counted test "$(gstat daemon_gone)" -eq 1
kvpd_start
vm_check kvp-killed-mid-request-keeps-key kvp_expect "value=Value from the host" \
	get external HostKey

# Delete, enumerate past the end.
vm_check kvp-set-second kvp_expect "status=0x00000000" set external Second 2
vm_check kvp-enum-external-1 kvp_expect "index=1 key=Second value=2" enum external 1
vm_check kvp-enum-past-end kvp_expect "status=0x80070103" enum external 2
vm_check kvp-enum-huge-index kvp_expect "status=0x80070103" enum external 4294967295
vm_check kvp-delete kvp_expect "status=0x00000000" delete external Second
vm_check kvp-deleted-gone kvp_expect "status=$FAIL" get external Second
vm_check kvp-delete-again-fails kvp_expect "status=$FAIL" delete external Second

# IP information of the loopback adapter (MAC 00:00:00:00:00:00).
ip link set lo up 2>/dev/null || ifconfig lo 127.0.0.1 up
vm_check kvp-ipinfo kvp_expect "addresses=127.0.0.1" ipinfo 00:00:00:00:00:00
vm_check kvp-ipinfo-unknown-mac kvp_expect "status=$FAIL" ipinfo 02:11:22:33:44:55

# SET_IP_INFO for the loopback adapter: the daemon checks it and writes
# $S/ifcfg-lo (temporary file + rename); no hook is installed, which is
# not an error. Bad input is refused with a distinct status, an unknown
# adapter fails, and neither touches the file.
INVAL=0x80070057
vm_check kvp-setip-static kvp_expect "status=0x00000000" \
	setip 00:00:00:00:00:00 "192.0.2.10;2001:db8::10/255.255.255.0;64" \
	192.0.2.1 "192.0.2.53;2001:db8::53" dhcp=0
vm_log "ifcfg-lo: $(tr '\n' '|' < $S/ifcfg-lo 2>&1)"
vm_check kvp-setip-ifcfg test "$(cat $S/ifcfg-lo)" = "INTERFACE=lo
ADAPTER=00:00:00:00:00:00
DHCP=no
ADDRESSES=192.0.2.10;2001:db8::10
SUBNETS=255.255.255.0;64
GATEWAYS=192.0.2.1
DNS=192.0.2.53;2001:db8::53"
vm_check kvp-setip-no-temp-left sh -c "! ls -a $S | grep -q tmp-ifcfg"
vm_check kvp-setip-by-name kvp_expect "status=0x00000000" \
	setip lo -/- - - dhcp=1
vm_check kvp-setip-dhcp grep -qx DHCP=yes $S/ifcfg-lo
cp $S/ifcfg-lo /tmp/ifcfg-lo.good
vm_check kvp-setip-bad-address kvp_expect "status=$INVAL" \
	setip 00:00:00:00:00:00 192.0.2.300/255.255.255.0 - - dhcp=0
vm_check kvp-setip-bad-mask kvp_expect "status=$INVAL" \
	setip 00:00:00:00:00:00 192.0.2.10/255.0.255.0 - - dhcp=0
vm_check kvp-setip-mask-count kvp_expect "status=$INVAL" \
	setip 00:00:00:00:00:00 "192.0.2.10;192.0.2.11/24" - - dhcp=0
vm_check kvp-setip-bad-gateway kvp_expect "status=$INVAL" \
	setip 00:00:00:00:00:00 192.0.2.10/24 gw.example - dhcp=0
vm_check kvp-setip-bad-dhcp kvp_expect "status=$INVAL" \
	setip 00:00:00:00:00:00 192.0.2.10/24 - - dhcp=7
vm_check kvp-setip-static-no-address kvp_expect "status=$INVAL" \
	setip 00:00:00:00:00:00 -/- - - dhcp=0
vm_check kvp-setip-unknown-mac kvp_expect "status=$FAIL" \
	setip 02:11:22:33:44:55 192.0.2.10/24 - - dhcp=0
vm_check kvp-setip-only-lo-file test "$(ls $S | grep ifcfg)" = ifcfg-lo
vm_check kvp-setip-refused-file-intact cmp $S/ifcfg-lo /tmp/ifcfg-lo.good
vm_check kvp-setip-non-ascii-adapter kvp_expect "status=$INVAL" \
	setip lö 192.0.2.10/24 - - dhcp=0

# The hook, when present, gets the file's path; its failure is the host's.
H=/usr/libexec/lumen/kvp-set-ifconfig
mkdir -p ${H%/*}
printf '#!/bin/sh\ncp "$1" /tmp/kvp-hook-got\n' > $H
chmod 755 $H
vm_check kvp-setip-hook-ok kvp_expect "status=0x00000000" \
	setip 00:00:00:00:00:00 192.0.2.20/24 192.0.2.1 - dhcp=0
vm_check kvp-setip-hook-got-file cmp /tmp/kvp-hook-got $S/ifcfg-lo
vm_check kvp-setip-hook-saw-config grep -qx ADDRESSES=192.0.2.20 /tmp/kvp-hook-got
printf '#!/bin/sh\nexit 3\n' > $H
vm_check kvp-setip-hook-fails kvp_expect "status=$FAIL" \
	setip 00:00:00:00:00:00 192.0.2.21/24 - - dhcp=0
rm -f $H

# Malformed requests: a failure status, the pools untouched.
for c in nonul oddsize keysize valsize valtype pool op trunc; do
	vm_check kvp-bad-$c kvp_expect "status=$FAIL" bad $c
done
vm_check kvp-bad-no-bad-replies test "$(stat bad_replies)" -eq 0
vm_check kvp-pool-intact sh -c \
	"test \"\$(lumen-kvpd -s $S get external HostKey)\" = 'Value from the host'"
vm_check kvp-pool-no-damage sh -c "! ls -a $S | grep -q bad-"
vm_check kvp-still-serving kvp_expect "value=Value from the host" get external HostKey

# A damaged pool file (not something the daemon writes: it renames whole
# files) is set aside, and the pool starts empty; the others are intact.
echo garbage > $S/pool_auto_internal
vm_check kvp-damaged-pool-empty kvp_expect "status=0x80070103" enum auto_internal 0
vm_check kvp-damaged-pool-kept test -f $S/.bad-pool_auto_internal
vm_check kvp-damaged-pool-usable kvp_expect "status=0x00000000" set auto_internal K v
vm_check kvp-other-pools-intact kvp_expect "value=Value from the host" get external HostKey

vm_log "kvp stats: $(tr '\n' ' ' < $K/stats)"
vm_log "guest kvp stats: $(tr '\n' ' ' < /sys/class/misc/lumen_kvp/stats)"
vm_check kvp-guest-no-bad-writes test "$(gstat bad_writes)" -eq 0
kill $kvpd_pid
wait $kvpd_pid
vm_check unload-hv_utils rmmod hv_utils
vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
