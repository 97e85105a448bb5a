/*
 * sshcfile: each file becomes a list of items in file order. Every bad
 * line is one problem; loading goes on to the end so the user sees all
 * of them, and returns nothing when there was any. Past MAX_PROBLEMS
 * problems are only counted.
 *
 * Where we differ from OpenSSH 9.2, on purpose: Port takes numbers only
 * (no service names); ProxyJump takes one argument; IgnoreUnknown applies
 * from its line on whatever block it is in; the arguments of keywords we
 * ignore are not checked; the -F file is checked for owner and mode only
 * when it is the user's own ~/.ssh/config (included files always are).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keyword.h"
#include "sshcfile.h"
#include "sshhop.h"
#include "sshvalue.h"
#include "util.h"

#define MAX_PROBLEMS 100u
#define MAX_DEPTH 16		 /* Include nesting, as ssh */
#define MAX_FILES 1024u		 /* files read through Include, in all */
#define MAX_FILE_SIZE (4u << 20) /* bytes of one file */

static const struct {
	const char *name;
	enum sshcfile_kw kw;
} used_keywords[] = {
    {"Host", SSHCFILE_KW_HOST},
    {"Match", SSHCFILE_KW_MATCH},
    {"Include", SSHCFILE_KW_INCLUDE},
    {"IgnoreUnknown", SSHCFILE_KW_IGNOREUNKNOWN},
    {"HostName", SSHCFILE_KW_HOSTNAME},
    {"Port", SSHCFILE_KW_PORT},
    {"User", SSHCFILE_KW_USER},
    {"IdentityFile", SSHCFILE_KW_IDENTITYFILE},
    {"IdentityFile2",
	SSHCFILE_KW_IDENTITYFILE}, /* an old alias, still honoured */
    {"IdentitiesOnly", SSHCFILE_KW_IDENTITIESONLY},
    {"ProxyJump", SSHCFILE_KW_PROXYJUMP},
    {"ProxyCommand", SSHCFILE_KW_PROXYCOMMAND},
    {"StrictHostKeyChecking", SSHCFILE_KW_STRICT},
    {"UserKnownHostsFile", SSHCFILE_KW_KNOWNHOSTS},
    {"ConnectTimeout", SSHCFILE_KW_CONNECTTIMEOUT},
};
#define NUSED (sizeof(used_keywords) / sizeof(used_keywords[0]))

/*
 * Every keyword of ssh_config(5) up to OpenSSH 10 (client side), with the
 * deprecated and Debian-only ones ssh 9.2 still accepts. The ones after
 * 9.2 are ChannelTimeout, ObscureKeystrokeTiming, RefuseConnection, Tag
 * and WarnWeakCrypto.
 */
static const char *const keyword_names[] = {"AddKeysToAgent", "AddressFamily",
    "AFSTokenPassing", "BatchMode", "BindAddress", "BindInterface",
    "CanonicalDomains", "CanonicalizeFallbackLocal", "CanonicalizeHostname",
    "CanonicalizeMaxDots", "CanonicalizePermittedCNAMEs",
    "CASignatureAlgorithms", "CertificateFile",
    "ChallengeResponseAuthentication", "ChannelTimeout", "CheckHostIP",
    "Cipher", "Ciphers", "ClearAllForwardings", "Compression",
    "CompressionLevel", "ConnectionAttempts", "ConnectTimeout", "ControlMaster",
    "ControlPath", "ControlPersist", "DSAAuthentication", "DynamicForward",
    "EnableEscapeCommandline", "EnableSSHKeysign", "EscapeChar",
    "ExitOnForwardFailure", "FallBackToRsh", "FingerprintHash",
    "ForkAfterAuthentication", "ForwardAgent", "ForwardX11",
    "ForwardX11Timeout", "ForwardX11Trusted", "GatewayPorts",
    "GlobalKnownHostsFile", "GlobalKnownHostsFile2", "GSSAPIAuthentication",
    "GSSAPIClientIdentity", "GSSAPIDelegateCredentials", "GSSAPIKeyExchange",
    "GSSAPIKexAlgorithms", "GSSAPIRenewalForcesRekey", "GSSAPIServerIdentity",
    "GSSAPITrustDns", "HashKnownHosts", "Host", "HostbasedAcceptedAlgorithms",
    "HostbasedAuthentication", "HostbasedKeyTypes", "HostKeyAlgorithms",
    "HostKeyAlias", "HostName", "IdentitiesOnly", "IdentityAgent",
    "IdentityFile", "IdentityFile2", "IgnoreUnknown", "Include", "IPQoS",
    "KbdInteractiveAuthentication", "KbdInteractiveDevices", "KeepAlive",
    "KerberosAuthentication", "KerberosTGTPassing", "KexAlgorithms",
    "KnownHostsCommand", "LocalCommand", "LocalForward", "LogLevel",
    "LogVerbose", "MACs", "Match", "NoHostAuthenticationForLocalhost",
    "NumberOfPasswordPrompts", "ObscureKeystrokeTiming",
    "PasswordAuthentication", "PermitLocalCommand", "PermitRemoteOpen",
    "PKCS11Provider", "Port", "PreferredAuthentications", "Protocol",
    "ProtocolKeepAlives", "ProxyCommand", "ProxyJump", "ProxyUseFdpass",
    "PubkeyAcceptedAlgorithms", "PubkeyAcceptedKeyTypes",
    "PubkeyAuthentication", "RefuseConnection", "RekeyLimit", "RemoteCommand",
    "RemoteForward", "RequestTTY", "RequiredRSASize", "RevokedHostKeys",
    "RhostsAuthentication", "RhostsRSAAuthentication", "RSAAuthentication",
    "SecurityKeyProvider", "SendEnv", "ServerAliveCountMax",
    "ServerAliveInterval", "SessionType", "SetEnv", "SetupTimeOut",
    "SkeyAuthentication", "SmartcardDevice", "StdinNull", "StreamLocalBindMask",
    "StreamLocalBindUnlink", "StrictHostKeyChecking", "SyslogFacility", "Tag",
    "TCPKeepAlive", "TISAuthentication", "Tunnel", "TunnelDevice",
    "UpdateHostKeys", "UseBlacklistedKeys", "UsePrivilegedPort", "User",
    "UserKnownHostsFile", "UserKnownHostsFile2", "UseRoaming", "UseRsh",
    "VerifyHostKeyDNS", "VisualHostKey", "WarnWeakCrypto", "XAuthLocation",
    NULL};

struct loader {
	const char *home;
	struct buf *err;
	size_t nerrors;
	size_t nfiles;
	char *ignore_unknown; /* the first IgnoreUnknown pattern list */
};

static struct sshcfile *read_file(struct loader *, const char *, int, int);

static void problem(struct loader *, const char *, unsigned, const char *, ...)
    __attribute__((format(printf, 4, 5)));

static void
problem(
    struct loader *ld, const char *file, unsigned line, const char *fmt, ...)
{
	va_list ap;
	char *m;

	if (++ld->nerrors > MAX_PROBLEMS)
		return;
	va_start(ap, fmt);
	if (vasprintf(&m, fmt, ap) == -1)
		m = NULL;
	va_end(ap);
	sshvalue_report(ld->err, file, line, m != NULL ? m : "(out of memory)");
	free(m);
}

/* The keyword's canonical name and kind; NULL when it is unknown. */
static const char *
find_keyword(const char *word, enum sshcfile_kw *kw)
{
	size_t i;

	for (i = 0; i < NUSED; i++)
		if (strcasecmp(word, used_keywords[i].name) == 0) {
			*kw = used_keywords[i].kw;
			return used_keywords[i].name;
		}
	for (i = 0; keyword_names[i] != NULL; i++)
		if (strcasecmp(word, keyword_names[i]) == 0) {
			*kw = SSHCFILE_KW_OTHER;
			return keyword_names[i];
		}
	return NULL;
}

static const char *
suggest_keyword(const char *word)
{
	size_t i, d, best = 3, len = strlen(word), klen;
	const char *found = NULL;

	for (i = 0; keyword_names[i] != NULL; i++) {
		/* The distance is at least the difference in length. */
		klen = strlen(keyword_names[i]);
		if (klen >= len + best || len >= klen + best)
			continue;
		d = keyword_distance(word, keyword_names[i], KEYWORD_ANY_CASE);
		if (d < best) {
			best = d;
			found = keyword_names[i];
		}
	}
	return found;
}

static void
item_free(struct sshcfile_item *it)
{
	size_t i;

	sshvalue_argv_free(it->argv, it->argc);
	for (i = 0; i < it->ncrit; i++)
		free(it->crit[i].arg);
	free(it->crit);
	for (i = 0; i < it->nfiles; i++)
		sshcfile_free(it->files[i]);
	free(it->files);
	sshhop_free_list(it->hops, it->nhops);
}

void
sshcfile_free(struct sshcfile *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nitems; i++)
		item_free(&f->items[i]);
	free(f->items);
	free(f->path);
	free(f);
}

/* Parse a Match line's words into it->crit: 0, or -1 after a problem. */
static int
parse_match(
    struct loader *ld, struct sshcfile_item *it, char **argv, size_t argc)
{
	static const struct {
		const char *name;
		enum sshcfile_crit_kind kind;
	} crits[] = {
	    {"host", SSHCFILE_CRIT_HOST},
	    {"originalhost", SSHCFILE_CRIT_ORIGINALHOST},
	    {"user", SSHCFILE_CRIT_USER},
	    {"localuser", SSHCFILE_CRIT_LOCALUSER},
	};
	static const char *const unsupported[] = {"exec", "canonical", "final",
	    "localnetwork", "tagged", "command", "version", "sessiontype",
	    NULL};
	const char *name;
	size_t i, k;
	int negate, found;

	it->crit = xcalloc(argc, sizeof(*it->crit));
	for (i = 0; i < argc; i++) {
		name = argv[i];
		negate = name[0] == '!';
		name += negate;
		if (strcasecmp(name, "all") == 0) {
			if (argc != 1) {
				problem(ld, it->file, it->line,
				    "Match: 'all' cannot be combined with "
				    "other criteria");
				return -1;
			}
			it->crit[it->ncrit].kind = SSHCFILE_CRIT_ALL;
			it->crit[it->ncrit++].negate = negate;
			continue;
		}
		found = 0;
		for (k = 0; k < sizeof(crits) / sizeof(crits[0]); k++)
			if (strcasecmp(name, crits[k].name) == 0) {
				found = 1;
				break;
			}
		if (!found) {
			for (k = 0; unsupported[k] != NULL; k++)
				if (strcasecmp(name, unsupported[k]) == 0)
					break;
			if (unsupported[k] != NULL)
				problem(ld, it->file, it->line,
				    "Match: '%s' is not supported (netcollect "
				    "knows all, host, originalhost, user and "
				    "localuser)",
				    unsupported[k]);
			else
				problem(ld, it->file, it->line,
				    "Match: unknown criterion '%s'", name);
			return -1;
		}
		if (i + 1 == argc || argv[i + 1][0] == '\0') {
			problem(ld, it->file, it->line,
			    "Match: '%s' needs a pattern list", crits[k].name);
			return -1;
		}
		it->crit[it->ncrit].kind = crits[k].kind;
		it->crit[it->ncrit].negate = negate;
		it->crit[it->ncrit++].arg = xstrdup(argv[++i]);
	}
	return 0;
}

/* The path an Include word names: ~ expanded, relative ones in ~/.ssh. */
static char *
include_path(const char *home, const char *w)
{
	if (w[0] == '~' && (w[1] == '/' || w[1] == '\0'))
		return xasprintf("%s%s", home, w + 1);
	if (w[0] == '/' || w[0] == '~')
		return xstrdup(w);
	return xasprintf("%s/.ssh/%s", home, w);
}

static void
parse_include(struct loader *ld, struct sshcfile_item *it, int depth)
{
	struct sshcfile *f;
	glob_t g;
	char *path;
	size_t i, k;
	int r;

	for (i = 0; i < it->argc; i++) {
		if (it->argv[i][0] == '~' && it->argv[i][1] != '/' &&
		    it->argv[i][1] != '\0') {
			problem(ld, it->file, it->line,
			    "Include: '%s': ~user paths are not supported",
			    it->argv[i]);
			continue;
		}
		path = include_path(ld->home, it->argv[i]);
		memset(&g, 0, sizeof(g));
		r = glob(path, 0, NULL, &g);
		if (r != 0 && r != GLOB_NOMATCH)
			problem(ld, it->file, it->line,
			    "Include: cannot expand '%s'", path);
		for (k = 0; r == 0 && k < g.gl_pathc; k++) {
			if (depth + 1 > MAX_DEPTH) {
				problem(ld, it->file, it->line,
				    "Include: files nested more than %d deep",
				    MAX_DEPTH);
				break;
			}
			if (ld->nfiles >= MAX_FILES) {
				problem(ld, it->file, it->line,
				    "Include: more than %u files in all",
				    MAX_FILES);
				break;
			}
			f = read_file(ld, g.gl_pathv[k], depth + 1, 1);
			if (f == NULL)
				continue;
			it->files =
			    xrealloc(it->files, (it->nfiles + 1) * sizeof(f));
			it->files[it->nfiles++] = f;
		}
		globfree(&g);
		free(path);
	}
}

/*
 * Check the values of an option line and keep them in *it: 0, or -1
 * after a problem. name is the keyword's canonical spelling.
 */
static int
parse_option(struct loader *ld, struct sshcfile_item *it, const char *name)
{
	struct buf why;
	const char *v = it->argv[0];
	char *bad = NULL;
	size_t i;
	int one = 1;

	switch (it->kw) {
	case SSHCFILE_KW_HOSTNAME:
		bad = sshvalue_check_template(
		    v, name, SSHVALUE_TOKENS_HOSTNAME, 0);
		break;
	case SSHCFILE_KW_USER:
	case SSHCFILE_KW_IGNOREUNKNOWN:
		break;
	case SSHCFILE_KW_PORT:
		it->port = sshvalue_port(v, strlen(v));
		if (it->port == 0) {
			problem(ld, it->file, it->line,
			    "Port: '%s' is not a port number (1-65535)", v);
			return -1;
		}
		break;
	case SSHCFILE_KW_IDENTITYFILE:
		bad = sshvalue_check_template(v, name, SSHVALUE_TOKENS_FILE, 1);
		break;
	case SSHCFILE_KW_IDENTITIESONLY:
		if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0)
			it->flag = 1;
		else if (strcasecmp(v, "no") == 0 ||
		    strcasecmp(v, "false") == 0)
			it->flag = 0;
		else {
			problem(ld, it->file, it->line,
			    "IdentitiesOnly: '%s' is not yes or no", v);
			return -1;
		}
		break;
	case SSHCFILE_KW_PROXYJUMP:
		buf_init(&why);
		if (sshhop_parse_list(v, &it->hops, &it->nhops, &why) == -1) {
			problem(
			    ld, it->file, it->line, "ProxyJump: %s", why.data);
			buf_free(&why);
			return -1;
		}
		buf_free(&why);
		it->none = it->nhops == 0;
		break;
	case SSHCFILE_KW_PROXYCOMMAND:
		it->none = strcmp(v, "none") == 0;
		if (!it->none)
			bad = sshvalue_check_template(
			    v, name, SSHVALUE_TOKENS_PROXY, 0);
		break;
	case SSHCFILE_KW_STRICT:
		if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0)
			it->shk = SSHCONFIG_SHK_YES;
		else if (strcasecmp(v, "no") == 0 ||
		    strcasecmp(v, "false") == 0 || strcasecmp(v, "off") == 0)
			it->shk = SSHCONFIG_SHK_OFF;
		else if (strcasecmp(v, "ask") == 0)
			it->shk = SSHCONFIG_SHK_ASK;
		else if (strcasecmp(v, "accept-new") == 0)
			it->shk = SSHCONFIG_SHK_ACCEPT_NEW;
		else {
			problem(ld, it->file, it->line,
			    "StrictHostKeyChecking: '%s' is not yes, no, "
			    "ask, accept-new or off",
			    v);
			return -1;
		}
		break;
	case SSHCFILE_KW_KNOWNHOSTS:
		one = 0;
		for (i = 0; i < it->argc && bad == NULL; i++) {
			if (strcmp(it->argv[i], "none") == 0) {
				if (it->argc > 1) {
					problem(ld, it->file, it->line,
					    "UserKnownHostsFile: 'none' must "
					    "be its only value");
					return -1;
				}
				it->none = 1;
			} else
				bad = sshvalue_check_template(
				    it->argv[i], name, SSHVALUE_TOKENS_FILE, 1);
		}
		break;
	case SSHCFILE_KW_CONNECTTIMEOUT:
		if (strcmp(v, "none") == 0)
			it->none = 1;
		else if ((it->ms = sshvalue_time(v)) == -1) {
			problem(ld, it->file, it->line,
			    "ConnectTimeout: '%s' is not a time (seconds, or "
			    "like 1m30s)",
			    v);
			return -1;
		} else
			it->ms *= 1000;
		break;
	case SSHCFILE_KW_OTHER:
		one = 0;
		break;
	case SSHCFILE_KW_HOST:
	case SSHCFILE_KW_MATCH:
	case SSHCFILE_KW_INCLUDE:
		abort();
	}
	if (bad != NULL) {
		problem(ld, it->file, it->line, "%s", bad);
		free(bad);
		return -1;
	}
	if (one && it->argc > 1) {
		problem(ld, it->file, it->line,
		    "%s: one value expected, found %zu", name, it->argc);
		return -1;
	}
	return 0;
}

/* One line of f (NUL-terminated, without its line break). */
static void
parse_line(struct loader *ld, struct sshcfile *f, char *line, unsigned lineno,
    int depth)
{
	struct sshcfile_item it;
	const char *name;
	char *p = line, *kw, *rest, **argv = NULL;
	size_t len = strlen(line), argc = 0, i;
	enum sshcfile_kw kind;
	char save;

	while (len > 0 && strchr(" \t\r\n\f", line[len - 1]) != NULL)
		line[--len] = '\0';
	p += strspn(p, " \t");
	if (*p == '\0' || *p == '#')
		return;
	kw = p;
	p += strcspn(p, " \t=");
	if (p == kw) {
		problem(
		    ld, f->path, lineno, "a line must start with a keyword");
		return;
	}
	save = *p;
	*p = '\0';
	name = find_keyword(kw, &kind);
	if (name == NULL) {
		if (ld->ignore_unknown != NULL &&
		    sshvalue_match_list(kw, ld->ignore_unknown, 1))
			return;
		/* Past the messages shown, only count (and skip the work). */
		name = ld->nerrors < MAX_PROBLEMS ? suggest_keyword(kw) : NULL;
		if (name != NULL)
			problem(ld, f->path, lineno,
			    "unknown keyword '%s' (did you mean '%s'?)", kw,
			    name);
		else
			problem(
			    ld, f->path, lineno, "unknown keyword '%s'", kw);
		return;
	}
	*p = save;
	rest = p + strspn(p, " \t");
	if (*rest == '=')
		rest += 1 + strspn(rest + 1, " \t");
	if (kind == SSHCFILE_KW_PROXYCOMMAND) {
		rest += strspn(rest, " \t=");
		if (*rest != '\0') {
			argv = xmalloc(sizeof(*argv));
			argv[argc++] = xstrdup(rest);
		}
	} else if (sshvalue_split(rest, &argv, &argc) == -1) {
		problem(ld, f->path, lineno, "%s: a quote is not closed", name);
		return;
	}
	if (argc == 0) {
		problem(ld, f->path, lineno, "%s: missing value", name);
		sshvalue_argv_free(argv, argc);
		return;
	}
	for (i = 0; i < argc; i++)
		if (argv[i][0] == '\0' && kind != SSHCFILE_KW_OTHER) {
			problem(
			    ld, f->path, lineno, "%s: an empty value", name);
			sshvalue_argv_free(argv, argc);
			return;
		}

	memset(&it, 0, sizeof(it));
	it.file = f->path;
	it.line = lineno;
	it.argv = argv;
	it.argc = argc;
	it.kw = kind;
	switch (kind) {
	case SSHCFILE_KW_HOST:
		it.kind = SSHCFILE_ITEM_HOST;
		break;
	case SSHCFILE_KW_MATCH:
		it.kind = SSHCFILE_ITEM_MATCH;
		if (parse_match(ld, &it, argv, argc) == -1)
			goto bad;
		break;
	case SSHCFILE_KW_INCLUDE:
		it.kind = SSHCFILE_ITEM_INCLUDE;
		parse_include(ld, &it, depth);
		break;
	case SSHCFILE_KW_OTHER:
		sshvalue_argv_free(argv, argc);
		return;
	case SSHCFILE_KW_IGNOREUNKNOWN:
		if (parse_option(ld, &it, name) == -1)
			goto bad;
		if (ld->ignore_unknown == NULL)
			ld->ignore_unknown = xstrdup(argv[0]);
		sshvalue_argv_free(argv, argc);
		return;
	case SSHCFILE_KW_HOSTNAME:
	case SSHCFILE_KW_PORT:
	case SSHCFILE_KW_USER:
	case SSHCFILE_KW_IDENTITYFILE:
	case SSHCFILE_KW_IDENTITIESONLY:
	case SSHCFILE_KW_PROXYJUMP:
	case SSHCFILE_KW_PROXYCOMMAND:
	case SSHCFILE_KW_STRICT:
	case SSHCFILE_KW_KNOWNHOSTS:
	case SSHCFILE_KW_CONNECTTIMEOUT:
		it.kind = SSHCFILE_ITEM_OPTION;
		if (parse_option(ld, &it, name) == -1)
			goto bad;
		break;
	}
	if (f->nitems == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->items = xrealloc(f->items, f->cap * sizeof(*f->items));
	}
	f->items[f->nitems++] = it;
	return;
bad:
	item_free(&it);
}

static struct sshcfile *
cfile_new(const char *path)
{
	struct sshcfile *f = xcalloc(1, sizeof(*f));

	f->path = xstrdup(path);
	return f;
}

/* Who may write path decides whether we trust it, as ssh does. */
static int
permissions_ok(const struct stat *st)
{
	return (st->st_uid == 0 || st->st_uid == getuid()) &&
	    (st->st_mode & 022) == 0;
}

/*
 * Read and parse one file. Returns it (problems in its lines are counted
 * in ld), or NULL when it cannot be read at all (a problem too, except a
 * missing user file, which is an empty one).
 */
static struct sshcfile *
read_file(struct loader *ld, const char *path, int depth, int check_perm)
{
	struct sshcfile *f = NULL;
	struct stat st;
	char *data = NULL, *line, *nl;
	size_t len = 0, cap = 0;
	ssize_t n;
	unsigned lineno = 0;
	int fd;

	ld->nfiles++;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		/* A user file that is not there, or a dangling include. */
		if (errno == ENOENT && (depth > 0 || check_perm))
			f = depth == 0 ? cfile_new(path) : NULL;
		else
			problem(
			    ld, path, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) == -1) {
		problem(ld, path, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		problem(ld, path, 0, "cannot read: %s", strerror(EISDIR));
		goto out;
	}
	if (check_perm && !permissions_ok(&st)) {
		problem(ld, path, 0,
		    "bad owner or permissions: it must be yours or root's "
		    "and writable only by its owner (ssh refuses it too)");
		goto out;
	}
	for (;;) {
		if (len + 1 >= cap) {
			cap = cap ? cap * 2 : 65536;
			data = xrealloc(data, cap);
		}
		n = read(fd, data + len, cap - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			problem(
			    ld, path, 0, "cannot read: %s", strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > MAX_FILE_SIZE) {
			problem(ld, path, 0, "larger than %u MiB",
			    MAX_FILE_SIZE >> 20);
			goto out;
		}
	}
	data[len] = '\0';
	f = cfile_new(path);
	for (line = data; line < data + len; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(data + len - line));
		if (nl == NULL)
			nl = data + len;
		*nl = '\0';
		lineno++;
		if (strlen(line) != (size_t)(nl - line)) {
			problem(ld, path, lineno, "a NUL byte in the line");
			continue;
		}
		parse_line(ld, f, line, lineno, depth);
	}
out:
	if (fd != -1)
		close(fd);
	free(data);
	return f;
}

struct sshcfile *
sshcfile_load(
    const char *path, const char *home, int check_perm, struct buf *err)
{
	struct sshcfile *top;
	struct loader ld;

	memset(&ld, 0, sizeof(ld));
	ld.home = home;
	ld.err = err;
	top = read_file(&ld, path, 0, check_perm);
	free(ld.ignore_unknown);
	if (ld.nerrors > MAX_PROBLEMS)
		buf_appendf(err, "%s: %zu more errors not shown\n", path,
		    ld.nerrors - MAX_PROBLEMS);
	if (ld.nerrors > 0) {
		sshcfile_free(top);
		return NULL;
	}
	return top;
}

const char *const *
sshcfile_keywords(void)
{
	return keyword_names;
}
