/*
 * ns_progs: the programs of the simulated Linux host, as bash's "-c"
 * would run them (builtins and coreutils alike): echo (-n, -e, -E), true,
 * false, :, exit, hostname, uname, cat (/etc/os-release, /etc/hostname;
 * any other file does not exist), whoami, pwd and "ip -br addr". An
 * unknown name is bash's "command not found" (127); a known name with
 * arguments we do not simulate says so, status 2. Output goes to the
 * command's fd 1 and fd 2, already redirected by the caller.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns_gen.h"
#include "ns_progs.h"

#define WORD_CAP 4096

static const char os_release[] =
    "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"
    "NAME=\"Debian GNU/Linux\"\n"
    "VERSION_ID=\"12\"\n"
    "VERSION=\"12 (bookworm)\"\n"
    "VERSION_CODENAME=bookworm\n"
    "ID=debian\n"
    "HOME_URL=\"https://www.debian.org/\"\n"
    "SUPPORT_URL=\"https://www.debian.org/support\"\n"
    "BUG_REPORT_URL=\"https://bugs.debian.org/\"\n";

static void
emit(struct ns_bash *sh, enum ns_sink s, const char *p, size_t n)
{
	switch (s) {
	case NS_SINK_OUT:
		ns_text_add(&sh->out, p, n);
		return;
	case NS_SINK_ERR:
		ns_text_add(&sh->err, p, n);
		return;
	case NS_SINK_NULL:
		return;
	}
}

static void
emits(struct ns_bash *sh, enum ns_sink s, const char *p)
{
	emit(sh, s, p, strlen(p));
}

/* "bash: line 1: " + msg + "\n" on the command's stderr. */
static void
bash_error(struct ns_bash *sh, const struct ns_cmd *c, const char *msg)
{
	emits(sh, c->fd2, "bash: line 1: ");
	emits(sh, c->fd2, msg);
	emits(sh, c->fd2, "\n");
}

/* echo's -e escapes; 1 when \c ends the output. */
static int
echo_escapes(struct ns_bash *sh, const struct ns_cmd *c, const char *s)
{
	static const char from[] = "abefnrtv\\", to[] = "\a\b\x1b\f\n\r\t\v\\";
	const char *e;

	for (; *s != '\0'; s++) {
		if (*s != '\\' || s[1] == '\0') {
			emit(sh, c->fd1, s, 1);
			continue;
		}
		if (s[1] == 'c')
			return 1;
		if ((e = strchr(from, s[1])) != NULL) {
			emit(sh, c->fd1, &to[e - from], 1);
			s++;
		} else {
			emit(sh, c->fd1, s, 1);
		}
	}
	return 0;
}

static int
echo(struct ns_bash *sh, const struct ns_cmd *c)
{
	int i = 1, newline = 1, escapes = 0;
	const char *f;

	for (; i < c->argc && c->argv[i][0] == '-' && c->argv[i][1] != '\0';
	     i++) {
		if (strspn(c->argv[i] + 1, "neE") != strlen(c->argv[i] + 1))
			break;
		for (f = c->argv[i] + 1; *f != '\0'; f++) {
			if (*f == 'n')
				newline = 0;
			else
				escapes = *f == 'e';
		}
	}
	for (; i < c->argc; i++) {
		if (escapes && echo_escapes(sh, c, c->argv[i]))
			return 0;
		if (!escapes)
			emits(sh, c->fd1, c->argv[i]);
		if (i + 1 < c->argc)
			emits(sh, c->fd1, " ");
	}
	if (newline)
		emits(sh, c->fd1, "\n");
	return 0;
}

static int
exit_builtin(struct ns_bash *sh, const struct ns_cmd *c)
{
	char msg[WORD_CAP + 64], *end;
	long n;

	if (c->argc == 1) {
		sh->exited = 1;
		return sh->status;
	}
	n = strtol(c->argv[1], &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	if (end == c->argv[1] || *end != '\0') {
		snprintf(msg, sizeof(msg),
		    "exit: %s: numeric argument required", c->argv[1]);
		bash_error(sh, c, msg);
		sh->exited = 1;
		return 2;
	}
	if (c->argc > 2) {
		/* A non-interactive bash leaves all the same. */
		bash_error(sh, c, "exit: too many arguments");
		sh->exited = 1;
		return 1;
	}
	sh->exited = 1;
	return (int)(n & 255);
}

static int
uname_builtin(struct ns_bash *sh, const struct ns_cmd *c)
{
	static const char opts[] = "snrvmo";
	const char *field[] = {"Linux", sh->dev->hostname, "6.1.0-netsim",
	    "#1 SMP", "x86_64", "GNU/Linux"};
	const char *o, *f;
	char msg[128];
	int want = 0, i, first = 1;

	for (i = 1; i < c->argc; i++) {
		if (c->argv[i][0] != '-' || c->argv[i][1] == '\0')
			goto bad;
		for (f = c->argv[i] + 1; *f != '\0'; f++) {
			if (*f == 'a')
				want = 0x3f;
			else if ((o = strchr(opts, *f)) != NULL)
				want |= 1 << (o - opts);
			else
				goto bad;
		}
	}
	if (want == 0)
		want = 1;
	for (i = 0; i < 6; i++) {
		if (!(want & (1 << i)))
			continue;
		if (!first)
			emits(sh, c->fd1, " ");
		emits(sh, c->fd1, field[i]);
		first = 0;
	}
	emits(sh, c->fd1, "\n");
	return 0;
bad:
	f = c->argv[i][0] == '-' ? c->argv[i] + 1 : c->argv[i];
	snprintf(msg, sizeof(msg),
	    "uname: invalid option -- '%c'\n"
	    "Try 'uname --help' for more information.\n",
	    *f);
	emits(sh, c->fd2, msg);
	return 1;
}

static int
cat(struct ns_bash *sh, const struct ns_cmd *c)
{
	char msg[WORD_CAP + 64];
	int i, rc = 0;

	for (i = 1; i < c->argc; i++) {
		if (strcmp(c->argv[i], "/etc/os-release") == 0 ||
		    strcmp(c->argv[i], "/usr/lib/os-release") == 0) {
			emits(sh, c->fd1, os_release);
		} else if (strcmp(c->argv[i], "/etc/hostname") == 0) {
			emits(sh, c->fd1, sh->dev->hostname);
			emits(sh, c->fd1, "\n");
		} else {
			snprintf(msg, sizeof(msg),
			    "cat: %s: No such file or directory\n", c->argv[i]);
			emits(sh, c->fd2, msg);
			rc = 1;
		}
	}
	return rc;
}

/* "ip -br addr": the interface table the shell prints too. */
static int
ip(struct ns_bash *sh, const struct ns_cmd *c)
{
	struct ns_gen g;
	char line[1024];
	int n;

	if (c->argc != 3 || strcmp(c->argv[1], "-br") != 0 ||
	    (strcmp(c->argv[2], "addr") != 0 && strcmp(c->argv[2], "a") != 0)) {
		emits(sh, c->fd2,
		    "netsim: not simulated: ip with these "
		    "arguments (only \"ip -br addr\")\n");
		return 2;
	}
	ns_gen_init(&g, sh->dev, NS_OUT_IP_INT_BRIEF);
	while ((n = ns_gen_line(&g, line, sizeof(line))) >= 0) {
		emit(sh, c->fd1, line, (size_t)n);
		emits(sh, c->fd1, "\n");
	}
	return 0;
}

int
ns_progs_run(struct ns_bash *sh, const struct ns_cmd *c)
{
	const char *name = c->argv[0];
	char msg[WORD_CAP + 64];

	if (strcmp(name, "echo") == 0)
		return echo(sh, c);
	if (strcmp(name, "true") == 0 || strcmp(name, ":") == 0)
		return 0;
	if (strcmp(name, "false") == 0)
		return 1;
	if (strcmp(name, "exit") == 0)
		return exit_builtin(sh, c);
	if (strcmp(name, "uname") == 0)
		return uname_builtin(sh, c);
	if (strcmp(name, "cat") == 0)
		return cat(sh, c);
	if (strcmp(name, "ip") == 0)
		return ip(sh, c);
	if ((strcmp(name, "hostname") == 0 || strcmp(name, "whoami") == 0 ||
		strcmp(name, "pwd") == 0) &&
	    c->argc > 1) {
		snprintf(msg, sizeof(msg),
		    "netsim: not simulated: %s with arguments\n", name);
		emits(sh, c->fd2, msg);
		return 2;
	}
	if (strcmp(name, "hostname") == 0) {
		emits(sh, c->fd1, sh->dev->hostname);
		emits(sh, c->fd1, "\n");
		return 0;
	}
	if (strcmp(name, "whoami") == 0) {
		emits(sh, c->fd1, sh->dev->username);
		emits(sh, c->fd1, "\n");
		return 0;
	}
	if (strcmp(name, "pwd") == 0) {
		snprintf(msg, sizeof(msg), "/home/%s\n", sh->dev->username);
		emits(sh, c->fd1, msg);
		return 0;
	}
	snprintf(msg, sizeof(msg), "%s: command not found", name);
	bash_error(sh, c, msg);
	return 127;
}
