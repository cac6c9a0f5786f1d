# SPDX-License-Identifier: GPL-2.0
# vm-timeout: 120
# hv_vmbus tracepoints: with the lumen_vmbus events enabled, connecting to
# hvsim traces the messages posted (INITIATE_CONTACT 14, REQUESTOFFERS 3)
# and received (VERSION_RESPONSE 15, OFFERCHANNEL 1, ALLOFFERS_DELIVERED
# 4), and echo traffic traces ring writes and channel events.

tr=/sys/kernel/tracing
mount -t tracefs nodev $tr 2>/dev/null
vm_check load-hv_vmbus insmod /lib/lumen/hv_vmbus.ko
vm_check events-exist test -d $tr/events/lumen_vmbus/lumen_vmbus_msg_recv
echo 1 > $tr/events/lumen_vmbus/enable
vm_check load-hvsim insmod /lib/lumen/hvsim.ko
# The handshake's lines now: the echo suite's traffic may wrap the buffer.
cat $tr/trace > /tmp/trace-connect.txt
vm_kunit /lib/lumen/kunit/lumen_echo_test.ko
echo 0 > $tr/events/lumen_vmbus/enable
cat $tr/trace > /tmp/trace.txt
vm_log "trace lines: $(grep -c lumen_vmbus /tmp/trace.txt)"
c=/tmp/trace-connect.txt
vm_check trace-post-contact grep -q 'lumen_vmbus_msg_post: conn_id 4 type 14 size 40 ret 0' $c
vm_check trace-post-requestoffers grep -q 'lumen_vmbus_msg_post: .* type 3 .* ret 0' $c
vm_check trace-recv-version grep -q 'lumen_vmbus_msg_recv: type 15 .* err 0' $c
vm_check trace-recv-offer grep -q 'lumen_vmbus_msg_recv: type 1 size 196 err 0' $c
vm_check trace-recv-alloffers grep -q 'lumen_vmbus_msg_recv: type 4 .* err 0' $c
vm_check trace-chan-write grep -q 'lumen_vmbus_chan_write: relid [0-9]* len [0-9]* ret 0' /tmp/trace.txt
vm_check trace-chan-event grep -q 'lumen_vmbus_chan_event: relid [0-9]* scheduled 1' /tmp/trace.txt
vm_check unload-hvsim rmmod hvsim
vm_check unload-hv_vmbus rmmod hv_vmbus
