# netcollect: plain GNU Makefile, pkg-config for every library.
#
#   make            build build/netcollect, build/netsim and the test tools
#   make check      unit + regress tests (T=t1001 runs one regress test)
#   make asan       the whole suite under AddressSanitizer + UBSan
#   make valgrind   a representative subset under valgrind
#   make demo       deps, build, start a simulated lab, collect from it
#   make conformance  every ntc-templates case through netcollect parse
#   make bench-parse  TextFSM speed against python3-textfsm (docs/benchmarks.md)
#   make bench-live-textfsm  --textfsm's cost per device, 1,000 devices
#   make deps       install the Debian packages we need
#   make fmt-check  clang-format reports no diff
#   make install PREFIX=/usr/local DESTDIR=
#   make deb        the Debian package, in build/deb/

BUILD	?= build
PREFIX	?= /usr/local
DESTDIR	?=
CC	?= cc

# _GNU_SOURCE is said once, here: we use accept4, pipe2, memmem, getline.
CSTD	:= -std=c11 -D_GNU_SOURCE
WARN	:= -Wall -Wextra -Wshadow -Wstrict-prototypes -Werror
OPT	?= -O2 -g
ifeq ($(SAN),1)
OPT	:= -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	   -fno-sanitize-recover=undefined
endif
DEPFLAGS := -MMD -MP

# pkg-config module : Debian package that provides it
NC_PKGS	:= libssh2:libssh2-1-dev yaml-0.1:libyaml-dev libcyaml:libcyaml-dev \
	   libpcre2-8:libpcre2-dev jansson:libjansson-dev libcrypto:libssl-dev
SIM_PKGS := libssh:libssh-dev yaml-0.1:libyaml-dev
TEST_PKGS := cmocka:libcmocka-dev
mods = $(foreach p,$(1),$(firstword $(subst :, ,$(p))))

# Goals that must work before the libraries are installed.
NOCONF_GOALS := deps clean fmt fmt-check demo help asan valgrind bench deb \
		conformance bench-parse bench-live-textfsm
GOALS := $(or $(MAKECMDGOALS),all)
ifneq ($(filter-out $(NOCONF_GOALS),$(GOALS)),)
NEED_PKGS := $(NC_PKGS) $(SIM_PKGS)
ifneq ($(filter check check-unit fuzz,$(GOALS)),)
NEED_PKGS += $(TEST_PKGS)
endif
MISSING := $(shell mk/pkgs.sh $(NEED_PKGS))
ifneq ($(MISSING),)
$(error $(MISSING))
endif
NC_CFLAGS := $(shell pkg-config --cflags $(call mods,$(NC_PKGS)))
NC_LIBS	:= $(shell pkg-config --libs $(call mods,$(NC_PKGS))) -lpthread
SIM_CFLAGS := $(shell pkg-config --cflags $(call mods,$(SIM_PKGS)))
SIM_LIBS := $(shell pkg-config --libs $(call mods,$(SIM_PKGS))) -lcrypto -lm
TEST_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
TEST_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)
endif

CFLAGS	:= $(CSTD) $(WARN) $(OPT) $(DEPFLAGS) -Iinclude $(EXTRA_CFLAGS)
# Bind every symbol at start (-z now): resolved once in the parent, not
# again in each forked worker by the lazy PLT path; also RELRO hardening.
LDFLAGS	:= $(OPT) -Wl,-z,now -Wl,-z,relro $(EXTRA_LDFLAGS)

LIB_SRC	:= $(filter-out src/main.c,$(wildcard src/*.c))
LIB_OBJ	:= $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
LIB	:= $(BUILD)/libnetcollect.a
# netsim is a program of its own in src/netsim/: never part of LIB_SRC
# (src/*.c does not descend), built with its own libraries.
SIM_SRC	:= $(wildcard src/netsim/*.c)
SIM_OBJ	:= $(SIM_SRC:src/netsim/%.c=$(BUILD)/obj/netsim/%.o)
UNIT_SRC := $(wildcard test/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:test/unit/%.c=$(BUILD)/test/%)
TOOL_SRC := $(wildcard test/tools/*.c)
TOOL_BIN := $(TOOL_SRC:test/tools/%.c=$(BUILD)/tools/%)
BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)

BINS	:= $(BUILD)/netcollect $(if $(SIM_SRC),$(BUILD)/netsim) $(TOOL_BIN) \
	   $(BENCH_BIN)

.SECONDARY:
.PHONY: all check check-unit check-regress asan valgrind fmt fmt-check \
	install deb clean deps demo bench help fuzz conformance bench-parse \
	bench-live-textfsm
all: $(BINS)

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(NC_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/netcollect: $(BUILD)/obj/main.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(NC_LIBS)

# More specific than $(BUILD)/obj/%.o: src/%.c, so GNU make picks it.
$(BUILD)/obj/netsim/%.o: src/netsim/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SIM_CFLAGS) -c -o $@ $<

$(BUILD)/netsim: $(SIM_OBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(SIM_LIBS)

# Unit tests of netsim's pure modules (test/unit/test_ns_*.c) link its
# objects, not the library; these rules are more specific than the ones
# below.
SIM_TEST_OBJ := $(filter-out $(BUILD)/obj/netsim/ns_main.o,$(SIM_OBJ))

$(BUILD)/obj/unit/test_ns_%.o: test/unit/test_ns_%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Isrc/netsim $(SIM_CFLAGS) $(TEST_CFLAGS) -c -o $@ $<

$(BUILD)/test/test_ns_%: $(BUILD)/obj/unit/test_ns_%.o $(SIM_TEST_OBJ)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(SIM_LIBS) $(TEST_LIBS)

$(BUILD)/obj/unit/%.o: test/unit/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(NC_CFLAGS) $(TEST_CFLAGS) -c -o $@ $<

$(BUILD)/test/%: $(BUILD)/obj/unit/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(NC_LIBS) $(TEST_LIBS)

$(BUILD)/obj/tools/%.o: test/tools/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(NC_CFLAGS) -c -o $@ $<

$(BUILD)/tools/%: $(BUILD)/obj/tools/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ $(NC_LIBS)

$(BUILD)/obj/bench/%.o: bench/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/bench/%: $(BUILD)/obj/bench/%.o
	@mkdir -p $(@D)
	$(CC) $(LDFLAGS) -o $@ $^ -lm

-include $(wildcard $(BUILD)/obj/*.d $(BUILD)/obj/*/*.d)

check: all $(UNIT_BIN)
	@BUILD=$(BUILD) test/run $(if $(T),$(T))

check-unit: all $(UNIT_BIN)
	@BUILD=$(BUILD) test/run -u

check-regress: all
	@BUILD=$(BUILD) test/run -r $(if $(T),$(T))

# The whole suite with sanitizers, in its own build tree. Any sanitizer
# report (they are logged to files by test/run) fails the test it came from.
asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=1 check

# A representative subset under valgrind: the tests listed here run
# netcollect through $$NC_WRAP.
VALGRIND_TESTS ?= $(notdir $(basename $(shell grep -l '^# valgrind: yes' test/regress/t*.sh 2>/dev/null)))
valgrind:
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) NC_WRAP="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99" \
		test/run -r $(VALGRIND_TESTS)

FMT_FILES = $(wildcard src/*.c include/*.h src/netsim/*.[ch] test/unit/*.[ch] test/tools/*.c test/fuzz/*.c bench/*.c)
fmt:
	clang-format -i $(FMT_FILES)
fmt-check:
	@clang-format --dry-run -Werror $(FMT_FILES) && echo "fmt-check: ok"

# Completion goes where bash-completion and zsh look under PREFIX; the
# Debian package puts zsh's in vendor-completions.
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
install: $(BUILD)/netcollect $(BUILD)/netsim
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 $(BUILD)/netcollect $(DESTDIR)$(PREFIX)/bin/netcollect
	install -m 755 $(BUILD)/netsim $(DESTDIR)$(PREFIX)/bin/netsim
	install -m 644 $(wildcard docs/*.1) $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 completion/netcollect.bash $(DESTDIR)$(BASHCOMPDIR)/netcollect
	install -m 644 completion/netsim.bash $(DESTDIR)$(BASHCOMPDIR)/netsim
	install -m 644 completion/_netcollect completion/_netsim \
		$(DESTDIR)$(ZSHCOMPDIR)/

# make deb: the Debian package (debian/) of netcollect and netsim, built
# with dpkg-buildpackage from a copy of the sources in $(BUILD)/deb/ (the
# .deb lands there too), then checked by lintian: any error or warning
# fails. debian/changelog must name the version of include/version.h.
VERSION = $(shell sed -n 's/^\#define NC_VERSION "\(.*\)"$$/\1/p' include/version.h)
DEB_SRC = src include docs completion debian mk Makefile LICENSE README.md
deb:
	@test "$$(dpkg-parsechangelog -S Version)" = "$(VERSION)" || \
		{ echo "make deb: debian/changelog is not at $(VERSION)" >&2; exit 1; }
	rm -rf $(BUILD)/deb
	mkdir -p $(BUILD)/deb/netcollect-$(VERSION)
	tar -cf - --exclude='build*' $(DEB_SRC) | \
		tar -xf - -C $(BUILD)/deb/netcollect-$(VERSION)
	cd $(BUILD)/deb/netcollect-$(VERSION) && \
		dpkg-buildpackage -us -uc -b >../build.log 2>&1 || \
		{ tail -n 30 ../build.log; exit 1; }
	lintian --fail-on error,warning $(BUILD)/deb/netcollect_$(VERSION)_*.changes
	@ls $(BUILD)/deb/*.deb

deps:
	@mk/deps.sh

demo:
	@mk/deps.sh
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) mk/demo.sh

bench:
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) bench/compare

# Issue 12: ntc-templates' own cases (NTC_TEMPLATES, or shared/ntc-templates
# beside the repository) and the TextFSM speed table.
conformance:
	@$(MAKE) --no-print-directory all
	@/usr/bin/python3 test/conformance/ntc_conform.py $(BUILD)/netcollect

bench-parse:
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) bench/parse

bench-live-textfsm:
	@$(MAKE) --no-print-directory all
	@BUILD=$(BUILD) bench/live-textfsm

# Fuzzing (issue 7, docs/fuzzing.md): libFuzzer harnesses test/fuzz/fuzz_*.c
# built with clang into $(BUILD)/fuzz/, against the library compiled again
# with coverage and sanitizers in $(BUILD)/fuzz/obj/. "make fuzz" runs each
# for FUZZ_SECONDS on a copy of its seed corpus in $(BUILD)/fuzz/work/ (the
# repository is never written); "make fuzz-build" only builds. Not part of
# "make check": test/regress/t8001 replays the seed corpora instead.
FUZZ_CC	?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	    -fno-omit-frame-pointer
FUZZ_CFLAGS = $(CSTD) $(WARN) -O1 -g $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
	      $(DEPFLAGS) -Iinclude $(NC_CFLAGS)
FUZZ_SRC := $(wildcard test/fuzz/fuzz_*.c)
FUZZ_NAMES := $(FUZZ_SRC:test/fuzz/%.c=%)
FUZZ_BIN := $(FUZZ_NAMES:%=$(BUILD)/fuzz/%)
FUZZ_LIB := $(BUILD)/fuzz/libnetcollect.a

.PHONY: fuzz-build
$(BUILD)/fuzz/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(BUILD)/fuzz/obj/harness/%.o: test/fuzz/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_LIB): $(LIB_SRC:src/%.c=$(BUILD)/fuzz/obj/%.o)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/fuzz/fuzz_%: $(BUILD)/fuzz/obj/harness/fuzz_%.o $(FUZZ_LIB)
	$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(NC_LIBS)

-include $(wildcard $(BUILD)/fuzz/obj/*.d $(BUILD)/fuzz/obj/*/*.d)

fuzz-build: $(FUZZ_BIN)

fuzz: fuzz-build
	@for h in $(FUZZ_NAMES); do \
		w=$(BUILD)/fuzz/work/$$h; \
		mkdir -p $$w/corpus $$w/crashes || exit 1; \
		cp -n test/fuzz/corpus/$$h/* $$w/corpus/ 2>/dev/null; \
		echo "fuzz: $$h for $(FUZZ_SECONDS)s (log $$w/log)"; \
		$(BUILD)/fuzz/$$h -max_total_time=$(FUZZ_SECONDS) \
		    -print_final_stats=1 -artifact_prefix=$$w/crashes/ \
		    $$(test -f test/fuzz/$$h.dict && echo -dict=test/fuzz/$$h.dict) \
		    $(FUZZ_FLAGS) $$w/corpus >$$w/log 2>&1 || \
		    { tail -n 40 $$w/log; echo "fuzz: $$h failed, input in $$w/crashes/"; exit 1; }; \
		grep -E '^stat::number_of_executed_units|^Done' $$w/log; \
	done

clean:
	rm -rf build

help:
	@sed -n '3,13p' Makefile
