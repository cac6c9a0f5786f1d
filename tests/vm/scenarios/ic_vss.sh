# SPDX-License-Identifier: GPL-2.0
# vm-tools: mkfs.ext4
# vm-timeout: 240
# VSS IC end to end on an ext4 file system on a brd RAM disk: hvsim offers
# a VSS channel and negotiates as Hyper-V; hv_utils passes FREEZE and THAW
# to lumen-vssd through /dev/lumen_vss. The host's freeze blocks a write
# to the file system and its thaw releases it. Nothing stays frozen: when
# the daemon is killed mid-freeze the kernel thaws at once; when it hangs
# (SIGSTOP) and no thaw comes, the kernel's freeze timeout thaws. Without a
# daemon a freeze fails cleanly; malformed requests get a failure status.

dbg=/sys/kernel/debug
V=$dbg/hvsim/vss
M=/mnt/vss
OK=0x00000000
FAIL=0x80004005

# vss CMD: run one hvsim VSS command and print its result.
vss() {
	echo "$1" > $V/ctl && cat $V/ctl
}

# vss_expect PATTERN CMD: the result of CMD matches the grep PATTERN.
vss_expect() {
	out=$(vss "$2") || return 1
	echo "$out" | grep -q -- "$1" || { echo "got: $out"; return 1; }
}

# gstat NAME: one counter of the guest's /sys/class/misc/lumen_vss/stats.
gstat() {
	awk -v k="$1:" '$1 == k { print $2 }' /sys/class/misc/lumen_vss/stats
}

vssd_start() {
	lumen-vssd -e 2>>/tmp/vssd.log &
	vssd_pid=$!
	wait_for 10 vss_expect "status=$OK flags=0x5" check
}

# writer N: start a background write of "dataN" to fN; $wpid is it.
writer() {
	sh -c "echo data$1 > $M/f$1" &
	wpid=$!
}

# blocked N: writer N has not written (open blocks on a frozen file system).
blocked() {
	kill -0 $wpid 2>/dev/null && ! test -e $M/f$1
}

# written N: writer N's data is in place.
written() {
	test "$(cat $M/f$1 2>/dev/null)" = "data$1"
}

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko echo_devices=0 devices=vss
vm_check load-hv_utils insmod /lib/lumen/hv_utils.ko vss_freeze_timeout=5
vm_check vss-negotiated wait_for 20 sh -c \
	"test \$(awk '\$1 == \"negotiated:\" { print \$2 }' $V/stats) -ge 1"
vm_check vss-versions sh -c \
	"grep -qx 'framework: 3.0' $V/stats && grep -qx 'message: 5.0' $V/stats"
vm_check vss-device test -c /dev/lumen_vss

vm_check vss-mkfs mkfs.ext4 -q -F /dev/ram0
mkdir -p $M
vm_check vss-mount mount -t ext4 /dev/ram0 $M

# No daemon: a freeze fails, nothing frozen.
vm_check vss-no-daemon-check-fails vss_expect "status=$FAIL" check
vm_check vss-no-daemon-freeze-fails vss_expect "status=$FAIL" freeze
vm_check vss-no-daemon-writable sh -c "echo x > $M/before"

vssd_start
vm_check vss-daemon-ready test -n "$vssd_pid"
vm_check vss-dminfo vss_expect "status=$OK flags=0x0" dminfo

# Freeze blocks a write; thaw releases it.
vm_check vss-freeze vss_expect "status=$OK" freeze
writer 1
sleep 1
vm_check vss-write-blocked blocked 1
vm_check vss-thaw vss_expect "status=$OK" thaw
vm_check vss-write-released wait_for 10 written 1
wait $wpid

# The daemon killed mid-freeze: the kernel thaws at once.
vm_check vss-freeze-2 vss_expect "status=$OK" freeze
writer 2
sleep 1
vm_check vss-write-blocked-2 blocked 2
kill -9 $vssd_pid
wait $vssd_pid
vm_check vss-kill-thaws wait_for 3 written 2
wait $wpid
vm_check vss-kill-kernel-thawed test "$(gstat kernel_thaws)" -eq 1
vm_check vss-thaw-without-daemon vss_expect "status=$OK" thaw

# A hung daemon and a lost thaw: the freeze timeout (5 s) thaws.
vssd_start
vm_check vss-freeze-3 vss_expect "status=$OK" freeze
kill -STOP $vssd_pid
writer 3
sleep 1
vm_check vss-write-blocked-3 blocked 3
vm_check vss-timeout-thaws wait_for 10 written 3
wait $wpid
vm_check vss-timeout-counted sh -c \
	"test $(gstat expired) -eq 1 && test $(gstat kernel_thaws) -eq 2"
kill -CONT $vssd_pid
vm_check vss-late-thaw-ok vss_expect "status=$OK" thaw

# Malformed and unsupported requests.
vm_check vss-bad-trunc vss_expect "status=$FAIL" "bad trunc"
vm_check vss-bad-op vss_expect "status=$FAIL" "op 42"
vm_check vss-create-not-supported vss_expect "status=0x80070032" "op 0"
vm_check vss-writable-after sh -c "echo y > $M/after && sync"
vm_check vss-no-bad-replies sh -c \
	"test \$(awk '\$1 == \"bad_replies:\" { print \$2 }' $V/stats) -eq 0"

vm_log "vss stats: $(tr '\n' ' ' < $V/stats)"
vm_log "guest vss stats: $(tr '\n' ' ' < /sys/class/misc/lumen_vss/stats)"
vm_log "vssd: $(tr '\n' '|' < /tmp/vssd.log)"
kill $vssd_pid
wait $vssd_pid
vm_check vss-umount umount $M
vm_check unload-hv_utils rmmod hv_utils
vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
