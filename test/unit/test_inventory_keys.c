/*
 * Unit tests for the inventory keys of version 2: a Netmiko
 * ConnectHandler mapping (its names for our keys, its device_type names,
 * its own settings accepted with one notice), data:, enable:, shell:,
 * device_errors:, error_pattern:, the per-device stage timeouts and
 * files, and IPv6 management addresses with their labels and --limit.
 * Each test writes "devices.yaml" in a private temporary directory and
 * asserts the loader's messages byte for byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "hostlist.h"
#include "inventory.h"
#include "util.h"

#include "inventory_fixture.h"

static int
setup(void **state)
{
	(void)state;
	return fixture_enter("nc-inv-keys");
}

/* Load yaml, which must succeed; inv is the caller's to free. */
static void
load_ok(const char *yaml, struct inventory *inv)
{
	struct buf err;

	if (load(yaml, inv, &err) != 0)
		fail_msg("load failed: %s", err.data ? err.data : "");
	buf_free(&err);
}

static void
test_netmiko_file(void **state)
{
	struct inventory inv;
	const struct device *d;

	(void)state;
	load_ok("routers:\n"
		"- device_type: cisco_ios_ssh\n"
		"  ip: 10.0.0.1\n"
		"  username: admin\n"
		"  password: admin\n"
		"  secret: s3cret\n"
		"  fast_cli: true\n"
		"  global_delay_factor: 2\n"
		"  conn_timeout: 5\n"
		"  auth_timeout: 10\n"
		"  timeout: 100\n"
		"  read_timeout_override: 20.5\n"
		"  session_log: logs/r1.log\n"
		"  allow_agent: true\n"
		"  key_file: /keys/id\n"
		"  passphrase: pp\n"
		"  ssh_config_file: /etc/nm_ssh_config\n"
		"  verbose: false\n"
		"- device_type: cisco_xe\n"
		"  host: 10.0.0.2\n"
		"  username: admin\n"
		"  password: admin\n"
		"  fast_cli: false\n"
		"  keepalive: 30\n"
		"  blocking_timeout: 8\n"
		"  banner_timeout: 15\n"
		"  session_timeout: 60\n"
		"  disabled_algorithms: {pubkeys: [rsa-sha2-512]}\n"
		"  serial_settings: [1, 2]\n",
	    &inv);
	assert_int_equal(inv.ndevices, 2);
	d = &inv.devices[0];
	assert_string_equal(d->device_type, "cisco_ios");
	assert_string_equal(d->platform->name, "cisco_ios");
	assert_int_equal(d->connect_timeout_ms, 5000);
	assert_int_equal(d->auth_timeout_ms, 10000);
	assert_int_equal(d->timeout_ms, 100000);
	assert_int_equal(d->read_timeout_ms, 20500);
	assert_string_equal(d->session_log, "logs/r1.log");
	assert_int_equal(d->use_agent, 1);
	assert_string_equal(d->key_file, "/keys/id");
	assert_string_equal(d->passphrase, "pp");
	assert_string_equal(d->ssh_config, "/etc/nm_ssh_config");
	d = &inv.devices[1];
	assert_string_equal(d->device_type, "cisco_xe");
	assert_null(d->session_log);
	assert_int_equal(d->connect_timeout_ms, 0);
	/* One notice for the file, each setting once, in the table's order. */
	assert_non_null(inv.notice);
	assert_string_equal(inv.notice,
	    "devices.yaml: Netmiko settings with no effect in netcollect "
	    "(ignored): fast_cli, global_delay_factor, verbose, "
	    "banner_timeout, blocking_timeout, session_timeout, keepalive, "
	    "serial_settings, disabled_algorithms");
	inventory_free(&inv);

	/* netcollect's own spellings: no notice. */
	load_ok("r:\n"
		"- device_type: cisco_ios\n"
		"  ip: 10.0.0.1\n"
		"  username: u\n"
		"  connect_timeout: 2\n"
		"  ssh_config: cfg\n"
		"  use_agent: yes\n",
	    &inv);
	assert_null(inv.notice);
	assert_int_equal(inv.devices[0].connect_timeout_ms, 2000);
	assert_string_equal(inv.devices[0].ssh_config, "cfg");
	inventory_free(&inv);
}

static void
test_device_type_aliases(void **state)
{
	static const char *const pairs[][2] = {
	    {"cisco_ios_ssh", "cisco_ios"},
	    {"cisco_xe", "cisco_xe"},
	    {"cisco_xe_ssh", "cisco_xe"},
	    {"cisco_nxos_ssh", "cisco_nxos"},
	    {"cisco_asa_ssh", "cisco_asa"},
	    {"cisco_xr_ssh", "cisco_xr"},
	    {"juniper", "juniper_junos"},
	    {"juniper_ssh", "juniper_junos"},
	    {"juniper_junos_ssh", "juniper_junos"},
	    {"arista_eos_ssh", "arista_eos"},
	    {"hp_procurve_ssh", "hp_procurve"},
	    {"linux_ssh", "linux"},
	};
	struct inventory inv;
	char yaml[512];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		snprintf(yaml, sizeof(yaml),
		    "r:\n- device_type: %s\n  ip: 10.0.0.1\n  username: u\n",
		    pairs[i][0]);
		load_ok(yaml, &inv);
		assert_string_equal(inv.devices[0].device_type, pairs[i][1]);
		assert_string_equal(inv.devices[0].platform->name, pairs[i][1]);
		inventory_free(&inv);
	}
	expect_error("r:\n"
		     "- device_type: cisco_ios_telnet\n"
		     "  ip: 10.0.0.1\n"
		     "  username: u\n"
		     "- device_type: juniper_telnet\n"
		     "  ip: 10.0.0.2\n"
		     "  username: u\n"
		     "- device_type: rad_etx_telnet\n"
		     "  ip: 10.0.0.3\n"
		     "  username: u\n"
		     "- device_type: cisco_ios_serial\n"
		     "  ip: 10.0.0.4\n"
		     "  username: u\n"
		     "- device_type: cisco_ios_sssh\n"
		     "  ip: 10.0.0.5\n"
		     "  username: u\n",
	    "devices.yaml:2:16: r[0]: device_type 'cisco_ios_telnet': telnet "
	    "is not supported (netcollect speaks SSH: device_type: "
	    "cisco_ios)\n"
	    "devices.yaml:5:16: r[1]: device_type 'juniper_telnet': telnet is "
	    "not supported (netcollect speaks SSH: device_type: "
	    "juniper_junos)\n"
	    "devices.yaml:8:16: r[2]: device_type 'rad_etx_telnet': telnet is "
	    "not supported (netcollect speaks SSH)\n"
	    "devices.yaml:11:16: r[3]: device_type 'cisco_ios_serial': a "
	    "serial console is not supported (netcollect speaks SSH: "
	    "device_type: cisco_ios)\n"
	    "devices.yaml:14:16: r[4]: unknown device_type 'cisco_ios_sssh' "
	    "(valid: cisco_ios, cisco_xe, cisco_nxos, cisco_asa, cisco_xr, "
	    "arista_eos, juniper_junos, hp_procurve, linux, generic)\n");
}

static void
test_spellings(void **state)
{
	(void)state;
	expect_error("r:\n"
		     "- device_type: cisco_ios\n"
		     "  ip: 10.0.0.1\n"
		     "  username: u\n"
		     "  use_agent: true\n"
		     "  allow_agent: false\n"
		     "  conn_timeout: 1\n"
		     "  conn_timeout: 2\n"
		     "  conn_timout: 3\n"
		     "  read_timeout_override: x\n"
		     "  fast_cli: [whatever, shape]\n",
	    "devices.yaml:6:3: r[0]: both 'use_agent' and 'allow_agent' "
	    "given; use one\n"
	    "devices.yaml:8:3: r[0]: duplicate key 'conn_timeout'\n"
	    "devices.yaml:9:3: r[0]: unknown key 'conn_timout' (did you mean "
	    "'conn_timeout'?)\n"
	    "devices.yaml:10:26: r[0]: read_timeout_override: 'x' is not a "
	    "duration (positive decimal seconds, like 30 or 2.5)\n");
	/* In defaults, and overridden by the device under another name. */
	{
		struct inventory inv;

		load_ok("defaults:\n"
			"  conn_timeout: 3\n"
			"  device_type: cisco_ios\n"
			"  username: u\n"
			"r:\n"
			"- ip: 10.0.0.1\n"
			"  connect_timeout: 7\n"
			"- ip: 10.0.0.2\n",
		    &inv);
		assert_int_equal(inv.devices[0].connect_timeout_ms, 7000);
		assert_int_equal(inv.devices[1].connect_timeout_ms, 3000);
		inventory_free(&inv);
	}
}

static void
test_data(void **state)
{
	struct inventory inv;
	const struct device *d;
	char *var;

	(void)state;
	setenv("NC_TEST_RACK", "r-12", 1);
	load_ok(
	    "defaults:\n"
	    "  device_type: cisco_ios\n"
	    "  username: u\n"
	    "  data:\n"
	    "    site: lab\n"
	    "    tier: 2\n"
	    "r:\n"
	    "- name: R1\n"
	    "  ip: 10.0.0.1\n"
	    "  data: {site: paris, rack: \"${NC_TEST_RACK}\", _x9: \"a b\"}\n"
	    "- name: R2\n"
	    "  ip: 10.0.0.2\n"
	    "- name: R3\n"
	    "  ip: 10.0.0.3\n"
	    "  data: {}\n",
	    &inv);
	unsetenv("NC_TEST_RACK");
	d = &inv.devices[0];
	assert_int_equal(d->ndata, 4);
	assert_string_equal(d->data[0].key, "site");
	assert_string_equal(d->data[0].value, "paris");
	assert_string_equal(d->data[1].key, "tier");
	assert_string_equal(d->data[1].value, "2");
	assert_string_equal(d->data[2].key, "rack");
	assert_string_equal(d->data[2].value, "r-12");
	assert_string_equal(d->data[3].key, "_x9");
	assert_string_equal(d->data[3].value, "a b");
	var = device_data_var(&d->data[3]);
	assert_string_equal(var, "NC_DATA__X9=a b");
	free(var);
	var = device_data_var(&d->data[0]);
	assert_string_equal(var, "NC_DATA_SITE=paris");
	free(var);
	d = &inv.devices[1];
	assert_int_equal(d->ndata, 2);
	assert_string_equal(d->data[0].key, "site");
	assert_string_equal(d->data[0].value, "lab");
	assert_string_equal(d->data[1].value, "2");
	/* An empty data: of its own still has the defaults' entries. */
	assert_int_equal(inv.devices[2].ndata, 2);
	inventory_free(&inv);

	load_ok(
	    "r:\n- device_type: linux\n  ip: 10.0.0.1\n  username: u\n", &inv);
	assert_int_equal(inv.devices[0].ndata, 0);
	assert_null(inv.devices[0].data);
	inventory_free(&inv);

	expect_error("r:\n"
		     "- device_type: linux\n"
		     "  ip: 10.0.0.1\n"
		     "  username: u\n"
		     "  data:\n"
		     "    site: a\n"
		     "    SITE: b\n"
		     "    site: c\n"
		     "    x-y: 1\n"
		     "    9lives: 1\n"
		     "    nest: {a: 1}\n"
		     "    list: [1]\n"
		     "    none: ~\n"
		     "    [k]: v\n"
		     "- device_type: linux\n"
		     "  ip: 10.0.0.2\n"
		     "  username: u\n"
		     "  data: [site]\n"
		     "  dta: {}\n",
	    "devices.yaml:7:5: r[0]: data: 'site' and 'SITE' would both be "
	    "NC_DATA_SITE\n"
	    "devices.yaml:8:5: r[0]: data: duplicate key 'site'\n"
	    "devices.yaml:9:5: r[0]: data: 'x-y' cannot name a variable "
	    "(letters, digits and '_', at most 64, not starting with a "
	    "digit)\n"
	    "devices.yaml:10:5: r[0]: data: '9lives' cannot name a variable "
	    "(letters, digits and '_', at most 64, not starting with a "
	    "digit)\n"
	    "devices.yaml:11:11: r[0]: data.nest: expected a string, number "
	    "or boolean, found a mapping\n"
	    "devices.yaml:12:11: r[0]: data.list: expected a string, number "
	    "or boolean, found a list\n"
	    "devices.yaml:13:11: r[0]: data.none: no value\n"
	    "devices.yaml:14:5: r[0]: data: a key must be a string, found a "
	    "list\n"
	    "devices.yaml:18:9: r[1]: data: expected a mapping of names to "
	    "values, found a list\n"
	    "devices.yaml:19:3: r[1]: unknown key 'dta' (did you mean "
	    "'data'?)\n");
}

static void
test_enable_shell_device_errors(void **state)
{
	struct inventory inv;

	(void)state;
	load_ok("defaults:\n"
		"  device_type: cisco_ios\n"
		"  username: u\n"
		"  device_errors: ignore\n"
		"r:\n"
		"- ip: 10.0.0.1\n"
		"  enable: false\n"
		"- ip: 10.0.0.2\n"
		"  enable: true\n"
		"  device_errors: fail\n"
		"- ip: 10.0.0.3\n"
		"  device_type: linux\n"
		"  shell: yes\n",
	    &inv);
	assert_int_equal(inv.devices[0].no_enable, 1);
	assert_int_equal(inv.devices[0].ignore_device_errors, 1);
	assert_int_equal(inv.devices[0].shell, 0);
	assert_int_equal(inv.devices[1].no_enable, 0);
	assert_int_equal(inv.devices[1].ignore_device_errors, 0);
	assert_int_equal(inv.devices[2].no_enable, 0);
	assert_int_equal(inv.devices[2].shell, 1);
	assert_int_equal(inv.devices[2].ignore_device_errors, 1);
	inventory_free(&inv);

	expect_error("r:\n"
		     "- device_type: cisco_ios\n"
		     "  ip: 10.0.0.1\n"
		     "  username: u\n"
		     "  enable: no-thanks\n"
		     "  shell: 1\n"
		     "  device_errors: Ignore\n",
	    "devices.yaml:5:11: r[0]: enable: 'no-thanks' is not a boolean "
	    "(true, false, yes or no)\n"
	    "devices.yaml:6:10: r[0]: shell: '1' is not a boolean (true, "
	    "false, yes or no)\n"
	    "devices.yaml:7:18: r[0]: device_errors: 'Ignore' is not one of "
	    "fail, ignore\n");
}

static void
test_error_pattern(void **state)
{
	struct inventory inv;

	(void)state;
	load_ok("defaults:\n"
		"  device_type: cisco_ios\n"
		"  username: u\n"
		"  error_pattern: '^% Site policy'\n"
		"r:\n"
		"- ip: 10.0.0.1\n"
		"- ip: 10.0.0.2\n"
		"  error_pattern:\n"
		"  - '^ERR-\\d+'\n"
		"  - 'denied$'\n",
	    &inv);
	assert_int_equal(inv.devices[0].nerror_patterns, 1);
	assert_string_equal(inv.devices[0].error_patterns[0], "^% Site policy");
	assert_int_equal(inv.devices[1].nerror_patterns, 2);
	assert_string_equal(inv.devices[1].error_patterns[0], "^ERR-\\d+");
	assert_string_equal(inv.devices[1].error_patterns[1], "denied$");
	inventory_free(&inv);

	expect_error("r:\n"
		     "- device_type: cisco_ios\n"
		     "  ip: 10.0.0.1\n"
		     "  username: u\n"
		     "  error_pattern: '(unclosed'\n"
		     "- device_type: cisco_ios\n"
		     "  ip: 10.0.0.2\n"
		     "  username: u\n"
		     "  error_pattern: [ok, '[bad', {a: b}, '']\n"
		     "- device_type: cisco_ios\n"
		     "  ip: 10.0.0.3\n"
		     "  username: u\n"
		     "  error_pattern: {a: b}\n",
	    "devices.yaml:5:18: r[0]: error_pattern: '(unclosed' is not a "
	    "valid PCRE2 pattern: missing closing parenthesis (at offset 9)\n"
	    "devices.yaml:9:23: r[1]: error_pattern[1]: '[bad' is not a valid "
	    "PCRE2 pattern: missing terminating ] for character class (at "
	    "offset 4)\n"
	    "devices.yaml:9:31: r[1]: expected a pattern, found a mapping\n"
	    "devices.yaml:9:39: r[1]: error_pattern[3]: empty pattern\n"
	    "devices.yaml:13:18: r[2]: error_pattern: expected a pattern or a "
	    "list of them, found a mapping\n");
}

static void
test_ipv6(void **state)
{
	static const struct {
		const char *key, *value, *host, *name, *label;
		unsigned port;
	} cases[] = {
	    {"ip", "::1", "::1", "::1", "[::1]:22", 22},
	    {"ip", "2001:db8::1", "2001:db8::1", "2001:db8::1",
		"[2001:db8::1]:22", 22},
	    {"host", "\"[::1]\"", "::1", "::1", "[::1]:22", 22},
	    {"ip", "'[::1]:2222'", "::1", "[::1]:2222", "[::1]:2222", 2222},
	    {"host", "'[r1.lab]:830'", "r1.lab", "r1.lab:830", "r1.lab:830",
		830},
	    {"ip", "10.0.0.1:2200", "10.0.0.1", "10.0.0.1:2200",
		"10.0.0.1:2200", 2200},
	    {"ip", "fe80::1%lo", "fe80::1%lo", "fe80::1%lo", "[fe80::1%lo]:22",
		22},
	};
	struct inventory inv;
	char yaml[512], *label;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(yaml, sizeof(yaml),
		    "r:\n- device_type: linux\n  %s: %s\n  username: u\n",
		    cases[i].key, cases[i].value);
		load_ok(yaml, &inv);
		assert_string_equal(inv.devices[0].host, cases[i].host);
		assert_int_equal(inv.devices[0].port, cases[i].port);
		assert_string_equal(inv.devices[0].name, cases[i].name);
		label = device_hostport(&inv.devices[0]);
		assert_string_equal(label, cases[i].label);
		free(label);
		inventory_free(&inv);
	}

	/* port: with a bare IPv6 address; the address's port wins over a
	 * default one, a device's own port: over a default address's. */
	load_ok("defaults:\n"
		"  device_type: linux\n"
		"  username: u\n"
		"  port: 2000\n"
		"r:\n"
		"- ip: ::1\n"
		"  port: 2222\n"
		"- ip: '[::1]:2300'\n"
		"- ip: ::1\n",
	    &inv);
	assert_int_equal(inv.devices[0].port, 2222);
	assert_string_equal(inv.devices[0].name, "[::1]:2222");
	assert_int_equal(inv.devices[1].port, 2300);
	assert_int_equal(inv.devices[2].port, 2000);
	inventory_free(&inv);

	expect_error("r:\n"
		     "- device_type: linux\n"
		     "  username: u\n"
		     "  ip: '[::1'\n"
		     "- device_type: linux\n"
		     "  username: u\n"
		     "  ip: 2001:db8::zz\n"
		     "- device_type: linux\n"
		     "  username: u\n"
		     "  ip: '[]:22'\n"
		     "- device_type: linux\n"
		     "  username: u\n"
		     "  ip: '[::1]x'\n"
		     "- device_type: linux\n"
		     "  username: u\n"
		     "  ip: '[::1]:0'\n"
		     "- device_type: linux\n"
		     "  username: u\n"
		     "  host: 'r1:'\n"
		     "- device_type: linux\n"
		     "  username: u\n"
		     "  host: 'a[::1]'\n"
		     "- device_type: linux\n"
		     "  username: u\n"
		     "  host: '[1::2::3]'\n"
		     "- device_type: linux\n"
		     "  username: u\n"
		     "  host: 10.0.0.1]\n",
	    "devices.yaml:4:7: r[0]: ip: '[::1' has '[' without ']'\n"
	    "devices.yaml:7:7: r[1]: ip: '2001:db8::zz' is not an IPv6 "
	    "address (a port goes after brackets: [ADDRESS]:PORT)\n"
	    "devices.yaml:10:7: r[2]: ip: '[]:22': nothing between '[' and "
	    "']'\n"
	    "devices.yaml:13:7: r[3]: ip: '[::1]x': only ':PORT' may follow "
	    "']'\n"
	    "devices.yaml:16:7: r[4]: ip: '[::1]:0': '0' is not a port number "
	    "(decimal 1-65535)\n"
	    "devices.yaml:19:9: r[5]: host: 'r1:': '' is not a port number "
	    "(decimal 1-65535)\n"
	    "devices.yaml:22:9: r[6]: host: 'a[::1]': '[' only starts an "
	    "address\n"
	    "devices.yaml:25:9: r[7]: host: '[1::2::3]' is not an IPv6 "
	    "address\n"
	    "devices.yaml:28:9: r[8]: host: '10.0.0.1]' has ']' without "
	    "'['\n");
	expect_error("r:\n"
		     "- device_type: linux\n"
		     "  username: u\n"
		     "  ip: '[::1]:2222'\n"
		     "  port: 22\n",
	    "devices.yaml:2:3: r[0]: both 'port' and a port in the address "
	    "('[::1]:2222') given; use one\n");
}

/* --limit takes the bracketed label itself, glob characters and all. */
static void
test_select_bracketed(void **state)
{
	static const char yaml[] = "r:\n"
				   "- device_type: linux\n"
				   "  username: u\n"
				   "  ip: '[::1]:2222'\n"
				   "- device_type: linux\n"
				   "  username: u\n"
				   "  ip: ::1\n"
				   "- name: v4\n"
				   "  device_type: linux\n"
				   "  username: u\n"
				   "  ip: 127.0.0.1\n";
	static const struct {
		const char *pattern;
		size_t n;
		const char *first;
	} cases[] = {
	    {"[::1]:2222", 1, "[::1]:2222"},
	    {"[::1]:22", 1, "::1"},
	    {"::1", 2, "[::1]:2222"},
	    {"!::1", 1, "v4"},
	    {"127.0.0.1:22", 1, "v4"},
	    {"*:2222", 1, "[::1]:2222"},
	};
	struct inventory inv;
	struct hostlist *hl;
	struct buf err;
	size_t i;

	(void)state;
	buf_init(&err);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		load_ok(yaml, &inv);
		hl = hostlist_compile(&cases[i].pattern, 1, &err);
		assert_non_null(hl);
		assert_int_equal(inventory_select(&inv, hl), cases[i].n);
		assert_string_equal(inv.devices[0].name, cases[i].first);
		hostlist_free(hl);
		inventory_free(&inv);
	}
	buf_free(&err);
}

static void
test_use_keys_and_ssh_strict(void **state)
{
	char home[4200], dir[4300], key[4400];
	const char *old = getenv("HOME");
	char *saved = old != NULL ? xstrdup(old) : NULL;
	struct inventory inv;
	FILE *f;

	(void)state;
	snprintf(home, sizeof(home), "%s/home", fixture_dir);
	snprintf(dir, sizeof(dir), "%s/.ssh", home);
	snprintf(key, sizeof(key), "%s/id_ecdsa", dir);
	assert_int_equal(mkdir(home, 0700), 0);
	assert_int_equal(mkdir(dir, 0700), 0);
	setenv("HOME", home, 1);

	/* No key there: use_keys finds none (and says nothing). */
	load_ok("r:\n- device_type: linux\n  ip: 10.0.0.1\n  username: u\n"
		"  use_keys: true\n",
	    &inv);
	assert_null(inv.devices[0].key_file);
	inventory_free(&inv);

	assert_non_null(f = fopen(key, "w"));
	fclose(f);
	load_ok("r:\n"
		"- device_type: linux\n  ip: 10.0.0.1\n  username: u\n"
		"  use_keys: true\n  ssh_strict: true\n"
		"- device_type: linux\n  ip: 10.0.0.2\n  username: u\n"
		"  use_keys: true\n  key_file: /mine\n"
		"  ssh_strict: true\n  host_key_check: off\n"
		"- device_type: linux\n  ip: 10.0.0.3\n  username: u\n"
		"  use_keys: false\n  ssh_strict: false\n",
	    &inv);
	assert_string_equal(inv.devices[0].key_file, key);
	assert_int_equal(inv.devices[0].host_key_check, HOSTKEY_STRICT);
	assert_string_equal(inv.devices[1].key_file, "/mine");
	assert_int_equal(inv.devices[1].host_key_check, HOSTKEY_OFF);
	assert_null(inv.devices[2].key_file);
	assert_int_equal(inv.devices[2].host_key_check, HOSTKEY_DEFAULT);
	inventory_free(&inv);

	unlink(key);
	rmdir(dir);
	rmdir(home);
	if (saved != NULL)
		setenv("HOME", saved, 1);
	else
		unsetenv("HOME");
	free(saved);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_netmiko_file, setup, fixture_leave),
	    cmocka_unit_test_setup_teardown(
		test_device_type_aliases, setup, fixture_leave),
	    cmocka_unit_test_setup_teardown(
		test_spellings, setup, fixture_leave),
	    cmocka_unit_test_setup_teardown(test_data, setup, fixture_leave),
	    cmocka_unit_test_setup_teardown(
		test_enable_shell_device_errors, setup, fixture_leave),
	    cmocka_unit_test_setup_teardown(
		test_error_pattern, setup, fixture_leave),
	    cmocka_unit_test_setup_teardown(test_ipv6, setup, fixture_leave),
	    cmocka_unit_test_setup_teardown(
		test_select_bracketed, setup, fixture_leave),
	    cmocka_unit_test_setup_teardown(
		test_use_keys_and_ssh_strict, setup, fixture_leave),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
