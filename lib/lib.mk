# SPDX-License-Identifier: GPL-2.0
#
# Included by the Kbuild of each module that uses pure wire code. The
# module lists lib/NAME.o among its objects and gets its own copy, built
# from lib/NAME.c into MODULE_DIR/lib/NAME.o, so no object is shared
# between modules. The recipe is Kbuild's own for composite module parts.
# The stem keeps its lib/ prefix (the pattern is not $(obj)/lib/%.o), so
# KBUILD_MODNAME is the module's own.

$(obj)/%.o: $(src)/../%.c $(recordmcount_source) FORCE
	$(call if_changed_rule,cc_o_c)
	$(call cmd,force_checksrc)
