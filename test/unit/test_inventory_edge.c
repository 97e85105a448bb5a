/*
 * Unit tests for the inventory at the edges of its input (issue 7): empty
 * and comment-only files, a scalar at the top, 10,000 devices, megabyte
 * strings, bytes that are not UTF-8, duplicate keys, anchors, aliases and
 * the billion-laughs pattern (bounded in time and memory), tabs, and keys
 * that carry line breaks or terminal escapes into the messages. Each test
 * writes "devices.yaml" in a private temporary directory and asserts the
 * messages byte for byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cmocka.h>

#include "inventory.h"
#include "util.h"

#include "inventory_fixture.h"

static int
setup(void **state)
{
	(void)state;
	return fixture_enter("nc-inv-edge");
}

/* Loading yaml succeeds with n devices; inv is the caller's to free. */
static void
expect_ok_n(const char *yaml, size_t len, struct inventory *inv, size_t n)
{
	struct buf err;

	if (load_bytes(yaml, len, inv, &err) != 0)
		fail_msg("unexpected error: %s", err.data);
	assert_int_equal(inv->ndevices, n);
	buf_free(&err);
}

static void
expect_ok(const char *yaml, struct inventory *inv, size_t n)
{
	expect_ok_n(yaml, strlen(yaml), inv, n);
}

#define DEV "- device_type: linux\n  ip: 10.0.0.1\n  username: u\n"

static void
test_empty_and_comments(void **state)
{
	(void)state;
	expect_error(
	    "", "devices.yaml: inventory is empty (no groups of devices)\n");
	expect_error("# nothing here\n   # at all\n\n",
	    "devices.yaml: inventory is empty (no groups of devices)\n");
	expect_error("---\n# a document start alone\n",
	    "devices.yaml: inventory is empty (no groups of devices)\n");
	expect_error("g:\n# no devices\n",
	    "devices.yaml:1:3: g: a group must be a list of devices, "
	    "found nothing\n");
	expect_error("g: []\n", "devices.yaml: no devices in the inventory\n");
}

static void
test_scalar_top(void **state)
{
	(void)state;
	expect_error("just a string\n",
	    "devices.yaml:1:1: top level must be a mapping of groups (like "
	    "'routers:'), found a string\n");
	expect_error("42\n",
	    "devices.yaml:1:1: top level must be a mapping of groups (like "
	    "'routers:'), found a string\n");
	expect_error("- a\n- b\n",
	    "devices.yaml:1:1: top level must be a mapping of groups (like "
	    "'routers:'), found a list\n");
}

static void
test_ten_thousand_devices(void **state)
{
	struct inventory inv;
	struct buf y;
	int64_t t0;
	size_t i;

	(void)state;
	buf_init(&y);
	buf_appendf(&y,
	    "defaults:\n  device_type: cisco_ios\n"
	    "  username: admin\n  password: ${NC_EDGE_PW}\n");
	setenv("NC_EDGE_PW", "pw", 1);
	for (i = 0; i < 10000; i++) {
		if (i % 1000 == 0)
			buf_appendf(&y, "site%zu:\n", i / 1000);
		buf_appendf(&y, "- ip: 10.%zu.%zu.%zu\n  port: %zu\n", i >> 16,
		    (i >> 8) & 0xff, i & 0xff, 1024 + i);
	}
	t0 = mono_ns();
	expect_ok_n(y.data, y.len, &inv, 10000);
	/* Linear work: well under a second here, even with sanitizers. */
	assert_true(mono_ns() - t0 < 10 * NS_PER_SEC);
	assert_string_equal(inv.devices[9999].name, "10.0.39.15:11023");
	assert_string_equal(inv.devices[9999].group, "site9");
	assert_string_equal(inv.devices[9999].password, "pw");
	assert_int_equal(inv.devices[9999].index, 9999);
	assert_int_equal(inv.devices[9999].port, 11023);
	inventory_free(&inv);
	buf_free(&y);
	unsetenv("NC_EDGE_PW");
}

/* A megabyte of c. */
static char *
megabyte(char c)
{
	char *s = xmalloc(1024 * 1024 + 1);

	memset(s, c, 1024 * 1024);
	s[1024 * 1024] = '\0';
	return s;
}

static void
test_megabyte_strings(void **state)
{
	struct inventory inv;
	struct buf y, want;
	char *mb = megabyte('k'), *v4096 = xmalloc(4098);

	(void)state;
	buf_init(&y);
	/* A value: refused by length, never echoed. */
	buf_appendf(&y, "g:\n" DEV "  password: %s\n", mb);
	expect_error_n(y.data, y.len,
	    "devices.yaml:5:13: g[0]: password: value is too long (max 4096 "
	    "bytes)\n");
	buf_reset(&y);
	buf_appendf(&y, "g:\n" DEV "  commands: [%s]\n", mb);
	expect_error_n(y.data, y.len,
	    "devices.yaml:5:14: g[0]: commands[0]: too long or contains a NUL "
	    "byte\n");
	/* A plain key: YAML limits implicit keys to 1024 characters. */
	buf_reset(&y);
	buf_appendf(&y, "g:\n" DEV "  %s: 1\n", mb);
	expect_error_n(y.data, y.len,
	    "devices.yaml:5:1048579: YAML syntax error: could not find "
	    "expected ':'\n");
	buf_reset(&y);
	buf_appendf(&y, "%s:\n" DEV, mb);
	expect_error_n(y.data, y.len,
	    "devices.yaml:1:1048577: YAML syntax error: mapping values are "
	    "not allowed in this context\n");
	/* An explicit key is echoed, but cut to a short line. */
	buf_reset(&y);
	buf_appendf(&y, "g:\n" DEV "  ? %s\n  : 1\n", mb);
	buf_init(&want);
	buf_appendf(&want, "devices.yaml:5:5: g[0]: unknown key '%.*s...\n",
	    400 - (int)strlen("g[0]: unknown key '"), mb);
	expect_error_n(y.data, y.len, want.data);
	buf_free(&want);
	/* The bound itself: 4096 bytes pass, 4097 do not. */
	memset(v4096, 'p', 4096);
	v4096[4096] = '\0';
	buf_reset(&y);
	buf_appendf(&y, "g:\n" DEV "  password: %s\n", v4096);
	expect_ok_n(y.data, y.len, &inv, 1);
	assert_int_equal(strlen(inv.devices[0].password), 4096);
	inventory_free(&inv);
	buf_reset(&y);
	buf_appendf(&y, "g:\n" DEV "  password: %sp\n", v4096);
	expect_error_n(y.data, y.len,
	    "devices.yaml:5:13: g[0]: password: value is too long (max 4096 "
	    "bytes)\n");
	buf_free(&y);
	free(v4096);
	free(mb);
}

static void
test_not_utf8(void **state)
{
	static const char latin1[] = "g:\n" DEV "  name: caf\xe9\n";
	static const char nul[] = "g:\n" DEV "  name: a\0b\n";
	static const char utf16[] = "\xff\xfeg\0:\0";
	struct inventory inv;

	(void)state;
	expect_error_n(latin1, sizeof(latin1) - 1,
	    "devices.yaml:5:12: YAML syntax error: incomplete UTF-8 octet "
	    "sequence\n");
	expect_error_n(nul, sizeof(nul) - 1,
	    "devices.yaml:5:10: YAML syntax error: control characters are not "
	    "allowed\n");
	/* A BOM selects UTF-16, which libyaml reads. */
	expect_error_n(utf16, sizeof(utf16) - 1,
	    "devices.yaml:1:3: g: a group must be a list of devices, found "
	    "nothing\n");
	/* Escapes in a quoted string are text, kept as UTF-8. */
	expect_ok("g:\n" DEV "  name: \"caf\\xe9\"\n", &inv, 1);
	assert_string_equal(inv.devices[0].name, "caf\xc3\xa9");
	inventory_free(&inv);
}

static void
test_duplicate_keys(void **state)
{
	(void)state;
	expect_error("g:\n- device_type: linux\n  ip: 10.0.0.1\n  ip: "
		     "10.0.0.2\n  username: u\n",
	    "devices.yaml:4:3: g[0]: duplicate key 'ip'\n");
	expect_error("g:\n" DEV "g:\n" DEV,
	    "devices.yaml:5:1: duplicate group 'g' (first at line 1)\n");
	expect_error("defaults: {port: 22}\ndefaults: {port: 23}\ng:\n" DEV,
	    "devices.yaml:2:1: duplicate key 'defaults'\n");
	expect_error("g:\n" DEV "  name: r1\n" DEV "  name: r1\n",
	    "devices.yaml:6:3: g[1]: duplicate device name 'r1' (first: "
	    "g[0], line 2)\n");
}

static void
test_anchors_and_aliases(void **state)
{
	struct inventory inv;

	(void)state;
	/* An anchor alone is harmless. */
	expect_ok("g:\n- device_type: &t linux\n  ip: 10.0.0.1\n  username: "
		  "u\n",
	    &inv, 1);
	assert_string_equal(inv.devices[0].device_type, "linux");
	inventory_free(&inv);
	expect_error("g:\n- &d {device_type: linux, ip: 10.0.0.1, username: "
		     "u}\n- *d\n",
	    "devices.yaml:3:3: aliases are not supported ('*d'); use "
	    "'defaults:' for shared values\n");
	expect_error("defaults: &d\n  username: u\ng:\n- device_type: "
		     "linux\n  ip: 10.0.0.1\n  <<: *d\n",
	    "devices.yaml:6:3: g[0]: unknown key '<<' (did you mean 'ip'?)\n"
	    "devices.yaml:6:7: aliases are not supported ('*d'); use "
	    "'defaults:' for shared values\n");
	expect_error("g:\n- device_type: linux\n  ip: *nowhere\n  username: "
		     "u\n",
	    "devices.yaml:3:7: aliases are not supported ('*nowhere'); use "
	    "'defaults:' for shared values\n");
}

static long
max_rss_kb(void)
{
	struct rusage ru;

	assert_int_equal(getrusage(RUSAGE_SELF, &ru), 0);
	return ru.ru_maxrss;
}

/*
 * The classic billion laughs (10^9 "lol" once expanded) and a wide
 * variant: aliases are never expanded, problems are capped at 100, so
 * time and memory stay small.
 */
static void
test_billion_laughs(void **state)
{
	struct inventory inv;
	struct buf y, err;
	const char *last;
	int64_t t0;
	long rss0;
	int i, j;

	(void)state;
	buf_init(&y);
	buf_appendf(&y, "lol0: &lol0 [\"lol\"]\n");
	for (i = 1; i <= 9; i++) {
		buf_appendf(&y, "lol%d: &lol%d [", i, i);
		for (j = 0; j < 10; j++)
			buf_appendf(&y, "%s*lol%d", j ? "," : "", i - 1);
		buf_appendf(&y, "]\n");
	}
	for (i = 0; i < 100000; i++)
		buf_appendf(&y, "%s*lol9", i ? "," : "wide: [");
	buf_appendf(&y, "]\n");
	rss0 = max_rss_kb();
	t0 = mono_ns();
	assert_int_equal(load_bytes(y.data, y.len, &inv, &err), -1);
	assert_true(mono_ns() - t0 < 10 * NS_PER_SEC);
	assert_true(max_rss_kb() - rss0 < 256 * 1024);
	assert_int_equal(inv.ndevices, 0);
	/* 100 lines shown, then the count of the rest. */
	assert_true(
	    strncmp(err.data,
		"devices.yaml:1:14: lol0[0]: a device must be a "
		"mapping of fields, found a string\n"
		"devices.yaml:2:14: aliases are not supported ('*lol0'); "
		"use 'defaults:' for shared values\n",
		160) == 0);
	last = err.data + err.len - 1;
	while (last > err.data && last[-1] != '\n')
		last--;
	assert_string_equal(
	    last, "devices.yaml: 99991 more errors not shown\n");
	buf_free(&err);
	buf_free(&y);
}

static void
test_tabs(void **state)
{
	struct inventory inv;

	(void)state;
	expect_error("g:\n\t- device_type: linux\n",
	    "devices.yaml:2:1: YAML syntax error: found character that cannot "
	    "start any token\n");
	expect_error("g:\n" DEV "\t  password: x\n",
	    "devices.yaml:5:1: YAML syntax error: found a tab character that "
	    "violates indentation\n");
	/* Tabs as separators and inside values are fine. */
	expect_ok("g:\n- device_type:\tlinux\n  ip: 10.0.0.1\t\n  username: "
		  "u\n  password: \"a\tb\"\n",
	    &inv, 1);
	assert_string_equal(inv.devices[0].device_type, "linux");
	assert_string_equal(inv.devices[0].host, "10.0.0.1");
	assert_string_equal(inv.devices[0].password, "a\tb");
	inventory_free(&inv);
	expect_error("g:\n- device_type: linux\n  ip: \"10.0.0.1\\t\"\n  "
		     "username: u\n",
	    "devices.yaml:3:7: g[0]: ip: '10.0.0.1\\x09' contains a space or "
	    "control character\n");
}

/*
 * Found by fuzz_inventory: a key holding a line break was echoed as is,
 * so one problem spread over two lines (and a key holding ESC [ 2 J
 * could clear the user's terminal). Control characters are escaped.
 */
static void
test_control_chars_in_messages(void **state)
{
	(void)state;
	expect_error("g:\n" DEV "  \"pass\\nword\": x\n"
		     "  \"\\e]0;pwned\\a\\e[2J\": y\n"
		     "  \"\\u009b2J\": z\n",
	    "devices.yaml:5:3: g[0]: unknown key 'pass\\x0aword' (did you "
	    "mean 'password'?)\n"
	    "devices.yaml:6:3: g[0]: unknown key "
	    "'\\x1b]0;pwned\\x07\\x1b[2J'\n"
	    "devices.yaml:7:3: g[0]: unknown key '\\xc2\\x9b2J'\n");
	expect_error("{g: [{levice_type:)x\n\n - a, username: u}]}\n",
	    "devices.yaml:1:6: g[0]: missing required field 'device_type'\n"
	    "devices.yaml:1:6: g[0]: missing required field 'ip' (or "
	    "'host')\n"
	    "devices.yaml:1:7: g[0]: unknown key 'levice_type:)x\\x0a- a'\n");
}

/*
 * Found by fuzz_inventory: an empty document before the real one passed
 * the scan, then libcyaml loaded the empty one and failed with its own
 * message ("libcyaml: Invalid value: ... got event: SCALAR").
 */
static void
test_empty_document_first(void **state)
{
	(void)state;
	expect_error("---\n...\n---\ng:\n" DEV,
	    "devices.yaml:3:1: only one YAML document is allowed\n");
	expect_error("--- ~\n---\ng:\n" DEV,
	    "devices.yaml:2:1: only one YAML document is allowed\n");
	expect_error("---\n---\n",
	    "devices.yaml:2:1: only one YAML document is allowed\n");
	expect_error("--- ~\n",
	    "devices.yaml: inventory is empty (no groups of devices)\n");
	expect_error("{}\n", "devices.yaml: no devices in the inventory\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty_and_comments),
	    cmocka_unit_test(test_scalar_top),
	    cmocka_unit_test(test_ten_thousand_devices),
	    cmocka_unit_test(test_megabyte_strings),
	    cmocka_unit_test(test_not_utf8),
	    cmocka_unit_test(test_duplicate_keys),
	    cmocka_unit_test(test_anchors_and_aliases),
	    cmocka_unit_test(test_billion_laughs),
	    cmocka_unit_test(test_tabs),
	    cmocka_unit_test(test_control_chars_in_messages),
	    cmocka_unit_test(test_empty_document_first),
	};

	return cmocka_run_group_tests(tests, setup, fixture_leave);
}
