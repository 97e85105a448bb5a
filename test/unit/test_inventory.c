/*
 * Unit tests for inventory: the course's file, groups and defaults, every
 * validation error with its exact message, ${ENV} values, selection, and
 * the bounds (10,000 devices, aliases, odd bytes). Each test writes its
 * YAML as "devices.yaml" in a private temporary directory, so messages
 * are asserted byte for byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "hostlist.h"
#include "inventory.h"
#include "util.h"

#include "inventory_fixture.h"

static char course_file[4096];

static int
setup(void **state)
{
	(void)state;
	if (realpath("inventory/devices.yaml", course_file) == NULL)
		course_file[0] = '\0';
	return fixture_enter("nc-inv");
}

static void
test_course_file(void **state)
{
	struct inventory inv;
	struct buf err;
	size_t i;
	char ip[32];

	(void)state;
	assert_true(course_file[0] != '\0');
	buf_init(&err);
	assert_int_equal(inventory_load(course_file, &inv, &err), 0);
	assert_int_equal(inv.ndevices, 3);
	assert_true(inv.has_passwords);
	assert_string_equal(inv.path, course_file);
	for (i = 0; i < 3; i++) {
		struct device *d = &inv.devices[i];

		snprintf(ip, sizeof(ip), "192.168.100.%zu", i + 1);
		assert_int_equal(d->index, i);
		assert_string_equal(d->name, ip);
		assert_string_equal(d->host, ip);
		assert_string_equal(d->group, "routers");
		assert_int_equal(d->port, 22);
		assert_string_equal(d->device_type, "cisco_ios");
		assert_non_null(d->platform);
		assert_string_equal(d->platform->name, "cisco_ios");
		assert_string_equal(d->username, "cisco");
		assert_string_equal(d->password, "cisco");
		assert_string_equal(d->secret, "cisco");
		assert_null(d->key_file);
		assert_null(d->passphrase);
		assert_int_equal(d->use_agent, 0);
		assert_int_equal(d->host_key_check, HOSTKEY_DEFAULT);
		assert_int_equal(d->timeout_ms, 0);
		assert_int_equal(d->read_timeout_ms, 0);
		assert_null(d->commands);
		assert_int_equal(d->ncommands, 0);
	}
	inventory_free(&inv);
	assert_null(inv.devices);
	buf_free(&err);
}

static void
test_groups_and_defaults(void **state)
{
	struct inventory inv;
	struct buf err;
	struct device *d;

	(void)state;
	assert_int_equal(load("routers:\n"
			      "- device_type: cisco_ios\n"
			      "  ip: 10.0.0.1\n"
			      "  timeout: 2.5\n"
			      "  read_timeout: \"0.25\"\n"
			      "- device_type: cisco_ios\n"
			      "  host: r2.lab\n"
			      "  port: 22\n"
			      "  username: other\n"
			      "  use_agent: yes\n"
			      "  host_key_check: strict\n"
			      "  commands:\n"
			      "  - sh ip int br\n"
			      "  - sh clock\n"
			      "defaults:\n"
			      "  username: admin\n"
			      "  password: pw\n"
			      "  port: 2222\n"
			      "  key_file: ~/.ssh/id_ed25519\n"
			      "  commands: [show version]\n"
			      "switches:\n"
			      "- {device_type: linux, ip: 10.0.0.9, name: sw1, "
			      "use_agent: false, host_key_check: off}\n",
			     &inv, &err),
	    0);
	assert_int_equal(inv.ndevices, 3);

	d = &inv.devices[0];
	assert_string_equal(d->name, "10.0.0.1:2222");
	assert_string_equal(d->host, "10.0.0.1");
	assert_int_equal(d->port, 2222);
	assert_string_equal(d->username, "admin");
	assert_string_equal(d->password, "pw");
	assert_string_equal(d->key_file, "~/.ssh/id_ed25519");
	assert_int_equal(d->timeout_ms, 2500);
	assert_int_equal(d->read_timeout_ms, 250);
	assert_int_equal(d->ncommands, 1);
	assert_string_equal(d->commands[0], "show version");

	d = &inv.devices[1];
	assert_string_equal(d->name, "r2.lab");
	assert_string_equal(d->host, "r2.lab");
	assert_int_equal(d->port, 22);
	assert_string_equal(d->username, "other");
	assert_int_equal(d->use_agent, 1);
	assert_int_equal(d->host_key_check, HOSTKEY_STRICT);
	assert_int_equal(d->ncommands, 2);
	assert_string_equal(d->commands[0], "sh ip int br");
	assert_string_equal(d->commands[1], "sh clock");

	d = &inv.devices[2];
	assert_int_equal(d->index, 2);
	assert_string_equal(d->name, "sw1");
	assert_string_equal(d->group, "switches");
	assert_string_equal(d->device_type, "linux");
	assert_int_equal(d->port, 2222);
	assert_int_equal(d->use_agent, 0);
	assert_int_equal(d->host_key_check, HOSTKEY_OFF);
	inventory_free(&inv);
	buf_free(&err);
}

static void
test_env(void **state)
{
	struct inventory inv;
	struct buf err;

	(void)state;
	setenv("NC_TEST_PW", "from-env", 1);
	setenv("NC_TEST_PORT", "8022", 1);
	assert_int_equal(load("routers:\n"
			      "- device_type: cisco_ios\n"
			      "  ip: 10.0.0.1\n"
			      "  port: ${NC_TEST_PORT}\n"
			      "  username: u\n"
			      "  password: ${NC_TEST_PW}\n"
			      "  secret: \"${NC_TEST_PW}\"\n",
			     &inv, &err),
	    0);
	assert_int_equal(inv.ndevices, 1);
	assert_int_equal(inv.has_passwords, 0);
	assert_string_equal(inv.devices[0].password, "from-env");
	assert_string_equal(inv.devices[0].secret, "from-env");
	assert_int_equal(inv.devices[0].port, 8022);
	assert_string_equal(inv.devices[0].name, "10.0.0.1:8022");
	inventory_free(&inv);
	buf_free(&err);

	unsetenv("NC_TEST_UNSET");
	expect_error("routers:\n"
		     "- device_type: cisco_ios\n"
		     "  ip: 10.0.0.1\n"
		     "  username: u\n"
		     "  password: ${NC_TEST_UNSET}\n",
	    "devices.yaml:5:13: routers[0]: password: environment variable "
	    "'NC_TEST_UNSET' is not set\n");
	setenv("NC_TEST_PORT", "22abc", 1);
	expect_error("routers:\n"
		     "- device_type: cisco_ios\n"
		     "  ip: 10.0.0.1\n"
		     "  port: ${NC_TEST_PORT}\n"
		     "  username: u\n",
	    "devices.yaml:4:9: routers[0]: port: '22abc' is not a port "
	    "number (decimal 1-65535)\n");
	unsetenv("NC_TEST_PW");
	unsetenv("NC_TEST_PORT");
}

/*
 * ${NAME} values reach the device byte for byte, whatever YAML would make
 * of them written in the file (quotes, backslashes, a tab, a control
 * byte, "#", ": ", "~", "yes", non-ASCII), in every kind of field; a
 * value that is not UTF-8 text is refused.
 */
static void
test_env_values_exact(void **state)
{
	static const char *const values[] = {"a\"b'c\\d", "\ttab\x01ctl",
	    " lead and trail ", "x: y # z", "~", "yes", "null", "%!@&*|>",
	    "p\xc3\xa4ss\xe2\x82\xac", "\"", "-", "[1, 2]", "{a: b}"};
	struct inventory inv;
	struct buf err;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		setenv("NC_TEST_V", values[i], 1);
		assert_int_equal(load("defaults:\n"
				      "  secret: ${NC_TEST_V}\n"
				      "r:\n"
				      "- device_type: cisco_ios\n"
				      "  ip: 10.0.0.1\n"
				      "  username: u\n"
				      "  password: ${NC_TEST_V}\n"
				      "  passphrase: \"${NC_TEST_V}\"\n",
				     &inv, &err),
		    0);
		assert_string_equal(inv.devices[0].password, values[i]);
		assert_string_equal(inv.devices[0].secret, values[i]);
		assert_string_equal(inv.devices[0].passphrase, values[i]);
		inventory_free(&inv);
		buf_free(&err);
	}
	setenv("NC_TEST_V", "bad\xff", 1);
	expect_error("r:\n"
		     "- device_type: cisco_ios\n"
		     "  ip: 10.0.0.1\n"
		     "  username: u\n"
		     "  password: ${NC_TEST_V}\n",
	    "devices.yaml:5:13: r[0]: password: environment variable "
	    "'NC_TEST_V' is not UTF-8 text\n");
	unsetenv("NC_TEST_V");
}

static void
test_unknown_key(void **state)
{
	(void)state;
	expect_error("routers:\n"
		     "  - device_type: cisco_ios\n"
		     "    ip: 10.0.0.1\n"
		     "    username: u\n"
		     "    pasword: x\n"
		     "    flavour: y\n",
	    "devices.yaml:5:5: routers[0]: unknown key 'pasword' (did you "
	    "mean 'password'?)\n"
	    "devices.yaml:6:5: routers[0]: unknown key 'flavour'\n");
}

static void
test_missing_fields(void **state)
{
	(void)state;
	expect_error("routers:\n"
		     "- device_type: cisco_ios\n"
		     "  ip: 10.0.0.1\n"
		     "- password: x\n",
	    "devices.yaml:2:3: routers[0]: missing required field "
	    "'username'\n"
	    "devices.yaml:4:3: routers[1]: missing required field "
	    "'device_type'\n"
	    "devices.yaml:4:3: routers[1]: missing required field "
	    "'username'\n"
	    "devices.yaml:4:3: routers[1]: missing required field 'ip' (or "
	    "'host')\n");
}

static void
test_wrong_types(void **state)
{
	(void)state;
	expect_error("routers:\n"
		     "- device_type: cisco_ios\n"
		     "  ip: [10.0.0.1]\n"
		     "  username: {a: b}\n"
		     "  commands: show version\n"
		     "- just a string\n"
		     "switches:\n"
		     "  name: x\n"
		     "firewalls:\n",
	    "devices.yaml:3:7: routers[0]: ip: expected a string, found a "
	    "list\n"
	    "devices.yaml:4:13: routers[0]: username: expected a string, "
	    "found a mapping\n"
	    "devices.yaml:5:13: routers[0]: commands: expected a list of "
	    "strings, found a string\n"
	    "devices.yaml:6:3: routers[1]: a device must be a mapping of "
	    "fields, found a string\n"
	    "devices.yaml:8:3: switches: a group must be a list of devices, "
	    "found a mapping\n"
	    "devices.yaml:9:11: firewalls: a group must be a list of "
	    "devices, found nothing\n");
}

#define DEV "- {device_type: cisco_ios, ip: 10.0.0.1, username: u, "

static void
test_port(void **state)
{
	(void)state;
	expect_error("r:\n" DEV "port: 22abc}\n",
	    "devices.yaml:2:61: r[0]: port: '22abc' is not a port number "
	    "(decimal 1-65535)\n");
	expect_error("r:\n" DEV "port: 010}\n",
	    "devices.yaml:2:61: r[0]: port: '010' is not a port number "
	    "(decimal 1-65535)\n");
	expect_error("r:\n" DEV "port: ~}\n",
	    "devices.yaml:2:61: r[0]: port: no value\n");
	expect_error("r:\n" DEV "port: 70000}\n",
	    "devices.yaml:2:61: r[0]: port: '70000' is not a port number "
	    "(decimal 1-65535)\n");
	expect_error("r:\n" DEV "port: 0}\n",
	    "devices.yaml:2:61: r[0]: port: '0' is not a port number "
	    "(decimal 1-65535)\n");
	expect_error("r:\n" DEV "port: 0x16}\n",
	    "devices.yaml:2:61: r[0]: port: '0x16' is not a port number "
	    "(decimal 1-65535)\n");
	expect_error("r:\n" DEV "port: -22}\n",
	    "devices.yaml:2:61: r[0]: port: '-22' is not a port number "
	    "(decimal 1-65535)\n");
}

static void
test_values(void **state)
{
	(void)state;
	expect_error("r:\n" DEV "timeout: 010}\n",
	    "devices.yaml:2:64: r[0]: timeout: '010' is not a duration "
	    "(positive decimal seconds, like 30 or 2.5)\n");
	expect_error("r:\n" DEV "read_timeout: 0}\n",
	    "devices.yaml:2:69: r[0]: read_timeout: '0' is not a duration "
	    "(positive decimal seconds, like 30 or 2.5)\n");
	expect_error("r:\n" DEV "timeout: 1e3}\n",
	    "devices.yaml:2:64: r[0]: timeout: '1e3' is not a duration "
	    "(positive decimal seconds, like 30 or 2.5)\n");
	expect_error("r:\n" DEV "use_agent: maybe}\n",
	    "devices.yaml:2:66: r[0]: use_agent: 'maybe' is not a boolean "
	    "(true, false, yes or no)\n");
	expect_error("r:\n" DEV "host_key_check: yes}\n",
	    "devices.yaml:2:71: r[0]: host_key_check: 'yes' is not one of "
	    "strict, accept-new, off\n");
	expect_error("r:\n" DEV "secret: ~}\n",
	    "devices.yaml:2:63: r[0]: secret: no value\n");
	expect_error("r:\n"
		     "- device_type: cisco_ios\n"
		     "  ip: 10.0.0.1\n"
		     "  username: u\n"
		     "  secret:\n",
	    "devices.yaml:5:10: r[0]: secret: no value\n");
	expect_error("r:\n" DEV "name: \"\"}\n",
	    "devices.yaml:2:61: r[0]: name: empty value\n");
	expect_error("r:\n- {device_type: cisco_ios, ip: 10.0.0.1 x, "
		     "username: u}\n",
	    "devices.yaml:2:32: r[0]: ip: '10.0.0.1 x' contains a space or "
	    "control character\n");
	expect_error("r:\n" DEV "ip: 10.0.0.2}\n",
	    "devices.yaml:2:55: r[0]: duplicate key 'ip'\n");
	expect_error("r:\n" DEV "host: h}\n",
	    "devices.yaml:2:55: r[0]: both 'ip' and 'host' given; use one\n");
	expect_error("r:\n" DEV "commands: [sh ver, '', [x]]}\n",
	    "devices.yaml:2:74: r[0]: commands[1]: empty command\n"
	    "devices.yaml:2:78: r[0]: commands[2]: expected a string, found "
	    "a list\n");
	expect_error("defaults: {name: x}\nr:\n" DEV "}\n",
	    "devices.yaml:1:12: defaults: 'name' cannot be a default (device "
	    "names must be unique)\n");
	expect_error("defaults: [x]\nr:\n" DEV "}\n",
	    "devices.yaml:1:11: defaults: expected a mapping of fields, found "
	    "a list\n");
}

/* A lab file is an inventory too: "sim:" (netsim's knobs) is ignored. */
static void
test_sim_mapping(void **state)
{
	struct inventory inv;
	struct buf err;

	(void)state;
	assert_int_equal(load("defaults: {sim: {password: x}}\nr:\n" DEV
			      "sim: {latency: 700, faults: [auth_fail]}}\n",
			     &inv, &err),
	    0);
	assert_int_equal(inv.ndevices, 1);
	assert_string_equal(inv.devices[0].host, "10.0.0.1");
	inventory_free(&inv);
	buf_free(&err);
	expect_error("r:\n" DEV "sim: fast}\n",
	    "devices.yaml:2:60: r[0]: sim: expected a mapping of netsim "
	    "settings, found a string\n");
}

static void
test_device_type(void **state)
{
	(void)state;
	expect_error("routers:\n"
		     "- device_type: cisco_xx\n"
		     "  ip: 10.0.0.1\n"
		     "  username: u\n",
	    "devices.yaml:2:16: routers[0]: unknown device_type 'cisco_xx' "
	    "(valid: cisco_ios, cisco_xe, cisco_nxos, cisco_asa, cisco_xr, "
	    "arista_eos, juniper_junos, hp_procurve, linux, generic)\n");
}

static void
test_duplicates(void **state)
{
	(void)state;
	expect_error("routers:\n"
		     "- {device_type: cisco_ios, ip: 10.0.0.1, username: u}\n"
		     "- {device_type: cisco_ios, ip: 10.0.0.2, username: u, "
		     "name: 10.0.0.1}\n"
		     "switches:\n"
		     "- {device_type: linux, ip: 10.0.0.1, username: u}\n"
		     "- {device_type: linux, ip: 10.0.0.1, port: 2222, "
		     "username: u}\n",
	    "devices.yaml:3:3: routers[1]: duplicate device name '10.0.0.1' "
	    "(first: routers[0], line 2)\n"
	    "devices.yaml:5:3: switches[0]: duplicate device name "
	    "'10.0.0.1' (first: routers[0], line 2)\n");
	expect_error("routers:\n"
		     "- {device_type: cisco_ios, ip: 10.0.0.1, username: u}\n"
		     "routers:\n"
		     "- {device_type: cisco_ios, ip: 10.0.0.2, username: u}\n",
	    "devices.yaml:3:1: duplicate group 'routers' (first at line 1)\n");
}

static void
test_syntax(void **state)
{
	(void)state;
	expect_error("routers:\n"
		     "- device_type: cisco_ios\n"
		     "  ip: 10.0.0.1\n"
		     "   username: cisco\n",
	    "devices.yaml:4:12: YAML syntax error: mapping values are not "
	    "allowed in this context\n");
	expect_error("routers:\n"
		     "- device_type: \"cisco_ios\n"
		     "  ip: 10.0.0.1\n",
	    "devices.yaml:4:1: YAML syntax error: found unexpected end of "
	    "stream\n");
	/* Tabs may not indent. */
	expect_error("routers:\n"
		     "- device_type: cisco_ios\n"
		     "\tip: 10.0.0.1\n",
	    "devices.yaml:3:1: YAML syntax error: found a tab character "
	    "that violates indentation\n");
	expect_error("r:\n" DEV "}\n---\nb: 2\n",
	    "devices.yaml:3:1: only one YAML document is allowed\n");
}

static void
test_tab_in_value(void **state)
{
	struct inventory inv;
	struct buf err;

	(void)state;
	assert_int_equal(load("routers:\n"
			      "- device_type: cisco_ios\n"
			      "  ip: 10.0.0.1\n"
			      "  username: u\n"
			      "  password: \"a\\tb\"\n"
			      "  name:\tr1\n",
			     &inv, &err),
	    0);
	assert_string_equal(inv.devices[0].password, "a\tb");
	assert_string_equal(inv.devices[0].name, "r1");
	inventory_free(&inv);
	buf_free(&err);
}

static void
test_bad_bytes(void **state)
{
	static const char yaml[] = "routers:\n"
				   "- device_type: cisco_ios\n"
				   "  ip: 10.0.\xff\xfe\n";
	struct inventory inv;
	struct buf err;

	(void)state;
	assert_int_equal(load_bytes(yaml, sizeof(yaml) - 1, &inv, &err), -1);
	assert_string_equal(err.data,
	    "devices.yaml:3:12: YAML syntax error: invalid leading UTF-8 "
	    "octet\n");
	buf_free(&err);

	/* A NUL byte in the file. */
	assert_int_equal(
	    load_bytes("routers:\n- ip: a\0b\n", 19, &inv, &err), -1);
	assert_string_equal(err.data,
	    "devices.yaml:2:8: YAML syntax error: control characters are "
	    "not allowed\n");
	buf_free(&err);
}

static void
test_empty_and_scalar(void **state)
{
	(void)state;
	expect_error(
	    "", "devices.yaml: inventory is empty (no groups of devices)\n");
	expect_error("# only\n# comments\n\n",
	    "devices.yaml: inventory is empty (no groups of devices)\n");
	expect_error("---\n...\n",
	    "devices.yaml: inventory is empty (no groups of devices)\n");
	expect_error("hello\n",
	    "devices.yaml:1:1: top level must be a mapping of groups (like "
	    "'routers:'), found a string\n");
	expect_error("- a\n- b\n",
	    "devices.yaml:1:1: top level must be a mapping of groups (like "
	    "'routers:'), found a list\n");
	expect_error(
	    "routers: []\n", "devices.yaml: no devices in the inventory\n");
	expect_error("defaults: {username: u}\n",
	    "devices.yaml: no devices in the inventory\n");
}

static void
test_missing_file(void **state)
{
	struct inventory inv;
	struct buf err;

	(void)state;
	buf_init(&err);
	unlink("devices.yaml");
	assert_int_equal(inventory_load("devices.yaml", &inv, &err), -1);
	assert_string_equal(
	    err.data, "devices.yaml: No such file or directory\n");
	buf_free(&err);
	buf_init(&err);
	assert_int_equal(inventory_load(".", &inv, &err), -1);
	assert_string_equal(err.data, ".: Is a directory\n");
	buf_free(&err);
}

static void
test_aliases_bounded(void **state)
{
	struct inventory inv;
	struct buf err;
	struct buf y;
	int64_t t0;
	int i;

	(void)state;
	/* A billion laughs: ten levels of ten aliases each. */
	buf_init(&y);
	buf_appendf(
	    &y, "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (i = 1; i < 10; i++)
		buf_appendf(&y,
		    "l%d: &l%d [*l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, "
		    "*l%d, *l%d, *l%d]\n",
		    i, i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
		    i - 1, i - 1, i - 1);
	buf_appendf(&y, "routers: *l9\n");
	t0 = mono_ns();
	assert_int_equal(load(y.data, &inv, &err), -1);
	/*
	 * Not a speed goal (it takes milliseconds): expanding the aliases
	 * would take ten billion steps, so this bound only catches that.
	 */
	assert_true(mono_ns() - t0 < 60 * NS_PER_SEC);
	/* Bounded output: at most 100 lines plus the count of the rest. */
	assert_non_null(strstr(err.data,
	    "devices.yaml:2:10: aliases are not supported ('*l0'); use "
	    "'defaults:' for shared values\n"));
	assert_non_null(strstr(err.data, " more errors not shown\n"));
	buf_free(&err);
	buf_free(&y);

	expect_error(
	    "routers:\n"
	    "- &d {device_type: cisco_ios, ip: 10.0.0.1, username: u}\n"
	    "- *d\n",
	    "devices.yaml:3:3: aliases are not supported ('*d'); use "
	    "'defaults:' for shared values\n");
}

static void
test_many_devices(void **state)
{
	struct inventory inv;
	struct buf err, y;
	size_t i;

	(void)state;
	buf_init(&y);
	buf_appendf(&y, "defaults:\n  username: u\n  device_type: linux\n");
	buf_appendf(&y, "routers:\n");
	for (i = 0; i < 10000; i++)
		buf_appendf(&y, "- ip: 10.%zu.%zu.%zu\n  port: %zu\n",
		    i / 65536, i / 256 % 256, i % 256, 1 + i % 65535);
	assert_int_equal(load(y.data, &inv, &err), 0);
	assert_int_equal(inv.ndevices, 10000);
	assert_string_equal(inv.devices[9999].host, "10.0.39.15");
	assert_int_equal(inv.devices[9999].port, 10000);
	assert_string_equal(inv.devices[9999].name, "10.0.39.15:10000");
	assert_int_equal(inv.devices[21].port, 22);
	assert_string_equal(inv.devices[21].name, "10.0.0.21");
	assert_int_equal(inv.has_passwords, 0);
	inventory_free(&inv);
	buf_free(&err);
	buf_free(&y);
}

/* Compile patterns into a selection and keep what it selects. */
static size_t
select_by(struct inventory *inv, const char *const *patterns, size_t n)
{
	struct hostlist *hl;
	struct buf err;
	size_t kept;

	buf_init(&err);
	hl = hostlist_compile(patterns, n, &err);
	assert_non_null(hl);
	buf_free(&err);
	kept = inventory_select(inv, hl);
	hostlist_free(hl);
	return kept;
}

static void
test_select(void **state)
{
	static const char yaml[] =
	    "routers:\n"
	    "- {device_type: cisco_ios, ip: 10.0.0.1, name: r1, username: u}\n"
	    "- {device_type: cisco_ios, ip: 10.0.0.2, name: r2, username: u}\n"
	    "- {device_type: cisco_ios, ip: 10.0.1.3, name: r3, username: u}\n"
	    "switches:\n"
	    "- {device_type: linux, ip: 10.0.1.4, name: s1, username: u}\n";
	struct inventory inv;
	struct buf err;
	const char *p1[] = {"routers"};
	const char *p2[] = {"!r2"};
	const char *p3[] = {"10.0.1.*", "r1", "!s*"};
	const char *p4[] = {"nothing*"};
	const char *p5[] = {"r1,s1"};
	const char *p6[] = {"r[2-9],!r3"};

	(void)state;
	assert_int_equal(load(yaml, &inv, &err), 0);
	assert_int_equal(select_by(&inv, NULL, 0), 4);
	assert_int_equal(select_by(&inv, p1, 1), 3);
	assert_string_equal(inv.devices[2].name, "r3");
	assert_int_equal(inv.devices[2].index, 2);
	assert_int_equal(select_by(&inv, p2, 1), 2);
	assert_string_equal(inv.devices[0].name, "r1");
	assert_string_equal(inv.devices[1].name, "r3");
	assert_int_equal(inv.devices[1].index, 1);
	inventory_free(&inv);
	buf_free(&err);

	assert_int_equal(load(yaml, &inv, &err), 0);
	assert_int_equal(select_by(&inv, p3, 3), 2);
	assert_string_equal(inv.devices[0].name, "r1");
	assert_string_equal(inv.devices[1].name, "r3");
	assert_int_equal(select_by(&inv, p4, 1), 0);
	assert_int_equal(inv.ndevices, 0);
	inventory_free(&inv);
	buf_free(&err);

	/* Ansible's comma lists and pdsh's ranges. */
	assert_int_equal(load(yaml, &inv, &err), 0);
	assert_int_equal(select_by(&inv, p5, 1), 2);
	assert_string_equal(inv.devices[0].name, "r1");
	assert_string_equal(inv.devices[1].name, "s1");
	inventory_free(&inv);
	buf_free(&err);
	assert_int_equal(load(yaml, &inv, &err), 0);
	assert_int_equal(select_by(&inv, p6, 1), 1);
	assert_string_equal(inv.devices[0].name, "r2");
	inventory_free(&inv);
	buf_free(&err);
}

static void
test_parse_seconds(void **state)
{
	int64_t ms;

	(void)state;
	assert_int_equal(parse_seconds("30", &ms), 0);
	assert_int_equal(ms, 30000);
	assert_int_equal(parse_seconds("2.5", &ms), 0);
	assert_int_equal(ms, 2500);
	assert_int_equal(parse_seconds("0.001", &ms), 0);
	assert_int_equal(ms, 1);
	assert_int_equal(parse_seconds("604800", &ms), 0);
	assert_int_equal(parse_seconds("604801", &ms), -1);
	assert_int_equal(parse_seconds("0", &ms), -1);
	assert_int_equal(parse_seconds("0.0001", &ms), -1);
	assert_int_equal(parse_seconds("010", &ms), -1);
	assert_int_equal(parse_seconds("1.", &ms), -1);
	assert_int_equal(parse_seconds(".5", &ms), -1);
	assert_int_equal(parse_seconds("-1", &ms), -1);
	assert_int_equal(parse_seconds("5s", &ms), -1);
	assert_int_equal(parse_seconds("", &ms), -1);
	assert_int_equal(parse_seconds("99999999999999999999999", &ms), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_course_file),
	    cmocka_unit_test(test_groups_and_defaults),
	    cmocka_unit_test(test_env),
	    cmocka_unit_test(test_env_values_exact),
	    cmocka_unit_test(test_unknown_key),
	    cmocka_unit_test(test_missing_fields),
	    cmocka_unit_test(test_wrong_types),
	    cmocka_unit_test(test_port),
	    cmocka_unit_test(test_values),
	    cmocka_unit_test(test_sim_mapping),
	    cmocka_unit_test(test_device_type),
	    cmocka_unit_test(test_duplicates),
	    cmocka_unit_test(test_syntax),
	    cmocka_unit_test(test_tab_in_value),
	    cmocka_unit_test(test_bad_bytes),
	    cmocka_unit_test(test_empty_and_scalar),
	    cmocka_unit_test(test_missing_file),
	    cmocka_unit_test(test_aliases_bounded),
	    cmocka_unit_test(test_many_devices),
	    cmocka_unit_test(test_select),
	    cmocka_unit_test(test_parse_seconds),
	};

	return cmocka_run_group_tests(tests, setup, fixture_leave);
}
