/*
 * sshconfig: ssh_config(5) read once, resolved per host.
 *
 * Loading turns each file into a list of items in file order: Host and
 * Match lines (the block headers), the options we use with their values
 * already checked, and Include lines holding the files they read (a
 * tree: an item owns its included files). Lines of keywords we ignore
 * are checked for syntax and dropped. Every bad line is one problem;
 * loading goes on to the end so the user sees all of them, and returns
 * nothing when there was any.
 *
 * A lookup replays the items the way ssh(1) reads its files on each
 * start: `active` is set by each Host or Match line and applies to the
 * options that follow; an Include inside an inactive block is read with
 * no block able to match (ssh's NEVERMATCH), and the including file's
 * state comes back after it. Each option keeps the first item that
 * applied (IdentityFile collects every one, as ssh does, skipping
 * repeats); Match host and Match user see the HostName and User found so
 * far. Tokens, ~ and ${VAR} are expanded at the end, with the final
 * hostname, port and user. Host patterns are case-sensitive and Match
 * host patterns are not, as in ssh; the final hostname is lowercased.
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
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sshconfig.h"
#include "util.h"

#define MAX_PROBLEMS 100u
#define MAX_MESSAGE 400u	 /* bytes of one problem, before its "..." */
#define MAX_DEPTH 16		 /* Include nesting, as ssh */
#define MAX_FILES 1024u		 /* files read through Include, in all */
#define MAX_FILE_SIZE (4u << 20) /* bytes of one file */

/* The keywords whose values we keep (and the block and file keywords). */
enum kw {
	KW_OTHER,
	KW_HOST,
	KW_MATCH,
	KW_INCLUDE,
	KW_IGNOREUNKNOWN,
	KW_HOSTNAME,
	KW_PORT,
	KW_USER,
	KW_IDENTITYFILE,
	KW_IDENTITIESONLY,
	KW_PROXYJUMP,
	KW_PROXYCOMMAND,
	KW_STRICT,
	KW_KNOWNHOSTS,
	KW_CONNECTTIMEOUT,
};

static const struct {
	const char *name;
	enum kw kw;
} used_keywords[] = {
    {"Host", KW_HOST},
    {"Match", KW_MATCH},
    {"Include", KW_INCLUDE},
    {"IgnoreUnknown", KW_IGNOREUNKNOWN},
    {"HostName", KW_HOSTNAME},
    {"Port", KW_PORT},
    {"User", KW_USER},
    {"IdentityFile", KW_IDENTITYFILE},
    {"IdentityFile2", KW_IDENTITYFILE}, /* an old alias, still honoured */
    {"IdentitiesOnly", KW_IDENTITIESONLY},
    {"ProxyJump", KW_PROXYJUMP},
    {"ProxyCommand", KW_PROXYCOMMAND},
    {"StrictHostKeyChecking", KW_STRICT},
    {"UserKnownHostsFile", KW_KNOWNHOSTS},
    {"ConnectTimeout", KW_CONNECTTIMEOUT},
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

/* Tokens each kind of value takes (ssh_config(5), TOKENS). */
#define TOKENS_HOSTNAME "h"
#define TOKENS_PROXY "hnpr"
#define TOKENS_FILE "dhiLlnpru"
/* Valid for ssh in file values but not known here. */
#define TOKENS_FILE_UNSUPPORTED "Ck"

enum crit_kind {
	CRIT_ALL,
	CRIT_HOST,
	CRIT_ORIGINALHOST,
	CRIT_USER,
	CRIT_LOCALUSER,
};

struct crit {
	enum crit_kind kind;
	int negate;
	char *arg; /* a pattern list; NULL for all */
};

enum item_kind {
	ITEM_HOST,
	ITEM_MATCH,
	ITEM_OPTION,
	ITEM_INCLUDE,
};

struct cfile;

struct item {
	enum item_kind kind;
	enum kw kw; /* ITEM_OPTION */
	const char *file;
	unsigned line;
	char **argv; /* Host patterns; option values (ProxyCommand: one, raw) */
	size_t argc;
	struct crit *crit; /* Match */
	size_t ncrit;
	struct cfile **files; /* Include */
	size_t nfiles;
	/* Values already parsed, by keyword. */
	unsigned port;
	int flag;
	enum sshconfig_shk shk;
	int none; /* ProxyJump, ProxyCommand, UserKnownHostsFile, ConnectTimeout */
	int64_t ms;
	struct sshconfig_hop *hops;
	size_t nhops;
};

struct cfile {
	char *path;
	struct item *items;
	size_t nitems;
	size_t cap;
};

struct sshconfig {
	struct cfile *top;
	char *home;
	char *user;
	char *localhost;
};

struct loader {
	struct sshconfig *cfg;
	struct buf *err;
	size_t nerrors;
	size_t nfiles;
	char *ignore_unknown; /* the first IgnoreUnknown pattern list */
};

static struct cfile *read_file(struct loader *, const char *, int, int);
static void cfile_free(struct cfile *);

/*
 * Messages quote the file's bytes: control characters become \xNN and a
 * message is cut after MAX_MESSAGE bytes, so a problem stays one line
 * that cannot drive the terminal.
 */
static void
append_clean(struct buf *b, const char *m)
{
	const unsigned char *p = (const unsigned char *)m;
	size_t i, start = b->len;

	for (i = 0; p[i] != '\0'; i++) {
		if (b->len - start >= MAX_MESSAGE && (p[i] & 0xc0) != 0x80) {
			buf_append(b, "...", 3);
			break;
		}
		if (p[i] < 0x20 || p[i] == 0x7f)
			buf_appendf(b, "\\x%02x", p[i]);
		else if (p[i] == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f) {
			buf_appendf(b, "\\x%02x\\x%02x", p[i], p[i + 1]);
			i++;
		} else
			buf_append(b, &p[i], 1);
	}
}

/* One line "file:line: message" (line 0: "file: message") into err. */
static void
report(struct buf *err, const char *file, unsigned line, const char *msg)
{
	char num[16];

	append_clean(err, file);
	if (line > 0) {
		snprintf(num, sizeof(num), ":%u", line);
		buf_append(err, num, strlen(num));
	}
	buf_append(err, ": ", 2);
	append_clean(err, msg);
	buf_append(err, "\n", 1);
}

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
	report(ld->err, file, line, m != NULL ? m : "(out of memory)");
	free(m);
}

static void
lowercase(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

/*
 * ssh's wildcard match: '*' any run, '?' one byte, nothing else special.
 * Iterative with one backtrack point, so linear in practice and never
 * worse than len(s) * len(p).
 */
static int
wildmatch(const char *s, const char *p)
{
	const char *star = NULL, *resume = NULL;

	for (;;) {
		if (*p == '*') {
			star = ++p;
			resume = s;
			continue;
		}
		if (*s == '\0')
			return *p == '\0';
		if (*p == '?' || *p == *s) {
			s++;
			p++;
			continue;
		}
		if (star == NULL)
			return 0;
		p = star;
		s = ++resume;
	}
}

/*
 * A comma-separated list of patterns, "!" negating one: 1 when a positive
 * pattern matches and no negated one does. fold: compare ignoring case.
 */
static int
match_list(const char *s, const char *list, int fold)
{
	char *str = xstrdup(s), *pats = xstrdup(list), *p, *next;
	int positive = 0, negated;

	if (fold) {
		lowercase(str);
		lowercase(pats);
	}
	for (p = pats; p != NULL; p = next) {
		next = strchr(p, ',');
		if (next != NULL)
			*next++ = '\0';
		negated = *p == '!';
		if (wildmatch(str, p + negated)) {
			if (negated) {
				positive = 0;
				break;
			}
			positive = 1;
		}
	}
	free(str);
	free(pats);
	return positive;
}

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[40], prev, tmp, best;

	if (la >= 40 || lb >= 40)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev +
			    (tolower((unsigned char)a[i - 1]) !=
				tolower((unsigned char)b[j - 1]));
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

/* The keyword's canonical name and kind; NULL when it is unknown. */
static const char *
find_keyword(const char *word, enum kw *kw)
{
	size_t i;

	for (i = 0; i < NUSED; i++)
		if (strcasecmp(word, used_keywords[i].name) == 0) {
			*kw = used_keywords[i].kw;
			return used_keywords[i].name;
		}
	for (i = 0; keyword_names[i] != NULL; i++)
		if (strcasecmp(word, keyword_names[i]) == 0) {
			*kw = KW_OTHER;
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
		d = edit_distance(word, keyword_names[i]);
		if (d < best) {
			best = d;
			found = keyword_names[i];
		}
	}
	return found;
}

static void
argv_free(char **argv, size_t argc)
{
	size_t i;

	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

/*
 * Split s into words the way ssh does (its argv_split): blanks separate,
 * "..." and '...' quote (also inside a word), a backslash escapes a
 * quote, a backslash or (outside quotes) a space, and a word starting
 * with '#' ends the line. Returns 0, or -1 for an unterminated quote.
 */
static int
split_words(const char *s, char ***argvp, size_t *argcp)
{
	char **argv = NULL, *w;
	size_t argc = 0, i = 0, j;
	int quote;

	while (s[i] != '\0') {
		if (s[i] == ' ' || s[i] == '\t') {
			i++;
			continue;
		}
		if (s[i] == '#')
			break;
		w = xmalloc(strlen(s + i) + 1);
		argv = xrealloc(argv, (argc + 1) * sizeof(*argv));
		argv[argc++] = w;
		quote = 0;
		for (j = 0; s[i] != '\0'; i++) {
			if (s[i] == '\\' &&
			    (s[i + 1] == '\'' || s[i + 1] == '"' ||
				s[i + 1] == '\\' ||
				(quote == 0 && s[i + 1] == ' ')))
				w[j++] = s[++i];
			else if (quote == 0 && (s[i] == ' ' || s[i] == '\t'))
				break;
			else if (quote == 0 && (s[i] == '"' || s[i] == '\''))
				quote = s[i];
			else if (quote != 0 && s[i] == quote)
				quote = 0;
			else
				w[j++] = s[i];
		}
		w[j] = '\0';
		if (quote != 0) {
			argv_free(argv, argc);
			return -1;
		}
	}
	*argvp = argv;
	*argcp = argc;
	return 0;
}

static const char *
token_list(const char *ok)
{
	if (strcmp(ok, TOKENS_HOSTNAME) == 0)
		return "%h and %%";
	if (strcmp(ok, TOKENS_PROXY) == 0)
		return "%h, %n, %p, %r and %%";
	return "%d, %h, %i, %L, %l, %n, %p, %r, %u and %%";
}

/*
 * A value of keyword name that takes %-tokens (the letters in ok) and,
 * for a file, ~ and ${VAR}: NULL when it is fine, else the problem (a
 * new string).
 */
static char *
check_template(const char *v, const char *name, const char *ok, int file)
{
	const char *p, *end;

	if (file && v[0] == '~' && v[1] != '\0' && v[1] != '/')
		return xasprintf(
		    "%s: '%s': ~user paths are not supported", name, v);
	for (p = v; *p != '\0'; p++) {
		if (*p == '%') {
			p++;
			if (*p == '%' || (*p != '\0' && strchr(ok, *p) != NULL))
				continue;
			if (*p == '\0')
				return xasprintf("%s: '%%' at the end (write "
						 "%%%% for a literal %%)",
				    name);
			if (file && strchr(TOKENS_FILE_UNSUPPORTED, *p) != NULL)
				return xasprintf(
				    "%s: token '%%%c' is not supported", name,
				    *p);
			return xasprintf(
			    "%s: unknown token '%%%c' (%s takes %s)", name, *p,
			    name, token_list(ok));
		}
		if (file && p[0] == '$' && p[1] == '{') {
			end = strchr(p + 2, '}');
			if (end == NULL)
				return xasprintf(
				    "%s: '${' without its '}'", name);
			if (end == p + 2)
				return xasprintf("%s: an empty '${}'", name);
			p = end;
		}
	}
	return NULL;
}

/* Port numbers: decimal digits only, 1..65535. 0 when not one. */
static unsigned
parse_port(const char *s, size_t len)
{
	unsigned long v = 0;
	size_t i;

	if (len == 0 || len > 10)
		return 0;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return 0;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	return v >= 1 && v <= 65535 ? (unsigned)v : 0;
}

/*
 * ssh's time format: a number of seconds, or runs of a number and a unit
 * (s, m, h, d, w, either case), summed: "90", "1m30s", "1h1". -1 when it
 * is not one or passes INT_MAX seconds, as ssh refuses.
 */
static int64_t
parse_time(const char *s)
{
	int64_t total = 0, n, mul;

	if (*s == '\0')
		return -1;
	while (*s != '\0') {
		if (!isdigit((unsigned char)*s))
			return -1;
		for (n = 0; isdigit((unsigned char)*s); s++) {
			n = n * 10 + (*s - '0');
			if (n > INT_MAX)
				return -1;
		}
		switch (tolower((unsigned char)*s)) {
		case '\0':
			mul = 1;
			s--;
			break;
		case 's':
			mul = 1;
			break;
		case 'm':
			mul = 60;
			break;
		case 'h':
			mul = 3600;
			break;
		case 'd':
			mul = 86400;
			break;
		case 'w':
			mul = 604800;
			break;
		default:
			return -1;
		}
		s++;
		total += n * mul;
		if (total > INT_MAX)
			return -1;
	}
	return total;
}

void
sshconfig_hops_free(struct sshconfig_hop *hops, size_t nhops)
{
	size_t i;

	if (hops == NULL)
		return;
	for (i = 0; i < nhops; i++) {
		free(hops[i].user);
		free(hops[i].host);
	}
	free(hops);
}

/* One hop into *hop: 0, or -1 with the reason in err. */
static int
parse_hop(const char *s, struct sshconfig_hop *hop, struct buf *err)
{
	const char *orig = s, *at, *host, *hend, *port = NULL, *p;
	size_t len;

	memset(hop, 0, sizeof(*hop));
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f) {
			buf_appendf(
			    err, "'%s': a blank or control character", orig);
			return -1;
		}
	len = strlen(s);
	if (strncmp(s, "ssh://", 6) == 0) {
		s += 6;
		len -= 6;
		if (len > 0 && s[len - 1] == '/')
			len--;
		if (memchr(s, '/', len) != NULL) {
			buf_appendf(err, "'%s': a path in an ssh:// hop", orig);
			return -1;
		}
	} else if (strchr(s, '/') != NULL) {
		buf_appendf(err, "'%s': a '/' in a hop", orig);
		return -1;
	}
	at = NULL;
	for (p = s; p < s + len; p++)
		if (*p == '@')
			at = p;
	host = s;
	if (at != NULL) {
		if (at == s) {
			buf_appendf(err, "'%s': an empty user", orig);
			return -1;
		}
		host = at + 1;
	}
	if (*host == '[') {
		hend = memchr(host, ']', (size_t)(s + len - host));
		if (hend == NULL) {
			buf_appendf(err, "'%s': '[' without its ']'", orig);
			return -1;
		}
		if (hend + 1 < s + len && hend[1] != ':') {
			buf_appendf(err, "'%s': text after ']'", orig);
			return -1;
		}
		if (hend + 1 < s + len)
			port = hend + 2;
		host++;
	} else {
		hend = memchr(host, ':', (size_t)(s + len - host));
		if (hend == NULL)
			hend = s + len;
		else
			port = hend + 1;
	}
	if (hend == host) {
		if (port != NULL && memchr(port, ':', (size_t)(s + len - port)))
			buf_appendf(err,
			    "'%s': no host (an IPv6 address goes in "
			    "brackets: [::1]:22)",
			    orig);
		else
			buf_appendf(err, "'%s': no host", orig);
		return -1;
	}
	if (port != NULL && port < s + len) {
		hop->port = parse_port(port, (size_t)(s + len - port));
		if (hop->port == 0) {
			buf_appendf(err, "'%s': '%.*s' is not a port number",
			    orig, (int)(s + len - port), port);
			return -1;
		}
	}
	if (at != NULL)
		hop->user = xstrndup(s, (size_t)(at - s));
	hop->host = xstrndup(host, (size_t)(hend - host));
	return 0;
}

int
sshconfig_jump_parse(const char *spec, struct sshconfig_hop **hopsp,
    size_t *nhopsp, struct buf *err)
{
	struct sshconfig_hop *hops = NULL;
	size_t nhops = 0;
	char *copy = NULL, *p, *next;
	int rc = -1;

	*hopsp = NULL;
	*nhopsp = 0;
	if (strcasecmp(spec, "none") == 0)
		return 0;
	if (*spec == '\0') {
		buf_appendf(err, "no hop");
		return -1;
	}
	copy = xstrdup(spec);
	for (p = copy; p != NULL; p = next) {
		next = strchr(p, ',');
		if (next != NULL)
			*next++ = '\0';
		if (*p == '\0') {
			buf_appendf(err, "'%s': an empty hop", spec);
			goto out;
		}
		if (nhops == SSHCONFIG_MAX_HOPS) {
			buf_appendf(err, "'%s': more than %d hops", spec,
			    SSHCONFIG_MAX_HOPS);
			goto out;
		}
		hops = xrealloc(hops, (nhops + 1) * sizeof(*hops));
		if (parse_hop(p, &hops[nhops], err) == -1)
			goto out;
		nhops++;
	}
	*hopsp = hops;
	*nhopsp = nhops;
	hops = NULL;
	nhops = 0;
	rc = 0;
out:
	sshconfig_hops_free(hops, nhops);
	free(copy);
	return rc;
}

char *
sshconfig_hop_string(const struct sshconfig_hop *hop)
{
	struct buf b;

	buf_init(&b);
	if (hop->user != NULL)
		buf_appendf(&b, "%s@", hop->user);
	if (strchr(hop->host, ':') != NULL)
		buf_appendf(&b, "[%s]", hop->host);
	else
		buf_appendf(&b, "%s", hop->host);
	if (hop->port != 0)
		buf_appendf(&b, ":%u", hop->port);
	return buf_steal(&b, NULL);
}

static void
item_free(struct item *it)
{
	size_t i;

	argv_free(it->argv, it->argc);
	for (i = 0; i < it->ncrit; i++)
		free(it->crit[i].arg);
	free(it->crit);
	for (i = 0; i < it->nfiles; i++)
		cfile_free(it->files[i]);
	free(it->files);
	sshconfig_hops_free(it->hops, it->nhops);
}

static void
cfile_free(struct cfile *f)
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
parse_match(struct loader *ld, struct item *it, char **argv, size_t argc)
{
	static const struct {
		const char *name;
		enum crit_kind kind;
	} crits[] = {
	    {"host", CRIT_HOST},
	    {"originalhost", CRIT_ORIGINALHOST},
	    {"user", CRIT_USER},
	    {"localuser", CRIT_LOCALUSER},
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
			it->crit[it->ncrit].kind = CRIT_ALL;
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
include_path(const struct sshconfig *cfg, const char *w)
{
	if (w[0] == '~' && (w[1] == '/' || w[1] == '\0'))
		return xasprintf("%s%s", cfg->home, w + 1);
	if (w[0] == '/' || w[0] == '~')
		return xstrdup(w);
	return xasprintf("%s/.ssh/%s", cfg->home, w);
}

static void
parse_include(struct loader *ld, struct item *it, int depth)
{
	struct cfile *f;
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
		path = include_path(ld->cfg, it->argv[i]);
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
parse_option(struct loader *ld, struct item *it, const char *name)
{
	struct buf why;
	const char *v = it->argv[0];
	char *bad = NULL;
	size_t i;
	int one = 1;

	switch (it->kw) {
	case KW_HOSTNAME:
		bad = check_template(v, name, TOKENS_HOSTNAME, 0);
		break;
	case KW_USER:
	case KW_IGNOREUNKNOWN:
		break;
	case KW_PORT:
		it->port = parse_port(v, strlen(v));
		if (it->port == 0) {
			problem(ld, it->file, it->line,
			    "Port: '%s' is not a port number (1-65535)", v);
			return -1;
		}
		break;
	case KW_IDENTITYFILE:
		bad = check_template(v, name, TOKENS_FILE, 1);
		break;
	case KW_IDENTITIESONLY:
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
	case KW_PROXYJUMP:
		buf_init(&why);
		if (sshconfig_jump_parse(v, &it->hops, &it->nhops, &why) ==
		    -1) {
			problem(
			    ld, it->file, it->line, "ProxyJump: %s", why.data);
			buf_free(&why);
			return -1;
		}
		buf_free(&why);
		it->none = it->nhops == 0;
		break;
	case KW_PROXYCOMMAND:
		it->none = strcmp(v, "none") == 0;
		if (!it->none)
			bad = check_template(v, name, TOKENS_PROXY, 0);
		break;
	case KW_STRICT:
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
	case KW_KNOWNHOSTS:
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
				bad = check_template(
				    it->argv[i], name, TOKENS_FILE, 1);
		}
		break;
	case KW_CONNECTTIMEOUT:
		if (strcmp(v, "none") == 0)
			it->none = 1;
		else if ((it->ms = parse_time(v)) == -1) {
			problem(ld, it->file, it->line,
			    "ConnectTimeout: '%s' is not a time (seconds, or "
			    "like 1m30s)",
			    v);
			return -1;
		} else
			it->ms *= 1000;
		break;
	case KW_OTHER:
		one = 0;
		break;
	case KW_HOST:
	case KW_MATCH:
	case KW_INCLUDE:
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
parse_line(
    struct loader *ld, struct cfile *f, char *line, unsigned lineno, int depth)
{
	struct item it;
	const char *name;
	char *p = line, *kw, *rest, **argv = NULL;
	size_t len = strlen(line), argc = 0, i;
	enum kw kind;
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
		    match_list(kw, ld->ignore_unknown, 1))
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
	if (kind == KW_PROXYCOMMAND) {
		rest += strspn(rest, " \t=");
		if (*rest != '\0') {
			argv = xmalloc(sizeof(*argv));
			argv[argc++] = xstrdup(rest);
		}
	} else if (split_words(rest, &argv, &argc) == -1) {
		problem(ld, f->path, lineno, "%s: a quote is not closed", name);
		return;
	}
	if (argc == 0) {
		problem(ld, f->path, lineno, "%s: missing value", name);
		argv_free(argv, argc);
		return;
	}
	for (i = 0; i < argc; i++)
		if (argv[i][0] == '\0' && kind != KW_OTHER) {
			problem(
			    ld, f->path, lineno, "%s: an empty value", name);
			argv_free(argv, argc);
			return;
		}

	memset(&it, 0, sizeof(it));
	it.file = f->path;
	it.line = lineno;
	it.argv = argv;
	it.argc = argc;
	it.kw = kind;
	switch (kind) {
	case KW_HOST:
		it.kind = ITEM_HOST;
		break;
	case KW_MATCH:
		it.kind = ITEM_MATCH;
		if (parse_match(ld, &it, argv, argc) == -1)
			goto bad;
		break;
	case KW_INCLUDE:
		it.kind = ITEM_INCLUDE;
		parse_include(ld, &it, depth);
		break;
	case KW_OTHER:
		argv_free(argv, argc);
		return;
	case KW_IGNOREUNKNOWN:
		if (parse_option(ld, &it, name) == -1)
			goto bad;
		if (ld->ignore_unknown == NULL)
			ld->ignore_unknown = xstrdup(argv[0]);
		argv_free(argv, argc);
		return;
	case KW_HOSTNAME:
	case KW_PORT:
	case KW_USER:
	case KW_IDENTITYFILE:
	case KW_IDENTITIESONLY:
	case KW_PROXYJUMP:
	case KW_PROXYCOMMAND:
	case KW_STRICT:
	case KW_KNOWNHOSTS:
	case KW_CONNECTTIMEOUT:
		it.kind = ITEM_OPTION;
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

static struct cfile *
cfile_new(const char *path)
{
	struct cfile *f = xcalloc(1, sizeof(*f));

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
static struct cfile *
read_file(struct loader *ld, const char *path, int depth, int check_perm)
{
	struct cfile *f = NULL;
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

static char *
passwd_field(int home)
{
	struct passwd pw, *res = NULL;
	char buf[4096];
	const char *e;

	if (getpwuid_r(getuid(), &pw, buf, sizeof(buf), &res) == 0 &&
	    res != NULL)
		return xstrdup(home ? pw.pw_dir : pw.pw_name);
	e = getenv(home ? "HOME" : "USER");
	return xstrdup(e != NULL ? e : home ? "/" : "unknown");
}

char *
sshconfig_default_path(const struct sshconfig_env *env)
{
	char *home, *p;

	if (env != NULL && env->home != NULL)
		return xasprintf("%s/.ssh/config", env->home);
	home = passwd_field(1);
	p = xasprintf("%s/.ssh/config", home);
	free(home);
	return p;
}

struct sshconfig *
sshconfig_load(
    const char *path, const struct sshconfig_env *env, struct buf *err)
{
	struct sshconfig *cfg = xcalloc(1, sizeof(*cfg));
	struct loader ld;
	char host[256];

	memset(&ld, 0, sizeof(ld));
	ld.cfg = cfg;
	ld.err = err;
	cfg->home = env != NULL && env->home != NULL ? xstrdup(env->home)
						     : passwd_field(1);
	cfg->user = env != NULL && env->user != NULL ? xstrdup(env->user)
						     : passwd_field(0);
	if (env != NULL && env->localhost != NULL)
		cfg->localhost = xstrdup(env->localhost);
	else {
		if (gethostname(host, sizeof(host)) == -1)
			host[0] = '\0';
		host[sizeof(host) - 1] = '\0';
		cfg->localhost = xstrdup(host);
	}
	cfg->top = read_file(&ld, path, 0, env != NULL && env->user_file);
	free(ld.ignore_unknown);
	if (ld.nerrors > MAX_PROBLEMS)
		buf_appendf(err, "%s: %zu more errors not shown\n", path,
		    ld.nerrors - MAX_PROBLEMS);
	if (ld.nerrors > 0 || cfg->top == NULL) {
		sshconfig_free(cfg);
		return NULL;
	}
	return cfg;
}

void
sshconfig_free(struct sshconfig *cfg)
{
	if (cfg == NULL)
		return;
	cfile_free(cfg->top);
	free(cfg->home);
	free(cfg->user);
	free(cfg->localhost);
	free(cfg);
}

const char *const *
sshconfig_keywords(void)
{
	return keyword_names;
}

/* What one lookup has found so far: the first item of each option. */
struct eval {
	const struct sshconfig *cfg;
	const struct sshconfig_query *q;
	const struct item *hostname, *port, *user, *identities_only;
	const struct item *jump, *command, *strict, *known_hosts, *timeout;
	const struct item *ids[SSHCONFIG_MAX_IDENTITY_FILES];
	size_t nids;
	const struct item *too_many; /* the IdentityFile past the limit */
	int no_proxy;
};

/* HostName with %h: the host (the original one) put in. New string. */
static char *
expand_hostname(const char *tmpl, const char *host)
{
	struct buf b;
	const char *p;

	buf_init(&b);
	for (p = tmpl; *p != '\0'; p++) {
		if (p[0] == '%' && p[1] == 'h') {
			buf_appendf(&b, "%s", host);
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			buf_append(&b, "%", 1);
			p++;
		} else
			buf_append(&b, p, 1);
	}
	return buf_steal(&b, NULL);
}

static int
match_crit(const struct eval *ev, const struct crit *c)
{
	const char *user;
	char *host;
	int m = 0;

	switch (c->kind) {
	case CRIT_ALL:
		m = 1;
		break;
	case CRIT_HOST:
		host = ev->hostname != NULL
		    ? expand_hostname(ev->hostname->argv[0], ev->q->host)
		    : xstrdup(ev->q->host);
		m = match_list(host, c->arg, 1);
		free(host);
		break;
	case CRIT_ORIGINALHOST:
		m = match_list(ev->q->host, c->arg, 1);
		break;
	case CRIT_USER:
		user = ev->q->user != NULL ? ev->q->user
		    : ev->user != NULL	   ? ev->user->argv[0]
					   : ev->cfg->user;
		m = match_list(user, c->arg, 0);
		break;
	case CRIT_LOCALUSER:
		m = match_list(ev->cfg->user, c->arg, 0);
		break;
	}
	return c->negate ? !m : m;
}

static int
match_host_line(const struct eval *ev, const struct item *it)
{
	size_t i;
	int active = 0, negated;

	for (i = 0; i < it->argc; i++) {
		negated = it->argv[i][0] == '!';
		if (wildmatch(ev->q->host, it->argv[i] + negated)) {
			if (negated)
				return 0;
			active = 1;
		}
	}
	return active;
}

static void
apply_option(struct eval *ev, const struct item *it)
{
	size_t i;

	switch (it->kw) {
	case KW_HOSTNAME:
		if (ev->hostname == NULL)
			ev->hostname = it;
		break;
	case KW_PORT:
		if (ev->port == NULL)
			ev->port = it;
		break;
	case KW_USER:
		if (ev->user == NULL)
			ev->user = it;
		break;
	case KW_IDENTITYFILE:
		for (i = 0; i < ev->nids; i++)
			if (strcmp(ev->ids[i]->argv[0], it->argv[0]) == 0)
				return;
		if (ev->nids == SSHCONFIG_MAX_IDENTITY_FILES) {
			if (ev->too_many == NULL)
				ev->too_many = it;
			return;
		}
		ev->ids[ev->nids++] = it;
		break;
	case KW_IDENTITIESONLY:
		if (ev->identities_only == NULL)
			ev->identities_only = it;
		break;
	case KW_PROXYJUMP:
		if (ev->jump == NULL && ev->command == NULL && !ev->no_proxy)
			ev->jump = it;
		break;
	case KW_PROXYCOMMAND:
		/*
		 * ssh's own rule: ProxyJump hops rule out any later
		 * ProxyCommand, but "ProxyJump none" does not.
		 */
		if (ev->command == NULL && !ev->no_proxy &&
		    (ev->jump == NULL || ev->jump->none))
			ev->command = it;
		break;
	case KW_STRICT:
		if (ev->strict == NULL)
			ev->strict = it;
		break;
	case KW_KNOWNHOSTS:
		if (ev->known_hosts == NULL)
			ev->known_hosts = it;
		break;
	case KW_CONNECTTIMEOUT:
		/* "none" is ssh's unset value: a later line still applies. */
		if (ev->timeout == NULL && !it->none)
			ev->timeout = it;
		break;
	case KW_OTHER:
	case KW_HOST:
	case KW_MATCH:
	case KW_INCLUDE:
	case KW_IGNOREUNKNOWN:
		break;
	}
}

static void
eval_file(struct eval *ev, const struct cfile *f, int nevermatch, int *active)
{
	const struct item *it;
	size_t i, k;
	int saved;

	for (i = 0; i < f->nitems; i++) {
		it = &f->items[i];
		switch (it->kind) {
		case ITEM_HOST:
			*active = !nevermatch && match_host_line(ev, it);
			break;
		case ITEM_MATCH:
			*active = !nevermatch;
			for (k = 0; k < it->ncrit && *active; k++)
				*active = match_crit(ev, &it->crit[k]);
			break;
		case ITEM_INCLUDE:
			saved = *active;
			for (k = 0; k < it->nfiles; k++) {
				eval_file(ev, it->files[k],
				    nevermatch || !saved, active);
				*active = saved;
			}
			break;
		case ITEM_OPTION:
			if (*active)
				apply_option(ev, it);
			break;
		}
	}
}

/* The values expansion needs, final ones. */
struct tokens {
	const struct sshconfig *cfg;
	const char *host; /* %h: the final hostname */
	const char *orig; /* %n */
	const char *user; /* %r */
	unsigned port;	  /* %p */
};

/*
 * Expand a checked template: ~ first (file values), then %-tokens and
 * (file values) ${VAR}. Returns a new string, or NULL with a problem
 * line in err for an unset variable.
 */
static char *
expand(const struct tokens *t, const struct item *it, const char *tmpl,
    const char *name, int file, struct buf *err)
{
	struct buf b;
	const char *p = tmpl, *end, *val;
	char *var, *msg;
	size_t n;

	buf_init(&b);
	if (file && p[0] == '~' && (p[1] == '/' || p[1] == '\0')) {
		buf_appendf(&b, "%s", t->cfg->home);
		p++;
	}
	for (; *p != '\0'; p++) {
		if (file && p[0] == '$' && p[1] == '{') {
			end = strchr(p + 2, '}');
			var = xstrndup(p + 2, (size_t)(end - p - 2));
			val = getenv(var);
			if (val == NULL) {
				msg = xasprintf("%s: environment variable '%s' "
						"is not set",
				    name, var);
				report(err, it->file, it->line, msg);
				free(msg);
				free(var);
				buf_free(&b);
				return NULL;
			}
			free(var);
			buf_appendf(&b, "%s", val);
			p = end;
			continue;
		}
		if (*p != '%') {
			buf_append(&b, p, 1);
			continue;
		}
		switch (*++p) {
		case '%':
			buf_append(&b, "%", 1);
			break;
		case 'd':
			buf_appendf(&b, "%s", t->cfg->home);
			break;
		case 'h':
			buf_appendf(&b, "%s", t->host);
			break;
		case 'i':
			buf_appendf(&b, "%u", (unsigned)getuid());
			break;
		case 'L':
			n = strcspn(t->cfg->localhost, ".");
			buf_append(&b, t->cfg->localhost, n);
			break;
		case 'l':
			buf_appendf(&b, "%s", t->cfg->localhost);
			break;
		case 'n':
			buf_appendf(&b, "%s", t->orig);
			break;
		case 'p':
			buf_appendf(&b, "%u", t->port);
			break;
		case 'r':
			buf_appendf(&b, "%s", t->user);
			break;
		case 'u':
			buf_appendf(&b, "%s", t->cfg->user);
			break;
		default:
			/* check_template() let no other letter through. */
			abort();
		}
	}
	return buf_steal(&b, NULL);
}

void
sshconfig_opts_free(struct sshconfig_opts *o)
{
	size_t i;

	if (o == NULL)
		return;
	free(o->hostname);
	free(o->user);
	for (i = 0; i < o->nidentity_files; i++)
		free(o->identity_files[i]);
	free(o->identity_files);
	sshconfig_hops_free(o->jump, o->njump);
	free(o->proxy_command);
	free(o->known_hosts);
	memset(o, 0, sizeof(*o));
}

static void
copy_hops(struct sshconfig_opts *o, const struct item *it)
{
	size_t i;

	o->jump = xcalloc(it->nhops, sizeof(*o->jump));
	for (i = 0; i < it->nhops; i++) {
		if (it->hops[i].user != NULL)
			o->jump[i].user = xstrdup(it->hops[i].user);
		o->jump[i].host = xstrdup(it->hops[i].host);
		o->jump[i].port = it->hops[i].port;
	}
	o->njump = it->nhops;
}

int
sshconfig_lookup(const struct sshconfig *cfg, const struct sshconfig_query *q,
    struct sshconfig_opts *o, struct buf *err)
{
	struct eval ev;
	struct tokens t;
	char *msg;
	size_t i;
	int active = 1;

	memset(o, 0, sizeof(*o));
	memset(&ev, 0, sizeof(ev));
	ev.cfg = cfg;
	ev.q = q;
	ev.no_proxy = q->no_proxy;
	eval_file(&ev, cfg->top, 0, &active);

	if (ev.too_many != NULL) {
		msg = xasprintf("IdentityFile: more than %d for '%s'",
		    SSHCONFIG_MAX_IDENTITY_FILES, q->host);
		report(err, ev.too_many->file, ev.too_many->line, msg);
		free(msg);
		return -1;
	}
	if (ev.hostname != NULL) {
		o->hostname = expand_hostname(ev.hostname->argv[0], q->host);
		o->set |= SSHCONFIG_SET_HOSTNAME;
	} else
		o->hostname = xstrdup(q->host);
	lowercase(o->hostname);
	if (q->port != 0)
		o->port = q->port;
	else if (ev.port != NULL) {
		o->port = ev.port->port;
		o->set |= SSHCONFIG_SET_PORT;
	} else
		o->port = 22;
	if (q->user != NULL)
		o->user = xstrdup(q->user);
	else if (ev.user != NULL) {
		o->user = xstrdup(ev.user->argv[0]);
		o->set |= SSHCONFIG_SET_USER;
	} else
		o->user = xstrdup(cfg->user);

	t.cfg = cfg;
	t.host = o->hostname;
	t.orig = q->host;
	t.user = o->user;
	t.port = o->port;
	if (ev.nids > 0) {
		o->identity_files = xcalloc(ev.nids, sizeof(char *));
		o->set |= SSHCONFIG_SET_IDENTITY_FILE;
	}
	for (i = 0; i < ev.nids; i++) {
		o->identity_files[i] = expand(
		    &t, ev.ids[i], ev.ids[i]->argv[0], "IdentityFile", 1, err);
		if (o->identity_files[i] == NULL)
			return -1;
		o->nidentity_files++;
	}
	if (ev.identities_only != NULL) {
		o->identities_only = ev.identities_only->flag;
		o->set |= SSHCONFIG_SET_IDENTITIES_ONLY;
	}
	if (ev.jump != NULL || ev.command != NULL)
		o->set |= SSHCONFIG_SET_PROXY;
	if (ev.jump != NULL && !ev.jump->none)
		copy_hops(o, ev.jump);
	else if (ev.command != NULL && !ev.command->none) {
		o->proxy_command = expand(&t, ev.command, ev.command->argv[0],
		    "ProxyCommand", 0, err);
		if (o->proxy_command == NULL)
			return -1;
	}
	o->strict_host_key_checking = SSHCONFIG_SHK_ASK;
	if (ev.strict != NULL) {
		o->strict_host_key_checking = ev.strict->shk;
		o->set |= SSHCONFIG_SET_STRICT;
	}
	if (ev.known_hosts != NULL) {
		o->set |= SSHCONFIG_SET_KNOWN_HOSTS;
		o->known_hosts_none = ev.known_hosts->none;
		if (!ev.known_hosts->none) {
			o->known_hosts =
			    expand(&t, ev.known_hosts, ev.known_hosts->argv[0],
				"UserKnownHostsFile", 1, err);
			if (o->known_hosts == NULL)
				return -1;
		}
	}
	if (ev.timeout != NULL) {
		o->connect_timeout_ms = ev.timeout->ms;
		o->set |= SSHCONFIG_SET_CONNECT_TIMEOUT;
	}
	return 0;
}

struct route {
	struct sshconfig_opts *hops;
	size_t n;
};

static int
route_add(const struct sshconfig *cfg, const struct sshconfig_opts *dest,
    struct route *r, int depth, struct buf *err)
{
	struct sshconfig_query q;
	struct sshconfig_opts o;
	char *msg;
	size_t i;

	for (i = 0; i < dest->njump; i++) {
		if (depth >= SSHCONFIG_MAX_HOPS || r->n >= SSHCONFIG_MAX_HOPS) {
			msg = xasprintf("ProxyJump: more than %d hops to reach "
					"'%s' (do the hops name each other?)",
			    SSHCONFIG_MAX_HOPS, dest->hostname);
			report(err, cfg->top->path, 0, msg);
			free(msg);
			return -1;
		}
		memset(&q, 0, sizeof(q));
		q.host = dest->jump[i].host;
		q.user = dest->jump[i].user;
		q.port = dest->jump[i].port;
		q.no_proxy = i > 0;
		if (sshconfig_lookup(cfg, &q, &o, err) == -1) {
			sshconfig_opts_free(&o);
			return -1;
		}
		if (o.njump > 0) {
			if (route_add(cfg, &o, r, depth + 1, err) == -1) {
				sshconfig_opts_free(&o);
				return -1;
			}
			sshconfig_hops_free(o.jump, o.njump);
			o.jump = NULL;
			o.njump = 0;
		}
		r->hops = xrealloc(r->hops, (r->n + 1) * sizeof(*r->hops));
		r->hops[r->n++] = o;
	}
	return 0;
}

int
sshconfig_route(const struct sshconfig *cfg, const struct sshconfig_opts *dest,
    struct sshconfig_opts **hops, size_t *nhops, struct buf *err)
{
	struct route r = {NULL, 0};
	size_t i;

	*hops = NULL;
	*nhops = 0;
	if (route_add(cfg, dest, &r, 0, err) == -1) {
		for (i = 0; i < r.n; i++)
			sshconfig_opts_free(&r.hops[i]);
		free(r.hops);
		return -1;
	}
	*hops = r.hops;
	*nhops = r.n;
	return 0;
}
