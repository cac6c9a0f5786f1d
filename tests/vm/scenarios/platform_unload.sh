# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 120
# The kexec and crash UNLOAD paths, driven by hvsim's simulated platform
# (on real Hyper-V the platform's kexec and crash handlers call the same
# hv_vmbus entry points). Each time hvsim must see UNLOAD and be left with
# no connection and every device idle; the crash path must find
# UNLOAD_RESPONSE by polling, with interrupts held back; afterwards the
# guest tears down without sending anything and both modules unload.

dbg=/sys/kernel/debug
h=$dbg/hvsim

# All devices idle on the host, none open or offered.
host_forgot() {
	grep -qx 0.0 $h/version &&
		! awk '$4 != "idle" { bad = 1 } END { exit !bad }' $h/devices
}

for path in kexec crash; do
	vm_check "$path-load-hv_vmbus" insmod /lib/lumen/hv_vmbus.ko
	vm_check "$path-load-hvsim" insmod /lib/lumen/hvsim.ko echo_devices=2
	vm_check "$path-connected" grep -qx 5.3 $dbg/hv_vmbus/version
	vm_log "$path: devices before: $(tr '\n' ';' < $h/devices)"
	dmesg -c > /dev/null
	vm_check "$path-runs" sh -c "echo 1 > $h/platform_$path"
	vm_log "$path: devices after: $(tr '\n' ';' < $h/devices)"
	vm_check "$path-host-forgot" host_forgot
	vm_check "$path-guest-disconnected" grep -qx 0.0 $dbg/hv_vmbus/version
	vm_check "$path-unload-answered" sh -c '! dmesg | grep -q "UNLOAD not answered"'
	[ $path = crash ] &&
		vm_check crash-unload-polled sh -c 'dmesg | grep -q "crash: UNLOAD answered (polled"'
	vm_check "$path-unload-hvsim" rmmod hvsim
	vm_check "$path-nothing-sent-after" sh -c '! dmesg | grep -q "not sent"'
	vm_check "$path-unload-hv_vmbus" rmmod hv_vmbus
done
