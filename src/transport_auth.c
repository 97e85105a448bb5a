/*
 * transport_auth: the login of a transport's session. Each method is
 * one entry of a table, tried in its order when the target can use it
 * and the server offers it: a key file, the agent, the password, then
 * keyboard-interactive (answered with the password). The password is
 * read here only, during transport_auth(). What was offered, tried and
 * accepted is kept for -v (transport_trace_auth()).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh2.h>

#include "transport.h"
#include "transport_impl.h"
#include "util.h"

/*
 * Authentication. Each method is one entry of a table: whether the
 * target can use it, and how to run it to the end (0 logged in, 1
 * refused so try the next, -1 fatal with f filled). The non-blocking
 * libssh2 calls all go through one retry loop.
 */
typedef int (*auth_call_fn)(struct transport *t);

static int
auth_retry(struct transport *t, auth_call_fn call, int64_t deadline, int *rc,
    struct failure *f)
{
	while ((*rc = call(t)) == LIBSSH2_ERROR_EAGAIN)
		if (transport_wait(t, deadline) == -1) {
			failure_timeout(
			    f, ERR_AUTH, "authentication timed out");
			return -1;
		}
	return 0;
}

static LIBSSH2_USERAUTH_KBDINT_RESPONSE_FUNC(kbd_answer)
{
	struct transport *t = *abstract;
	const char *pw = t->tg->password ? t->tg->password : "";
	int i;

	(void)name;
	(void)name_len;
	(void)instruction;
	(void)instruction_len;
	/* Every prompt gets the password: devices ask "Password:" only. */
	(void)prompts;
	for (i = 0; i < num_prompts; i++) {
		responses[i].text = strdup(pw);
		responses[i].length =
		    responses[i].text ? (unsigned)strlen(responses[i].text) : 0;
	}
}

static int
call_publickey(struct transport *t)
{
	return libssh2_userauth_publickey_fromfile_ex(t->ssh, t->username,
	    (unsigned)strlen(t->username), NULL, t->key_file,
	    t->tg->passphrase);
}

static int
call_agent(struct transport *t)
{
	return libssh2_agent_userauth(t->agent, t->username, t->agent_id);
}

static int
call_password(struct transport *t)
{
	return libssh2_userauth_password_ex(t->ssh, t->username,
	    (unsigned)strlen(t->username), t->tg->password,
	    (unsigned)strlen(t->tg->password), NULL);
}

static int
call_kbdint(struct transport *t)
{
	return libssh2_userauth_keyboard_interactive_ex(
	    t->ssh, t->username, (unsigned)strlen(t->username), kbd_answer);
}

/* One key file: 0 logged in, 1 refused, -1 fatal with f filled. */
static int
try_key(
    struct transport *t, const char *kf, int64_t deadline, struct failure *f)
{
	const char *pp = t->tg->passphrase;
	int rc;

	if (access(kf, R_OK) == -1) {
		if (t->tg->skip_missing_keys && errno == ENOENT)
			return 1;
		failure_set(
		    f, ERR_AUTH, "bad key file %s: %s", kf, strerror(errno));
		return -1;
	}
	t->key_file = kf;
	if (auth_retry(t, call_publickey, deadline, &rc, f) == -1)
		return -1;
	if (rc == 0)
		return 0;
	if (rc == LIBSSH2_ERROR_FILE ||
	    rc == LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED) {
		if (pp != NULL && pp[0] != '\0')
			failure_set(f, ERR_AUTH,
			    "wrong passphrase or bad key file %s", kf);
		else
			failure_set(f, ERR_AUTH,
			    "bad key file %s (or it needs a passphrase): %s",
			    kf, transport_errmsg(t));
		return -1;
	}
	if (rc == LIBSSH2_ERROR_AUTHENTICATION_FAILED ||
	    rc == LIBSSH2_ERROR_PUBLICKEY_UNRECOGNIZED)
		return 1;
	failure_set(
	    f, ERR_AUTH, "publickey auth failed: %s", transport_errmsg(t));
	return -1;
}

static int
run_publickey(struct transport *t, int64_t deadline, struct failure *f)
{
	size_t i;
	int r;

	for (i = 0; i < t->tg->nkey_files; i++)
		if ((r = try_key(t, t->tg->key_files[i], deadline, f)) != 1)
			return r;
	return 1;
}

static int
run_agent(struct transport *t, int64_t deadline, struct failure *f)
{
	struct libssh2_agent_publickey *prev = NULL;
	int rc, result = 1;

	if ((t->agent = libssh2_agent_init(t->ssh)) == NULL)
		return 1;
	if (libssh2_agent_connect(t->agent) != 0 ||
	    libssh2_agent_list_identities(t->agent) != 0)
		goto out;
	while (libssh2_agent_get_identity(t->agent, &t->agent_id, prev) == 0) {
		if (auth_retry(t, call_agent, deadline, &rc, f) == -1) {
			result = -1;
			goto out;
		}
		if (rc == 0) {
			result = 0;
			goto out;
		}
		prev = t->agent_id;
	}
out:
	libssh2_agent_disconnect(t->agent);
	libssh2_agent_free(t->agent);
	t->agent = NULL;
	t->agent_id = NULL;
	return result;
}

static int
run_password(struct transport *t, int64_t deadline, struct failure *f)
{
	int rc;

	if (auth_retry(t, call_password, deadline, &rc, f) == -1)
		return -1;
	return rc == 0 ? 0 : 1;
}

static int
run_kbdint(struct transport *t, int64_t deadline, struct failure *f)
{
	int rc;

	if (auth_retry(t, call_kbdint, deadline, &rc, f) == -1)
		return -1;
	return rc == 0 ? 0 : 1;
}

static int
has_key_file(const struct transport_target *tg)
{
	return tg->nkey_files > 0;
}

static int
wants_agent(const struct transport_target *tg)
{
	return tg->use_agent;
}

static int
has_password(const struct transport_target *tg)
{
	return tg->password != NULL;
}

static const struct {
	const char *offer; /* the server's name for the method */
	const char *label; /* what "tried ..." calls it */
	int (*usable)(const struct transport_target *tg);
	int (*run)(struct transport *t, int64_t deadline, struct failure *f);
} auth_methods[] = {
    {"publickey", "publickey", has_key_file, run_publickey},
    {"publickey", "agent", wants_agent, run_agent},
    {"password", "password", has_password, run_password},
    {"keyboard-interactive", "keyboard-interactive", has_password, run_kbdint},
};

static int
has_method(const char *list, const char *m)
{
	size_t n = strlen(m);
	const char *p = list;

	while ((p = strstr(p, m)) != NULL) {
		if ((p == list || p[-1] == ',') &&
		    (p[n] == ',' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

/*
 * The methods the server offers (copied), or NULL: then *in is set when
 * the server let us in without any ("none" auth), else f is filled.
 */
static char *
auth_list(struct transport *t, int64_t deadline, int *in, struct failure *f)
{
	char *list;

	*in = 0;
	for (;;) {
		list = libssh2_userauth_list(
		    t->ssh, t->username, (unsigned)strlen(t->username));
		if (list != NULL)
			return xstrdup(list);
		if (libssh2_userauth_authenticated(t->ssh)) {
			*in = 1;
			return NULL;
		}
		if (libssh2_session_last_errno(t->ssh) !=
		    LIBSSH2_ERROR_EAGAIN) {
			failure_set(f, ERR_AUTH, "cannot list auth methods: %s",
			    transport_errmsg(t));
			return NULL;
		}
		if (transport_wait(t, deadline) == -1) {
			failure_timeout(
			    f, ERR_AUTH, "authentication timed out");
			return NULL;
		}
	}
}

int
transport_auth(struct transport *t, int64_t deadline, struct failure *f)
{
	char *list, *tried = t->tried;
	size_t i;
	int r = 1, in;

	if ((list = auth_list(t, deadline, &in, f)) == NULL) {
		if (in)
			t->method = "none";
		return in ? 0 : -1;
	}
	free(t->offered);
	t->offered = xstrdup(list);
	for (i = 0; i < sizeof(auth_methods) / sizeof(auth_methods[0]); i++) {
		if (!auth_methods[i].usable(t->tg) ||
		    !has_method(list, auth_methods[i].offer))
			continue;
		if (tried[0] != '\0')
			strcat(tried, ",");
		strcat(tried, auth_methods[i].label);
		if ((r = auth_methods[i].run(t, deadline, f)) <= 0) {
			if (r == 0)
				t->method = auth_methods[i].label;
			goto out;
		}
	}
	if (tried[0] == '\0')
		failure_set(f, ERR_AUTH,
		    "no common auth method (server offers: %s)", list);
	else
		failure_set(f, ERR_AUTH, "auth rejected for user %s (tried %s)",
		    t->username, tried);
	r = -1;
out:
	free(list);
	return r == 0 ? 0 : -1;
}

void
transport_trace_auth(const struct transport *t, struct buf *b)
{
	buf_appendf(
	    b, "server offers %s", t->offered != NULL ? t->offered : "none");
	if (t->tried[0] != '\0')
		buf_appendf(b, ", tried %s", t->tried);
	if (t->method != NULL)
		buf_appendf(b, ", accepted %s", t->method);
}
