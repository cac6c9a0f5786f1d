# SPDX-License-Identifier: GPL-2.0
#
# Lumen: Hyper-V guest enlightenments as out-of-tree modules.
#
#   make [modules]     build every module against KDIR
#   make check         userspace tests, distro build gate, checkpatch,
#                      kernel-doc, test kernel, KUnit + scenarios in the VM
#   make demo          boot the plain test kernel and show the stack working
#   make fuzz          run the libFuzzer harnesses for longer
#   make bench         run the benchmarks on the plain kernel
#   make vm SCENARIO=x run one VM scenario on the debug kernel
#   make clean
#
# KDIR defaults to the running kernel's build tree, else the newest
# installed Debian headers.

KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64))))
FUZZ_RUNS ?= 10000000
FUZZ_SECONDS ?= 900

.PHONY: all modules clean check demo fuzz vm deps kernel selftest install bench

all: modules

modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install

deps:
	scripts/deps.sh

selftest:
	$(MAKE) -C tests/user run

kernel: deps
	tests/vm/build-kernel.sh debug
	tests/vm/build-kernel.sh plain

check: deps
	scripts/check.sh

demo: deps
	tests/vm/run.sh --kernel plain demo bench_storvsc

bench: deps
	tests/vm/run.sh --kernel plain bench_vmbus bench_storvsc

vm: deps
	tests/vm/run.sh $(SCENARIO)

fuzz: deps
	$(MAKE) -C tests/fuzz run FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_SECONDS=$(FUZZ_SECONDS)

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C tests/user clean
	$(MAKE) -C tests/fuzz clean
	rm -rf build/mod build/vm build/check
