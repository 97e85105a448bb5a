/*
 * Unit tests for sshroute: what an ssh_config file lays under a device's
 * transport target and which values win (the inventory's, then the
 * command line's, then the file's), the ProxyJump route as tunnel hops
 * with their labels, the ProxyCommand, and a bad file refused at load
 * with file:line. Files are written in a fresh directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "sshroute.h"
#include "util.h"

static char path[4096];

static void
write_file(const char *text)
{
	const char *t = getenv("TMPDIR");
	FILE *fp;
	int fd;

	snprintf(path, sizeof(path), "%s/test_sshroute-XXXXXX",
	    t != NULL && t[0] != '\0' ? t : "/tmp");
	fd = mkstemp(path);
	assert_true(fd != -1);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* A run with one file, --ssh-config path; cfg defaults as options has. */
struct fixture {
	struct config cfg;
	struct inventory inv;
	struct device dev;
	struct sshroute_set *set;
	struct transport_target tg;
	struct tunnel_spec spec;
	struct sshroute r;
	int64_t connect_ms;
};

static void
start(struct fixture *x, const char *file, const char *host)
{
	struct buf err;

	memset(x, 0, sizeof(*x));
	if (file != NULL) {
		write_file(file);
		x->cfg.ssh_config = path;
	}
	x->cfg.connect_timeout_ms = 10000;
	x->cfg.auth_timeout_ms = 15000;
	x->cfg.host_key_check = HOSTKEY_ACCEPT_NEW;
	x->cfg.known_hosts = "/kh/default";
	x->dev.name = "dev";
	x->dev.host = (char *)host;
	x->dev.port = 22;
	x->inv.devices = &x->dev;
	x->inv.ndevices = 1;
	buf_init(&err);
	x->set = sshroute_load(&x->cfg, &x->inv, &err);
	assert_non_null(x->set);
	buf_free(&err);
}

/* The worker's part: the target from the device, then the route. */
static int
apply(struct fixture *x)
{
	struct failure f = {.kind = ERR_NONE};

	x->tg = (struct transport_target){
	    .host = x->dev.host,
	    .port = x->dev.port,
	    .username = x->dev.username,
	    .password = x->dev.password,
	    .hostkey_mode = x->dev.host_key_check,
	    .known_hosts = x->cfg.known_hosts,
	};
	if (x->dev.key_file != NULL) {
		x->tg.key_files = (const char *const *)&x->dev.key_file;
		x->tg.nkey_files = 1;
	}
	x->connect_ms = x->cfg.connect_timeout_ms;
	return sshroute_apply(x->set, &x->cfg, &x->dev, &x->tg, &x->connect_ms,
	    &x->spec, &x->r, &f);
}

static void
finish(struct fixture *x)
{
	sshroute_clear(&x->r);
	sshroute_free(x->set);
	if (x->cfg.ssh_config != NULL)
		unlink(path);
}

static void
test_no_file(void **state)
{
	struct fixture x;

	(void)state;
	start(&x, NULL, "10.0.0.1");
	assert_int_equal(apply(&x), 0);
	assert_string_equal(x.spec.host, "10.0.0.1");
	assert_int_equal(x.spec.port, 22);
	assert_int_equal(x.spec.nhops, 0);
	assert_null(x.spec.proxy_command);
	assert_int_equal(x.tg.hostkey_mode, HOSTKEY_ACCEPT_NEW);
	assert_int_equal(x.connect_ms, 10000);
	finish(&x);
}

static const char *const FILE1 = "Host r1\n"
				 "  HostName 10.1.1.1\n"
				 "  Port 2022\n"
				 "  User ops\n"
				 "  IdentityFile /keys/r1\n"
				 "  IdentitiesOnly yes\n"
				 "  StrictHostKeyChecking yes\n"
				 "  UserKnownHostsFile /kh/file\n"
				 "  ConnectTimeout 3\n";

static void
test_file_fills_what_the_inventory_lacks(void **state)
{
	struct fixture x;

	(void)state;
	start(&x, FILE1, "r1");
	x.dev.use_agent = 1;
	assert_int_equal(apply(&x), 0);
	assert_string_equal(x.tg.host, "10.1.1.1");
	assert_int_equal(x.tg.port, 2022);
	assert_string_equal(x.tg.username, "ops");
	assert_int_equal(x.tg.nkey_files, 1);
	assert_string_equal(x.tg.key_files[0], "/keys/r1");
	assert_int_equal(x.tg.skip_missing_keys, 1);
	assert_int_equal(x.tg.use_agent, 0);
	assert_int_equal(x.tg.hostkey_mode, HOSTKEY_STRICT);
	assert_string_equal(x.tg.known_hosts, "/kh/file");
	assert_int_equal(x.connect_ms, 3000);
	assert_string_equal(x.spec.host, "10.1.1.1");
	assert_int_equal(x.spec.port, 2022);
	assert_int_equal(x.spec.connect_ms, 3000);
	finish(&x);
}

static void
test_inventory_and_command_line_win(void **state)
{
	struct fixture x;

	(void)state;
	start(&x, FILE1, "r1");
	x.dev.port = 22;
	x.dev.port_given = 1;
	x.dev.username = "admin";
	x.dev.key_file = "/keys/mine";
	x.dev.connect_timeout_ms = 7000;
	x.dev.host_key_check = HOSTKEY_OFF;
	x.connect_ms = 7000;
	assert_int_equal(apply(&x), 0);
	assert_int_equal(x.tg.port, 22);
	assert_string_equal(x.tg.username, "admin");
	assert_int_equal(x.tg.nkey_files, 1);
	assert_string_equal(x.tg.key_files[0], "/keys/mine");
	assert_int_equal(x.tg.hostkey_mode, HOSTKEY_OFF);
	finish(&x);

	start(&x, FILE1, "r1");
	x.cfg.given_hostkey = 1;
	x.cfg.host_key_check = HOSTKEY_ACCEPT_NEW;
	x.cfg.given_known_hosts = 1;
	x.cfg.given_connect = 1;
	assert_int_equal(apply(&x), 0);
	assert_int_equal(x.tg.hostkey_mode, HOSTKEY_ACCEPT_NEW);
	assert_string_equal(x.tg.known_hosts, "/kh/default");
	assert_int_equal(x.connect_ms, 10000);
	finish(&x);
}

static void
test_device_says_none(void **state)
{
	struct fixture x;

	(void)state;
	start(&x, FILE1, "r1");
	x.dev.ssh_config = "none";
	assert_int_equal(apply(&x), 0);
	assert_string_equal(x.tg.host, "r1");
	assert_int_equal(x.tg.port, 22);
	assert_string_equal(x.spec.host, "r1");
	assert_int_equal(x.tg.hostkey_mode, HOSTKEY_ACCEPT_NEW);
	finish(&x);
}

static void
test_proxy_jump_hops(void **state)
{
	struct fixture x;
	const struct tunnel_hop *h;

	(void)state;
	start(&x,
	    "Host dev\n"
	    "  HostName 10.9.9.9\n"
	    "  ProxyJump bastion,admin@10.0.0.2:2222\n"
	    "Host bastion\n"
	    "  HostName 10.0.0.1\n"
	    "  User jumper\n"
	    "  IdentityFile /keys/jump\n"
	    "  StrictHostKeyChecking accept-new\n"
	    "  UserKnownHostsFile none\n"
	    "  ConnectTimeout 2\n",
	    "dev");
	x.dev.password = "pw";
	assert_int_equal(apply(&x), 0);
	assert_int_equal(x.spec.nhops, 2);
	assert_string_equal(x.spec.host, "10.9.9.9");
	assert_int_equal(x.spec.port, 22);
	assert_null(x.spec.proxy_command);
	/* The device keeps its password and gets no key files. */
	assert_int_equal(x.tg.nkey_files, 0);
	h = &x.spec.hops[0];
	assert_string_equal(h->label, "bastion");
	assert_string_equal(h->tg.host, "10.0.0.1");
	assert_int_equal(h->tg.port, 22);
	assert_string_equal(h->tg.username, "jumper");
	assert_null(h->tg.password);
	assert_int_equal(h->tg.nkey_files, 1);
	assert_string_equal(h->tg.key_files[0], "/keys/jump");
	assert_int_equal(h->tg.hostkey_mode, HOSTKEY_ACCEPT_NEW);
	assert_string_equal(h->tg.known_hosts, "/dev/null");
	assert_int_equal(h->connect_ms, 2000);
	assert_int_equal(h->auth_ms, 15000);
	h = &x.spec.hops[1];
	assert_string_equal(h->label, "admin@10.0.0.2:2222");
	assert_string_equal(h->tg.host, "10.0.0.2");
	assert_int_equal(h->tg.port, 2222);
	assert_string_equal(h->tg.username, "admin");
	assert_int_equal(h->tg.hostkey_mode, HOSTKEY_ACCEPT_NEW);
	assert_string_equal(h->tg.known_hosts, "/kh/default");
	assert_int_equal(h->connect_ms, 10000);
	finish(&x);
}

static void
test_proxy_command(void **state)
{
	struct fixture x;

	(void)state;
	start(&x,
	    "Host dev\n"
	    "  HostName 10.9.9.9\n"
	    "  User ops\n"
	    "  ProxyCommand ssh -W %h:%p -l %r gw\n",
	    "dev");
	x.dev.password = "pw";
	assert_int_equal(apply(&x), 0);
	assert_int_equal(x.spec.nhops, 0);
	assert_string_equal(
	    x.spec.proxy_command, "ssh -W 10.9.9.9:22 -l ops gw");
	finish(&x);
}

static void
test_bad_file(void **state)
{
	struct config cfg = {0};
	struct inventory inv = {0};
	struct buf err;
	char *want;

	(void)state;
	write_file("Host a\n  Port 99999\n");
	cfg.ssh_config = path;
	buf_init(&err);
	assert_null(sshroute_load(&cfg, &inv, &err));
	want = xasprintf("%s:2: ", path);
	assert_non_null(err.data);
	assert_true(strncmp(err.data, want, strlen(want)) == 0);
	free(want);
	buf_free(&err);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_no_file),
	    cmocka_unit_test(test_file_fills_what_the_inventory_lacks),
	    cmocka_unit_test(test_inventory_and_command_line_win),
	    cmocka_unit_test(test_device_says_none),
	    cmocka_unit_test(test_proxy_jump_hops),
	    cmocka_unit_test(test_proxy_command),
	    cmocka_unit_test(test_bad_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
