/*
 * Unit tests for sshconfig: each keyword we use, the line syntax, Host
 * patterns and negation, first value wins, Match, Include, tokens, the
 * ProxyJump grammar and routes, and every error with its exact
 * "file:line: message" text. Each test runs in a fresh directory that is
 * also the home directory (~) of a user "alice" on "box.example.net".
 * test/regress/t3601 checks the same resolution against `ssh -G`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "sshconfig.h"
#include "util.h"

static char dir[4096];
static struct sshconfig_env env;

static int
setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof(dir), "%s/test_sshconfig-XXXXXX",
	    t != NULL && t[0] != '\0' ? t : "/tmp");
	if (mkdtemp(dir) == NULL || chdir(dir) == -1)
		return -1;
	memset(&env, 0, sizeof(env));
	env.home = dir;
	env.user = "alice";
	env.localhost = "box.example.net";
	return 0;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
teardown(void **state)
{
	(void)state;
	if (chdir("/") == -1)
		return -1;
	return nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
put(const char *path, const char *content)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(
	    fwrite(content, 1, strlen(content), f), strlen(content));
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, 0644), 0);
}

static struct sshconfig *
load(const char *content)
{
	struct sshconfig *cfg;
	struct buf err;

	put("config", content);
	buf_init(&err);
	cfg = sshconfig_load("config", &env, &err);
	if (cfg == NULL)
		fprintf(stderr, "unexpected errors:\n%s", err.data);
	assert_non_null(cfg);
	assert_null(err.data);
	return cfg;
}

/* Loading content fails with exactly the lines expected. */
static void
expect_error(const char *content, const char *expected)
{
	struct buf err;

	put("config", content);
	buf_init(&err);
	assert_null(sshconfig_load("config", &env, &err));
	assert_non_null(err.data);
	assert_string_equal(err.data, expected);
	buf_free(&err);
}

static struct sshconfig_opts opts;

/* Look host up (user and port as the caller's) into opts. */
static struct sshconfig_opts *
lookq(const struct sshconfig *cfg, const char *host, const char *user,
    unsigned port)
{
	struct sshconfig_query q;
	struct buf err;

	sshconfig_opts_free(&opts);
	memset(&q, 0, sizeof(q));
	q.host = host;
	q.user = user;
	q.port = port;
	buf_init(&err);
	if (sshconfig_lookup(cfg, &q, &opts, &err) == -1)
		fprintf(stderr, "lookup failed: %s", err.data);
	assert_null(err.data);
	return &opts;
}

static struct sshconfig_opts *
look(const struct sshconfig *cfg, const char *host)
{
	return lookq(cfg, host, NULL, 0);
}

static char *
home_path(const char *rest)
{
	static char p[8192];

	snprintf(p, sizeof(p), "%s%s", dir, rest);
	return p;
}

static void
test_defaults(void **state)
{
	struct sshconfig *cfg = load("# nothing but a comment\n\n");
	struct sshconfig_opts *o;

	(void)state;
	o = look(cfg, "R1.Example");
	assert_string_equal(o->hostname, "r1.example");
	assert_int_equal(o->port, 22);
	assert_string_equal(o->user, "alice");
	assert_int_equal(o->nidentity_files, 0);
	assert_null(o->identity_files);
	assert_int_equal(o->identities_only, 0);
	assert_int_equal(o->njump, 0);
	assert_null(o->proxy_command);
	assert_int_equal(o->strict_host_key_checking, SSHCONFIG_SHK_ASK);
	assert_null(o->known_hosts);
	assert_int_equal(o->known_hosts_none, 0);
	assert_int_equal(o->connect_timeout_ms, 0);
	assert_int_equal(o->set, 0);
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_every_keyword(void **state)
{
	struct sshconfig *cfg = load("Host r1\n"
				     "  HostName %h.core.example\n"
				     "  Port 2222\n"
				     "  User netops\n"
				     "  IdentityFile ~/.ssh/id_core\n"
				     "  IdentityFile /keys/%h-%r-%p\n"
				     "  IdentitiesOnly yes\n"
				     "  ProxyJump ops@bastion:2200\n"
				     "  StrictHostKeyChecking accept-new\n"
				     "  UserKnownHostsFile ~/kh /etc/kh2\n"
				     "  ConnectTimeout 7\n");
	struct sshconfig_opts *o;

	(void)state;
	o = look(cfg, "r1");
	assert_string_equal(o->hostname, "r1.core.example");
	assert_int_equal(o->port, 2222);
	assert_string_equal(o->user, "netops");
	assert_int_equal(o->nidentity_files, 2);
	assert_string_equal(o->identity_files[0], home_path("/.ssh/id_core"));
	assert_string_equal(
	    o->identity_files[1], "/keys/r1.core.example-netops-2222");
	assert_int_equal(o->identities_only, 1);
	assert_int_equal(o->njump, 1);
	assert_string_equal(o->jump[0].user, "ops");
	assert_string_equal(o->jump[0].host, "bastion");
	assert_int_equal(o->jump[0].port, 2200);
	assert_null(o->proxy_command);
	assert_int_equal(o->strict_host_key_checking, SSHCONFIG_SHK_ACCEPT_NEW);
	assert_string_equal(o->known_hosts, home_path("/kh"));
	assert_int_equal(o->connect_timeout_ms, 7000);
	assert_int_equal(o->set,
	    SSHCONFIG_SET_HOSTNAME | SSHCONFIG_SET_PORT | SSHCONFIG_SET_USER |
		SSHCONFIG_SET_IDENTITY_FILE | SSHCONFIG_SET_IDENTITIES_ONLY |
		SSHCONFIG_SET_PROXY | SSHCONFIG_SET_STRICT |
		SSHCONFIG_SET_KNOWN_HOSTS | SSHCONFIG_SET_CONNECT_TIMEOUT);
	/* Another host gets none of it. */
	o = look(cfg, "r2");
	assert_int_equal(o->set, 0);
	assert_string_equal(o->hostname, "r2");
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_line_syntax(void **state)
{
	struct sshconfig *cfg =
	    load("   # indented comment\n"
		 "\t\n"
		 "HOST=a\n"
		 "  hostname = x.example   \n"
		 "  PORT=2200\n"
		 "  user \"two words\"\n"
		 "  IdentityFile \"/path with/spaces\" # trailing comment\n"
		 "  IdentityFile /a\\ b\n"
		 "  IdentityFile 'single'quoted\"mix\"\n"
		 "  IdentityFile /hash#inside\n"
		 "Host b\r\n"
		 "  Port\t2300\r\n"
		 "  ConnectTimeout=5\f\n"
		 "Host c\n"
		 "  Port 2400"); /* no final line break */
	struct sshconfig_opts *o;

	(void)state;
	o = look(cfg, "a");
	assert_string_equal(o->hostname, "x.example");
	assert_int_equal(o->port, 2200);
	assert_string_equal(o->user, "two words");
	assert_int_equal(o->nidentity_files, 4);
	assert_string_equal(o->identity_files[0], "/path with/spaces");
	assert_string_equal(o->identity_files[1], "/a b");
	assert_string_equal(o->identity_files[2], "singlequotedmix");
	assert_string_equal(o->identity_files[3], "/hash#inside");
	o = look(cfg, "b");
	assert_int_equal(o->port, 2300);
	assert_int_equal(o->connect_timeout_ms, 5000);
	o = look(cfg, "c");
	assert_int_equal(o->port, 2400);
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_host_patterns(void **state)
{
	struct sshconfig *cfg = load("Host web? !web9 db-*\n"
				     "  User one\n"
				     "Host !excluded *.lab\n"
				     "  User two\n"
				     "Host !only-negated\n"
				     "  User never\n"
				     "Host UPPER\n"
				     "  User upper\n"
				     "Host *\n"
				     "  User any\n");

	(void)state;
	assert_string_equal(look(cfg, "web1")->user, "one");
	assert_string_equal(look(cfg, "webX")->user, "one");
	assert_string_equal(look(cfg, "web10")->user, "any");
	/* A negated match excludes the block though another pattern matches. */
	assert_string_equal(look(cfg, "web9")->user, "any");
	assert_string_equal(look(cfg, "db-")->user, "one");
	assert_string_equal(look(cfg, "db-core-1")->user, "one");
	assert_string_equal(look(cfg, "r1.lab")->user, "two");
	assert_string_equal(look(cfg, "excluded")->user, "any");
	/* Only negations: the block matches nothing. */
	assert_string_equal(look(cfg, "somewhere")->user, "any");
	/* Host patterns are case-sensitive, as in ssh. */
	assert_string_equal(look(cfg, "UPPER")->user, "upper");
	assert_string_equal(look(cfg, "upper")->user, "any");
	assert_string_equal(look(cfg, "UPPER")->hostname, "upper");
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_first_wins(void **state)
{
	struct sshconfig *cfg = load("Host r1\n"
				     "  Port 2001\n"
				     "  IdentityFile /one\n"
				     "Host r*\n"
				     "  Port 2002\n"
				     "  User routers\n"
				     "  IdentityFile /two\n"
				     "  IdentityFile /one\n"
				     "  StrictHostKeyChecking yes\n"
				     "Host *\n"
				     "  Port 2003\n"
				     "  User everyone\n"
				     "  IdentityFile /three\n"
				     "  StrictHostKeyChecking no\n"
				     "  ConnectTimeout none\n"
				     "  ConnectTimeout 9\n"
				     "  ConnectTimeout 10\n");
	struct sshconfig_opts *o;

	(void)state;
	o = look(cfg, "r1");
	assert_int_equal(o->port, 2001);
	assert_string_equal(o->user, "routers");
	/* IdentityFile accumulates in order, a repeat kept once. */
	assert_int_equal(o->nidentity_files, 3);
	assert_string_equal(o->identity_files[0], "/one");
	assert_string_equal(o->identity_files[1], "/two");
	assert_string_equal(o->identity_files[2], "/three");
	assert_int_equal(o->strict_host_key_checking, SSHCONFIG_SHK_YES);
	/* "ConnectTimeout none" is ssh's unset value: the next one applies. */
	assert_int_equal(o->connect_timeout_ms, 9000);
	o = look(cfg, "sw1");
	assert_int_equal(o->port, 2003);
	assert_string_equal(o->user, "everyone");
	assert_int_equal(o->strict_host_key_checking, SSHCONFIG_SHK_OFF);
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_query_wins(void **state)
{
	struct sshconfig *cfg = load("Host r1\n"
				     "  Port 2001\n"
				     "  User fromfile\n"
				     "  ProxyCommand nc %h %p %r\n");
	struct sshconfig_opts *o;

	(void)state;
	o = lookq(cfg, "r1", "inventory", 830);
	assert_int_equal(o->port, 830);
	assert_string_equal(o->user, "inventory");
	assert_int_equal(o->set & (SSHCONFIG_SET_PORT | SSHCONFIG_SET_USER), 0);
	/* Tokens see the values that won. */
	assert_string_equal(o->proxy_command, "nc r1 830 inventory");
	o = lookq(cfg, "r1", NULL, 0);
	assert_string_equal(o->proxy_command, "nc r1 2001 fromfile");
	assert_int_equal(o->set & (SSHCONFIG_SET_PORT | SSHCONFIG_SET_USER),
	    SSHCONFIG_SET_PORT | SSHCONFIG_SET_USER);
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_hostname_tokens(void **state)
{
	struct sshconfig *cfg = load("Host a\n"
				     "  HostName %h.Mgmt.Example\n"
				     "Host b\n"
				     "  HostName 100%%-%h\n"
				     "Host c\n"
				     "  HostName 10.0.0.3\n");

	(void)state;
	/* Lowercased, as ssh does with the name it connects to. */
	assert_string_equal(look(cfg, "a")->hostname, "a.mgmt.example");
	assert_string_equal(look(cfg, "b")->hostname, "100%-b");
	assert_string_equal(look(cfg, "c")->hostname, "10.0.0.3");
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_identity_tokens(void **state)
{
	struct sshconfig *cfg;
	struct sshconfig_opts *o;
	char expect[8192];

	(void)state;
	setenv("NC_TEST_KEYDIR", "/env/keys", 1);
	cfg = load("Host r1\n"
		   "  HostName R1.example\n"
		   "  User bob\n"
		   "  Port 2022\n"
		   "  IdentityFile ~\n"
		   "  IdentityFile %d/.ssh/%u-%r@%h:%p\n"
		   "  IdentityFile /k/%n-%l-%L-%%\n"
		   "  IdentityFile ${NC_TEST_KEYDIR}/id_%h\n"
		   "  IdentityFile /uid/%i\n"
		   "  IdentityFile /dollar/$HOME/${NC_TEST_KEYDIR}x\n");
	o = look(cfg, "r1");
	assert_int_equal(o->nidentity_files, 6);
	assert_string_equal(o->identity_files[0], dir);
	assert_string_equal(
	    o->identity_files[1], home_path("/.ssh/alice-bob@r1.example:2022"));
	assert_string_equal(
	    o->identity_files[2], "/k/r1-box.example.net-box-%");
	assert_string_equal(o->identity_files[3], "/env/keys/id_r1.example");
	snprintf(expect, sizeof(expect), "/uid/%u", (unsigned)getuid());
	assert_string_equal(o->identity_files[4], expect);
	assert_string_equal(o->identity_files[5], "/dollar/$HOME//env/keysx");
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
	unsetenv("NC_TEST_KEYDIR");
}

static void
test_unset_variable(void **state)
{
	struct sshconfig *cfg;
	struct sshconfig_query q = {"r1", NULL, 0, 0};
	struct buf err;

	(void)state;
	unsetenv("NC_TEST_UNSET");
	cfg = load("Host r1\n"
		   "  IdentityFile /ok\n"
		   "  IdentityFile ${NC_TEST_UNSET}/id\n");
	buf_init(&err);
	assert_int_equal(sshconfig_lookup(cfg, &q, &opts, &err), -1);
	assert_string_equal(err.data,
	    "config:3: IdentityFile: environment variable 'NC_TEST_UNSET' "
	    "is not set\n");
	buf_free(&err);
	sshconfig_opts_free(&opts);
	/* The line does not matter to a host it does not apply to. */
	look(cfg, "r2");
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_identities_only_and_strict(void **state)
{
	struct sshconfig *cfg = load("Host a\n IdentitiesOnly TRUE\n"
				     " StrictHostKeyChecking Yes\n"
				     "Host b\n IdentitiesOnly no\n"
				     " StrictHostKeyChecking off\n"
				     "Host c\n IdentitiesOnly false\n"
				     " StrictHostKeyChecking false\n"
				     "Host d\n StrictHostKeyChecking ask\n"
				     "Host e\n StrictHostKeyChecking true\n"
				     "Host f\n StrictHostKeyChecking NO\n"
				     "Host g\n StrictHostKeyChecking "
				     "Accept-New\n");
	struct sshconfig_opts *o;

	(void)state;
	o = look(cfg, "a");
	assert_int_equal(o->identities_only, 1);
	assert_int_equal(o->strict_host_key_checking, SSHCONFIG_SHK_YES);
	o = look(cfg, "b");
	assert_int_equal(o->identities_only, 0);
	assert_true(o->set & SSHCONFIG_SET_IDENTITIES_ONLY);
	assert_int_equal(o->strict_host_key_checking, SSHCONFIG_SHK_OFF);
	assert_int_equal(
	    look(cfg, "c")->strict_host_key_checking, SSHCONFIG_SHK_OFF);
	assert_int_equal(
	    look(cfg, "d")->strict_host_key_checking, SSHCONFIG_SHK_ASK);
	assert_true(look(cfg, "d")->set & SSHCONFIG_SET_STRICT);
	assert_int_equal(
	    look(cfg, "e")->strict_host_key_checking, SSHCONFIG_SHK_YES);
	assert_int_equal(
	    look(cfg, "f")->strict_host_key_checking, SSHCONFIG_SHK_OFF);
	assert_int_equal(
	    look(cfg, "g")->strict_host_key_checking, SSHCONFIG_SHK_ACCEPT_NEW);
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_known_hosts(void **state)
{
	struct sshconfig *cfg = load("Host a\n"
				     "  UserKnownHostsFile ~/.ssh/kh_%h_%p "
				     "/second\n"
				     "Host b\n"
				     "  UserKnownHostsFile none\n"
				     "Host *\n"
				     "  UserKnownHostsFile /last\n");
	struct sshconfig_opts *o;

	(void)state;
	o = look(cfg, "a");
	assert_string_equal(o->known_hosts, home_path("/.ssh/kh_a_22"));
	assert_int_equal(o->known_hosts_none, 0);
	o = look(cfg, "b");
	assert_null(o->known_hosts);
	assert_int_equal(o->known_hosts_none, 1);
	assert_true(o->set & SSHCONFIG_SET_KNOWN_HOSTS);
	assert_string_equal(look(cfg, "c")->known_hosts, "/last");
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_connect_timeout(void **state)
{
	struct sshconfig *cfg = load("Host a\n ConnectTimeout 1m30s\n"
				     "Host b\n ConnectTimeout 1h1\n"
				     "Host c\n ConnectTimeout 0\n"
				     "Host d\n ConnectTimeout 2W1D1H1M1S\n"
				     "Host e\n ConnectTimeout 2147483647\n"
				     "Host f\n ConnectTimeout none\n");
	struct sshconfig_opts *o;

	(void)state;
	assert_int_equal(look(cfg, "a")->connect_timeout_ms, 90000);
	assert_int_equal(look(cfg, "b")->connect_timeout_ms, 3601000);
	o = look(cfg, "c");
	assert_int_equal(o->connect_timeout_ms, 0);
	assert_true(o->set & SSHCONFIG_SET_CONNECT_TIMEOUT);
	assert_int_equal(look(cfg, "d")->connect_timeout_ms,
	    (2 * 604800 + 86400 + 3600 + 60 + 1) * INT64_C(1000));
	assert_int_equal(
	    look(cfg, "e")->connect_timeout_ms, INT64_C(2147483647) * 1000);
	o = look(cfg, "f");
	assert_int_equal(o->set & SSHCONFIG_SET_CONNECT_TIMEOUT, 0);
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_proxy_jump_grammar(void **state)
{
	struct sshhop *hops;
	size_t n, i;
	struct buf err;
	char *s;
	static const char *const round[][2] = {
	    {"h", "h"},
	    {"u@h", "u@h"},
	    {"h:2222", "h:2222"},
	    {"u@h:022", "u@h:22"},
	    {"h:", "h"},
	    {"[::1]", "[::1]"},
	    {"[::1]:2022", "[::1]:2022"},
	    {"u@[2001:db8::1]:22", "u@[2001:db8::1]:22"},
	    {"[h]:22", "h:22"},
	    {"u@@h", "u@@h"},
	    {"ssh://u@h:24", "u@h:24"},
	    {"ssh://h/", "h"},
	    {"ssh://[::1]:22", "[::1]:22"},
	    {"ops@b1:2200,[::1]:23,ssh://j3", "ops@b1:2200,[::1]:23,j3"},
	};

	(void)state;
	buf_init(&err);
	for (i = 0; i < sizeof(round) / sizeof(round[0]); i++) {
		struct buf all;
		size_t k;

		assert_int_equal(
		    sshhop_parse_list(round[i][0], &hops, &n, &err), 0);
		buf_init(&all);
		for (k = 0; k < n; k++) {
			s = sshhop_string(&hops[k]);
			buf_appendf(&all, "%s%s", k > 0 ? "," : "", s);
			free(s);
		}
		assert_string_equal(all.data, round[i][1]);
		buf_free(&all);
		sshhop_free_list(hops, n);
	}
	assert_null(err.data);

	assert_int_equal(
	    sshhop_parse_list("alice@[::1]:2022", &hops, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(hops[0].user, "alice");
	assert_string_equal(hops[0].host, "::1");
	assert_int_equal(hops[0].port, 2022);
	sshhop_free_list(hops, n);
	assert_int_equal(sshhop_parse_list("b", &hops, &n, &err), 0);
	assert_null(hops[0].user);
	assert_int_equal(hops[0].port, 0);
	sshhop_free_list(hops, n);
	assert_int_equal(sshhop_parse_list("NONE", &hops, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_null(hops);
	/* "none" is only special alone. */
	assert_int_equal(sshhop_parse_list("a,none", &hops, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(hops[1].host, "none");
	sshhop_free_list(hops, n);
	assert_int_equal(
	    sshhop_parse_list(
		"1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16", &hops, &n, &err),
	    0);
	assert_int_equal(n, 16);
	sshhop_free_list(hops, n);
}

static void
expect_jump_error(const char *spec, const char *msg)
{
	struct sshhop *hops = (void *)1;
	size_t n = 99;
	struct buf err;

	buf_init(&err);
	assert_int_equal(sshhop_parse_list(spec, &hops, &n, &err), -1);
	assert_null(hops);
	assert_int_equal(n, 0);
	assert_string_equal(err.data, msg);
	buf_free(&err);
}

static void
test_proxy_jump_errors(void **state)
{
	(void)state;
	expect_jump_error("", "no hop");
	expect_jump_error("a,,b", "'a,,b': an empty hop");
	expect_jump_error("a,", "'a,': an empty hop");
	expect_jump_error(",a", "',a': an empty hop");
	expect_jump_error("@h", "'@h': an empty user");
	expect_jump_error("u@", "'u@': no host");
	expect_jump_error("h:0", "'h:0': '0' is not a port number");
	expect_jump_error("h:65536", "'h:65536': '65536' is not a port number");
	expect_jump_error("h:ssh", "'h:ssh': 'ssh' is not a port number");
	expect_jump_error("u@h:22:33",
	    "'u@h:22:33': '22:33' is not a port "
	    "number");
	expect_jump_error("::1",
	    "'::1': no host (an IPv6 address goes in "
	    "brackets: [::1]:22)");
	expect_jump_error("[::1", "'[::1': '[' without its ']'");
	expect_jump_error("[::1]x", "'[::1]x': text after ']'");
	expect_jump_error("[]:22", "'[]:22': no host");
	expect_jump_error("h/22", "'h/22': a '/' in a hop");
	expect_jump_error("ssh://h/path",
	    "'ssh://h/path': a path in an "
	    "ssh:// hop");
	expect_jump_error("a b", "'a b': a blank or control character");
	expect_jump_error("ok,x\x1b[2J",
	    "'x\x1b[2J': a blank or control "
	    "character");
	expect_jump_error("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17",
	    "'1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17': more than 16 hops");
}

static void
test_proxy_order(void **state)
{
	struct sshconfig *cfg = load("Host jump-first\n"
				     "  ProxyJump b1,b2\n"
				     "  ProxyCommand never\n"
				     "Host command-first\n"
				     "  ProxyCommand ssh -W %h:%p gw # %% %n\n"
				     "  ProxyJump never\n"
				     "Host jump-none\n"
				     "  ProxyJump none\n"
				     "  ProxyJump never\n"
				     "  ProxyCommand after-jump-none %h\n"
				     "Host command-none\n"
				     "  ProxyCommand none\n"
				     "  ProxyJump never\n"
				     "  ProxyCommand never\n"
				     "Host *\n"
				     "  ProxyJump fallback\n");
	struct sshconfig_opts *o;

	(void)state;
	o = look(cfg, "jump-first");
	assert_int_equal(o->njump, 2);
	assert_string_equal(o->jump[0].host, "b1");
	assert_string_equal(o->jump[1].host, "b2");
	assert_null(o->proxy_command);
	o = look(cfg, "command-first");
	assert_int_equal(o->njump, 0);
	assert_string_equal(
	    o->proxy_command, "ssh -W command-first:22 gw # % command-first");
	/* ssh's quirk: "ProxyJump none" blocks ProxyJump, not ProxyCommand. */
	o = look(cfg, "jump-none");
	assert_int_equal(o->njump, 0);
	assert_string_equal(o->proxy_command, "after-jump-none jump-none");
	o = look(cfg, "command-none");
	assert_int_equal(o->njump, 0);
	assert_null(o->proxy_command);
	assert_true(o->set & SSHCONFIG_SET_PROXY);
	o = look(cfg, "other");
	assert_int_equal(o->njump, 1);
	assert_string_equal(o->jump[0].host, "fallback");
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_proxy_command_raw(void **state)
{
	struct sshconfig *cfg =
	    load("Host a\n"
		 "  ProxyCommand=  =\tsh -c 'nc \"%h\" %p' \\\n"
		 "Host b\n"
		 "  ProxyCommand /usr/bin/nc -X connect -x proxy:3128 %h %p\n");

	(void)state;
	/* The rest of the line as it is: quotes, backslash, comments. */
	assert_string_equal(
	    look(cfg, "a")->proxy_command, "sh -c 'nc \"a\" 22' \\");
	assert_string_equal(look(cfg, "b")->proxy_command,
	    "/usr/bin/nc -X connect -x proxy:3128 b 22");
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_match(void **state)
{
	struct sshconfig *cfg = load("Host *.lab\n"
				     "  HostName %h.Example.NET\n"
				     "Match host *.EXAMPLE.net\n"
				     "  Port 2001\n"
				     "Match originalhost R*\n"
				     "  User orig\n"
				     "Match !host r* originalhost x*\n"
				     "  ConnectTimeout 3\n"
				     "Match user bob,!mallory\n"
				     "  IdentityFile /bob\n"
				     "Match user Bob\n"
				     "  IdentityFile /Bob\n"
				     "Match localuser alice\n"
				     "  IdentityFile /alice\n"
				     "Match localuser !alice\n"
				     "  IdentityFile /not-alice\n"
				     "Match !all\n"
				     "  IdentityFile /never\n"
				     "Match all\n"
				     "  StrictHostKeyChecking yes\n");
	struct sshconfig_opts *o;

	(void)state;
	/* Match host sees the HostName found so far, ignoring case. */
	o = look(cfg, "r1.lab");
	assert_int_equal(o->port, 2001);
	assert_string_equal(o->user, "orig");
	assert_int_equal(o->strict_host_key_checking, SSHCONFIG_SHK_YES);
	assert_int_equal(o->nidentity_files, 1);
	assert_string_equal(o->identity_files[0], "/alice");
	o = look(cfg, "r1");
	assert_int_equal(o->port, 22);
	assert_string_equal(o->user, "orig"); /* originalhost ignores case */
	o = look(cfg, "x1");
	assert_int_equal(o->connect_timeout_ms, 3000);
	o = look(cfg, "xr");
	assert_int_equal(o->connect_timeout_ms, 3000);
	/* Match user sees the caller's user, case-sensitively. */
	o = lookq(cfg, "h", "bob", 0);
	assert_int_equal(o->nidentity_files, 2);
	assert_string_equal(o->identity_files[0], "/bob");
	assert_string_equal(o->identity_files[1], "/alice");
	o = lookq(cfg, "h", "mallory", 0);
	assert_int_equal(o->nidentity_files, 1);
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);

	/* ... or the User found so far, else the local user. */
	cfg = load("Host a\n"
		   "  User bob\n"
		   "Match user bob\n"
		   "  Port 2002\n"
		   "Match user alice\n"
		   "  Port 2003\n");
	assert_int_equal(look(cfg, "a")->port, 2002);
	assert_int_equal(look(cfg, "b")->port, 2003);
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_match_errors(void **state)
{
	(void)state;
	expect_error("Match exec \"test -f /x\"\n"
		     "Match host a canonical\n"
		     "Match all host a\n"
		     "Match host a all\n"
		     "Match frob x\n"
		     "Match host\n"
		     "Match\n"
		     "Match user a !final\n",
	    "config:1: Match: 'exec' is not supported (netcollect knows all, "
	    "host, originalhost, user and localuser)\n"
	    "config:2: Match: 'canonical' is not supported (netcollect knows "
	    "all, host, originalhost, user and localuser)\n"
	    "config:3: Match: 'all' cannot be combined with other criteria\n"
	    "config:4: Match: 'all' cannot be combined with other criteria\n"
	    "config:5: Match: unknown criterion 'frob'\n"
	    "config:6: Match: 'host' needs a pattern list\n"
	    "config:7: Match: missing value\n"
	    "config:8: Match: 'final' is not supported (netcollect knows all, "
	    "host, originalhost, user and localuser)\n");
}

static void
test_include(void **state)
{
	struct sshconfig *cfg;
	struct sshconfig_opts *o;

	(void)state;
	assert_int_equal(mkdir(".ssh", 0700), 0);
	assert_int_equal(mkdir(".ssh/conf.d", 0700), 0);
	put(".ssh/conf.d/10-lab.conf",
	    "User labuser\n"
	    "Host never-from-include\n"
	    "  User never\n");
	put(".ssh/conf.d/20-more.conf", "Port 2210\n");
	put(".ssh/conf.d/ignored.txt", "Port 1\n");
	put("top.conf", "ConnectTimeout 4\n");
	cfg = load("Include top.conf-is-relative-to-ssh-dir\n"
		   "Host lab-*\n"
		   "  Include conf.d/*.conf\n"
		   "  HostName after-include\n"
		   "Host abs\n"
		   "  Include ~/top.conf /no/such/file*\n"
		   "Host *\n"
		   "  User default\n");
	o = look(cfg, "lab-1");
	assert_string_equal(o->user, "labuser");
	assert_int_equal(o->port, 2210);
	/* The including block is active again after the files. */
	assert_string_equal(o->hostname, "after-include");
	/* A block of an included file cannot match when the Include is in an
	 * inactive block. */
	o = look(cfg, "never-from-include");
	assert_string_equal(o->user, "default");
	assert_int_equal(o->port, 22);
	o = look(cfg, "abs");
	assert_int_equal(o->connect_timeout_ms, 4000);
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_include_errors(void **state)
{
	char expect[16384];

	(void)state;
	put("bad.conf", "Port x\n");
	put("loop.conf", "Include ~/loop.conf\n");
	put("open.conf", "Port 2\n");
	assert_int_equal(chmod("open.conf", 0666), 0);
	/* An included file is named by its full path. */
	snprintf(expect, sizeof(expect),
	    "%s/bad.conf:1: Port: 'x' is not a port number (1-65535)\n"
	    "%s/open.conf: bad owner or permissions: it must be yours or "
	    "root's and writable only by its owner (ssh refuses it too)\n"
	    "config:3: Include: '~bob/x': ~user paths are not supported\n"
	    "config:4: Include: missing value\n",
	    dir, dir);
	expect_error("Include ~/bad.conf\n"
		     "Include ~/open.conf\n"
		     "Include ~bob/x\n"
		     "Include\n",
	    expect);
	snprintf(expect, sizeof(expect),
	    "%s/loop.conf:1: Include: files nested more than 16 deep\n", dir);
	expect_error("Include ~/loop.conf\n", expect);
}

static void
test_ignore_unknown(void **state)
{
	struct sshconfig *cfg;

	(void)state;
	expect_error("FrobLevel 1\n"
		     "IgnoreUnknown frob*,!frobnicate\n"
		     "FrobLevel 2\n"
		     "Frobnicate 3\n",
	    "config:1: unknown keyword 'FrobLevel'\n"
	    "config:4: unknown keyword 'Frobnicate'\n");
	cfg = load("Host a\n"
		   "  IgnoreUnknown UseKeychain,AddKeysToAgentX\n"
		   "  UseKeychain yes\n"
		   "  usekeychain no\n"
		   "  Port 2\n");
	assert_int_equal(look(cfg, "a")->port, 2);
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

static void
test_other_keywords(void **state)
{
	struct sshconfig *cfg;
	const char *const *kw;
	struct buf text;
	size_t n = 0;

	(void)state;
	/* Every keyword we know loads, with whatever value. */
	buf_init(&text);
	for (kw = sshconfig_keywords(); *kw != NULL; kw++, n++)
		if (strcmp(*kw, "Host") != 0 && strcmp(*kw, "Match") != 0 &&
		    strcmp(*kw, "Include") != 0)
			buf_appendf(&text, "%s %s\n", *kw,
			    strcmp(*kw, "Port") == 0		 ? "22"
				: strstr(*kw, "Timeout") != NULL ? "5"
				: strcmp(*kw, "IdentitiesOnly") == 0 ||
				    strcmp(*kw, "StrictHostKeyChecking") == 0
				? "yes"
				: "x");
	assert_true(n > 120);
	cfg = load(text.data);
	assert_int_equal(look(cfg, "h")->port, 22);
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
	buf_free(&text);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_error("Host r1\n"
		     "  Hostnme r1.example\n"
		     "  Prot 22\n"
		     "  Frobnicate yes\n"
		     "  Port\n"
		     "  Port 0\n"
		     "  Port 65536\n"
		     "  Port 0x16\n"
		     "  Port 22 23\n"
		     "  Port \"22\n"
		     "  IdentitiesOnly maybe\n"
		     "  StrictHostKeyChecking sometimes\n"
		     "  ConnectTimeout 1x\n"
		     "  ConnectTimeout -1\n"
		     "  ConnectTimeout 2147483648\n"
		     "  UserKnownHostsFile none /x\n"
		     "  ProxyJump a b\n"
		     "  ProxyJump u@\n"
		     "  HostName %p.example\n"
		     "  HostName a%\n"
		     "  IdentityFile ~/%C\n"
		     "  IdentityFile %x\n"
		     "  IdentityFile ~root/key\n"
		     "  IdentityFile ${HOME\n"
		     "  IdentityFile ${}\n"
		     "  ProxyCommand nc %h %u\n"
		     "  User \"\"\n"
		     "Host \"\"\n"
		     "=Port 22\n"
		     "  IgnoreUnknown a b\n",
	    "config:2: unknown keyword 'Hostnme' (did you mean 'HostName'?)\n"
	    "config:3: unknown keyword 'Prot' (did you mean 'Port'?)\n"
	    "config:4: unknown keyword 'Frobnicate'\n"
	    "config:5: Port: missing value\n"
	    "config:6: Port: '0' is not a port number (1-65535)\n"
	    "config:7: Port: '65536' is not a port number (1-65535)\n"
	    "config:8: Port: '0x16' is not a port number (1-65535)\n"
	    "config:9: Port: one value expected, found 2\n"
	    "config:10: Port: a quote is not closed\n"
	    "config:11: IdentitiesOnly: 'maybe' is not yes or no\n"
	    "config:12: StrictHostKeyChecking: 'sometimes' is not yes, no, "
	    "ask, accept-new or off\n"
	    "config:13: ConnectTimeout: '1x' is not a time (seconds, or like "
	    "1m30s)\n"
	    "config:14: ConnectTimeout: '-1' is not a time (seconds, or like "
	    "1m30s)\n"
	    "config:15: ConnectTimeout: '2147483648' is not a time (seconds, "
	    "or like 1m30s)\n"
	    "config:16: UserKnownHostsFile: 'none' must be its only value\n"
	    "config:17: ProxyJump: one value expected, found 2\n"
	    "config:18: ProxyJump: 'u@': no host\n"
	    "config:19: HostName: unknown token '%p' (HostName takes %h and "
	    "%%)\n"
	    "config:20: HostName: '%' at the end (write %% for a literal %)\n"
	    "config:21: IdentityFile: token '%C' is not supported\n"
	    "config:22: IdentityFile: unknown token '%x' (IdentityFile takes "
	    "%d, %h, %i, %L, %l, %n, %p, %r, %u and %%)\n"
	    "config:23: IdentityFile: '~root/key': ~user paths are not "
	    "supported\n"
	    "config:24: IdentityFile: '${' without its '}'\n"
	    "config:25: IdentityFile: an empty '${}'\n"
	    "config:26: ProxyCommand: unknown token '%u' (ProxyCommand takes "
	    "%h, %n, %p, %r and %%)\n"
	    "config:27: User: an empty value\n"
	    "config:28: Host: an empty value\n"
	    "config:29: a line must start with a keyword\n"
	    "config:30: IgnoreUnknown: one value expected, found 2\n");
}

static void
test_hostile_bytes(void **state)
{
	static const char nul[] = "Port 22\nPort\0 23\nHost \x1b[2J\x9b\n";
	struct buf err, big;
	FILE *f;
	int i;

	(void)state;
	/* A NUL byte is one problem; control bytes are escaped. */
	f = fopen("config", "w");
	assert_non_null(f);
	assert_int_equal(fwrite(nul, 1, sizeof(nul) - 1, f), sizeof(nul) - 1);
	assert_int_equal(fclose(f), 0);
	buf_init(&err);
	assert_null(sshconfig_load("config", &env, &err));
	assert_string_equal(err.data, "config:2: a NUL byte in the line\n");
	buf_free(&err);
	expect_error("\x1b[2J 1\nPort \xc2\x9b\n",
	    "config:1: unknown keyword '\\x1b[2J'\n"
	    "config:2: Port: '\\xc2\\x9b' is not a port number (1-65535)\n");
	/* A megabyte value is cut in its message. */
	buf_init(&big);
	buf_appendf(&big, "Port ");
	for (i = 0; i < 1 << 20; i++)
		buf_append(&big, "9", 1);
	buf_appendf(&big, "\n");
	put("config", big.data);
	buf_init(&err);
	assert_null(sshconfig_load("config", &env, &err));
	assert_true(err.len < 500);
	assert_non_null(strstr(err.data, "...\n"));
	buf_free(&err);
	buf_free(&big);
	/* 150 bad lines: 100 shown, then a count. */
	buf_init(&big);
	for (i = 0; i < 150; i++)
		buf_appendf(&big, "Bogus%d x\n", i);
	put("config", big.data);
	buf_init(&err);
	assert_null(sshconfig_load("config", &env, &err));
	assert_non_null(strstr(err.data,
	    "config:100: unknown keyword "
	    "'Bogus99'\n"
	    "config: 50 more errors not shown\n"));
	buf_free(&err);
	buf_free(&big);
}

static void
test_files(void **state)
{
	struct sshconfig_env user = env;
	struct sshconfig *cfg;
	struct buf err;
	char *p;

	(void)state;
	buf_init(&err);
	assert_null(sshconfig_load("missing", &env, &err));
	assert_string_equal(
	    err.data, "missing: cannot read: No such file or directory\n");
	buf_free(&err);
	assert_null(sshconfig_load(".", &env, &err));
	assert_string_equal(err.data, ".: cannot read: Is a directory\n");
	buf_free(&err);
	/* The user's own file: missing is empty, writable by others refused. */
	user.user_file = 1;
	p = sshconfig_default_path(&user);
	assert_string_equal(p, home_path("/.ssh/config"));
	cfg = sshconfig_load(p, &user, &err);
	assert_non_null(cfg);
	assert_null(err.data);
	assert_string_equal(look(cfg, "h")->hostname, "h");
	sshconfig_free(cfg);
	put("config", "Port 2\n");
	assert_int_equal(chmod("config", 0620), 0);
	assert_null(sshconfig_load("config", &user, &err));
	assert_string_equal(err.data,
	    "config: bad owner or permissions: it must be yours or root's and "
	    "writable only by its owner (ssh refuses it too)\n");
	buf_free(&err);
	/* Not the user file: the mode is the caller's business, as ssh -F. */
	cfg = sshconfig_load("config", &env, &err);
	assert_non_null(cfg);
	sshconfig_free(cfg);
	/* A file over 4 MiB. */
	assert_int_equal(truncate("config", (4 << 20) + 1), 0);
	assert_null(sshconfig_load("config", &env, &err));
	assert_string_equal(err.data, "config: larger than 4 MiB\n");
	buf_free(&err);
	sshconfig_opts_free(&opts);
	free(p);
}

static void
test_route(void **state)
{
	struct sshconfig *cfg = load("Host edge\n"
				     "  ProxyJump ops@bastion:2222,inner\n"
				     "Host bastion\n"
				     "  HostName bastion.example\n"
				     "  ProxyJump outer\n"
				     "Host outer\n"
				     "  ProxyCommand ssh -W %h:%p gw\n"
				     "  User outeruser\n"
				     "Host inner\n"
				     "  ProxyJump ignored-for-later-hops\n"
				     "  Port 2300\n"
				     "Host loop1\n"
				     "  ProxyJump loop2\n"
				     "Host loop2\n"
				     "  ProxyJump loop1\n");
	struct sshconfig_opts *o, *hops;
	size_t n;
	struct buf err;

	(void)state;
	buf_init(&err);
	o = look(cfg, "edge");
	assert_int_equal(sshconfig_route(cfg, o, &hops, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(hops[0].hostname, "outer");
	assert_string_equal(hops[0].user, "outeruser");
	assert_string_equal(hops[0].proxy_command, "ssh -W outer:22 gw");
	assert_string_equal(hops[1].hostname, "bastion.example");
	assert_string_equal(hops[1].user, "ops");
	assert_int_equal(hops[1].port, 2222);
	assert_int_equal(hops[1].njump, 0);
	assert_null(hops[1].proxy_command);
	assert_string_equal(hops[2].hostname, "inner");
	assert_int_equal(hops[2].port, 2300);
	assert_int_equal(hops[2].njump, 0);
	assert_int_equal(hops[2].set & SSHCONFIG_SET_PROXY, 0);
	while (n > 0)
		sshconfig_opts_free(&hops[--n]);
	free(hops);
	/* No jump: no hops. */
	o = look(cfg, "outer");
	assert_int_equal(sshconfig_route(cfg, o, &hops, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_null(hops);
	o = look(cfg, "loop1");
	assert_int_equal(sshconfig_route(cfg, o, &hops, &n, &err), -1);
	assert_null(hops);
	assert_string_equal(err.data,
	    "config: ProxyJump: more than 16 hops to reach 'loop1' (do the "
	    "hops name each other?)\n");
	buf_free(&err);
	sshconfig_opts_free(&opts);
	sshconfig_free(cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_every_keyword, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_line_syntax, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_host_patterns, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_first_wins, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_query_wins, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_hostname_tokens, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_identity_tokens, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_unset_variable, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_identities_only_and_strict, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_known_hosts, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_connect_timeout, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_proxy_jump_grammar, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_proxy_jump_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_proxy_order, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_proxy_command_raw, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_match, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_match_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_include, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_include_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_ignore_unknown, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_other_keywords, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_hostile_bytes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_route, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
