# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 120
# Shutdown IC end to end; ends the VM, so it runs last in its own boot.
# hvsim offers a shutdown channel and negotiates. Requests the guest cannot
# carry out (unknown flags; hibernation, which the test kernel lacks) are
# answered with HV_E_FAIL and change nothing. Then hvsim asks for a power
# off: hv_utils answers HV_S_OK and calls orderly_poweroff(), which runs
# /sbin/poweroff; busybox poweroff signals init (SIGUSR2), and init ends
# the run in order after this scenario (tests/vm/init.sh). The runner
# checks that init got the signal (collect.py, "orderly-poweroff").
#
# /sbin/poweroff here is busybox's, wrapped to leave a mark when the
# kernel runs it and when it has signalled init.

dbg=/sys/kernel/debug
sd=$dbg/hvsim/shutdown
mark=/tmp/orderly-poweroff

stat() {
	awk -v k="$1:" '$1 == k { print $2 }' $sd/stats
}

stat_is() {
	test "$(stat "$1")" = "$2"
}

cat > /sbin/poweroff <<'WRAP'
#!/bin/sh
echo "$@" > /tmp/orderly-poweroff.ran
/bin/busybox poweroff "$@"
echo $? > /tmp/orderly-poweroff.done
WRAP
chmod 755 /sbin/poweroff

vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check load-hvsim insmod /lib/lumen/hvsim.ko echo_devices=0 devices=shutdown
vm_check load-hv_utils insmod /lib/lumen/hv_utils.ko
vm_check shutdown-negotiated wait_for 20 stat_is negotiated 1
vm_check shutdown-version-3.2 grep -qx 'message: 3.2' $sd/stats

vm_check unknown-flags-sent sh -c "echo flags 8 > $sd/request"
vm_check unknown-flags-refused wait_for 20 sh -c \
	"grep -qx 'answered: 1' $sd/stats && grep -qx 'last_status: 0x80004005' $sd/stats"
vm_check hibernate-sent sh -c "echo hibernate > $sd/request"
vm_check hibernate-refused wait_for 20 sh -c \
	"grep -qx 'answered: 2' $sd/stats && grep -qx 'last_status: 0x80004005' $sd/stats"
sleep 1
vm_check refusals-did-nothing test ! -e $mark.ran

echo "EXPECT-ORDERLY-POWEROFF" >&3
vm_check poweroff-sent sh -c "echo shutdown > $sd/request"
vm_check poweroff-accepted wait_for 20 sh -c \
	"grep -qx 'answered: 3' $sd/stats && grep -qx 'last_status: 0x00000000' $sd/stats"
vm_check orderly-poweroff-ran wait_for 30 test -e $mark.ran
vm_check poweroff-signalled-init wait_for 30 test -e $mark.done
vm_check busybox-poweroff-ok test "$(cat $mark.done)" = 0
vm_check shutdown-no-bad-replies stat_is bad_replies 0
vm_log "shutdown stats: $(tr '\n' ' ' < $sd/stats)"
