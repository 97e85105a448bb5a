/*
 * sshvalue: pure string work, no state. Messages quote a file's bytes:
 * control characters become \xNN and a message is cut after MAX_MESSAGE
 * bytes. Patterns are matched iteratively with one backtrack point, so
 * never worse than len(s) * len(pattern).
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sshvalue.h"
#include "util.h"

#define MAX_MESSAGE 400u /* bytes of one message, before its "..." */
/* Valid for ssh in file values but not known here. */
#define TOKENS_FILE_UNSUPPORTED "Ck"

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
void
sshvalue_report(
    struct buf *err, const char *file, unsigned line, const char *msg)
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

void
sshvalue_lowercase(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

/*
 * ssh's wildcard match: '*' any run, '?' one byte, nothing else special.
 * Iterative with one backtrack point, so linear in practice and never
 * worse than len(s) * len(p).
 */
int
sshvalue_wildmatch(const char *s, const char *p)
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
int
sshvalue_match_list(const char *s, const char *list, int fold)
{
	char *str = xstrdup(s), *pats = xstrdup(list), *p, *next;
	int positive = 0, negated;

	if (fold) {
		sshvalue_lowercase(str);
		sshvalue_lowercase(pats);
	}
	for (p = pats; p != NULL; p = next) {
		next = strchr(p, ',');
		if (next != NULL)
			*next++ = '\0';
		negated = *p == '!';
		if (sshvalue_wildmatch(str, p + negated)) {
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

void
sshvalue_argv_free(char **argv, size_t argc)
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
int
sshvalue_split(const char *s, char ***argvp, size_t *argcp)
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
			sshvalue_argv_free(argv, argc);
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
	if (strcmp(ok, SSHVALUE_TOKENS_HOSTNAME) == 0)
		return "%h and %%";
	if (strcmp(ok, SSHVALUE_TOKENS_PROXY) == 0)
		return "%h, %n, %p, %r and %%";
	return "%d, %h, %i, %L, %l, %n, %p, %r, %u and %%";
}

/*
 * A value of keyword name that takes %-tokens (the letters in ok) and,
 * for a file, ~ and ${VAR}: NULL when it is fine, else the problem (a
 * new string).
 */
char *
sshvalue_check_template(
    const char *v, const char *name, const char *ok, int file)
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
unsigned
sshvalue_port(const char *s, size_t len)
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
int64_t
sshvalue_time(const char *s)
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

char *
sshvalue_expand(
    const struct sshvalue_tokens *t, const char *tmpl, int file, char **unset)
{
	struct buf b;
	const char *p = tmpl, *end, *val;
	char *var;
	size_t n;

	*unset = NULL;
	buf_init(&b);
	if (file && p[0] == '~' && (p[1] == '/' || p[1] == '\0')) {
		buf_appendf(&b, "%s", t->home);
		p++;
	}
	for (; *p != '\0'; p++) {
		if (file && p[0] == '$' && p[1] == '{') {
			end = strchr(p + 2, '}');
			var = xstrndup(p + 2, (size_t)(end - p - 2));
			val = getenv(var);
			if (val == NULL) {
				*unset = var;
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
			buf_appendf(&b, "%s", t->home);
			break;
		case 'h':
			buf_appendf(&b, "%s", t->host);
			break;
		case 'i':
			buf_appendf(&b, "%u", (unsigned)getuid());
			break;
		case 'L':
			n = strcspn(t->localhost, ".");
			buf_append(&b, t->localhost, n);
			break;
		case 'l':
			buf_appendf(&b, "%s", t->localhost);
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
			buf_appendf(&b, "%s", t->localuser);
			break;
		default:
			/* The check let no other letter through. */
			abort();
		}
	}
	return buf_steal(&b, NULL);
}
