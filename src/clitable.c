/*
 * clitable: the index file, the lookup and the merge of CliTable. The
 * index is read once (as texttable.CsvToTable reads it) and every regex
 * in it compiled then, as python-textfsm does, so a bad row is an error
 * at open and not at some later lookup. Templates are compiled on first
 * use and cached by file name for the life of the clitable; the cache
 * and the lookup scratch are guarded by one mutex.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clitable.h"
#include "pyre.h"
#include "pystr.h"
#include "textfsm.h"
#include "util.h"

#define MAX_INDEX (64u * 1024 * 1024)

struct clitable_entry {
	const char *templates;
	struct tfsm_template **t; /* owned by the clitable's cache */
	size_t nt;
};

struct row {
	char **fields;	 /* as read; Command with [[...]] expanded */
	struct pyre cre; /* Command, compiled on first use */
	long pat;	 /* Platform: index in clitable.pats, or -1 */
	int line;
	struct clitable_entry *entry; /* once looked up */
};

/* A distinct Platform pattern (ntc-templates has a few dozen). */
struct pat {
	char *text;
	struct pyre re; /* compiled on first use */
};

struct cached {
	char *name;
	struct tfsm_template *t;
};

struct clitable {
	char *dir, *path;
	char **cols;
	size_t ncols;
	long tcol, pcol, ccol; /* Template, Platform, Command (or -1) */
	struct row *rows;
	size_t nrows;
	struct pat *pats;
	size_t npats;
	struct cached *cache;
	size_t ncache;
	struct pyre_ctx *ctx;
	pthread_mutex_t lock;
};

static int
ierr(struct clitable *ct, int line, char *err, size_t errlen, const char *fmt,
    ...)
{
	va_list ap;
	int k;

	if (line > 0)
		k = snprintf(err, errlen, "%s:%d: ", ct->path, line);
	else
		k = snprintf(err, errlen, "%s: ", ct->path);
	if (k < 0 || (size_t)k >= errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err + k, errlen - (size_t)k, fmt, ap);
	va_end(ap);
	return -1;
}

/* The fields of one line, split on ',' and strip()ed. */
static char **
split_fields(const char *s, size_t len, size_t *n)
{
	char **f = NULL;
	const char *p, *end = s + len, *q;
	size_t k, l;

	*n = 0;
	for (p = s;; p = q + 1) {
		for (q = p; q < end && *q != ','; q++)
			;
		k = pystr_lstrip(p, (size_t)(q - p));
		l = pystr_rstrip(p + k, (size_t)(q - p) - k);
		f = xrealloc(f, (*n + 1) * sizeof(*f));
		f[(*n)++] = xstrndup(p + k, l);
		if (q >= end)
			break;
	}
	return f;
}

static void
free_fields(char **f, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		free(f[k]);
	free(f);
}

/* _Completion: "[[xyz]]" becomes "(x(y(z)?)?)?", character by character. */
static char *
expand_completion(const char *s)
{
	struct buf b;
	const char *p = s, *open, *close;
	size_t n, k, cl;

	buf_init(&b);
	while ((open = strstr(p, "[[")) != NULL && open[2] != '\0' &&
	    (close = strstr(open + 3, "]]")) != NULL) {
		buf_append(&b, p, (size_t)(open - p));
		n = 0;
		for (k = 2; open + k < close; k += cl) {
			cl = 1;
			while (open + k + cl < close &&
			    ((unsigned char)open[k + cl] & 0xc0) == 0x80)
				cl++;
			buf_append(&b, "(", 1);
			buf_append(&b, open + k, cl);
			n++;
		}
		for (k = 0; k < n; k++)
			buf_append(&b, ")?", 2);
		p = close + 2;
	}
	buf_append(&b, p, strlen(p));
	return buf_steal(&b, NULL);
}

/* Lines of the index, as a Python text file yields them, unstripped. */
static int
next_raw_line(
    const char *s, size_t n, size_t *pos, const char **line, size_t *len)
{
	size_t i = *pos;

	if (i >= n)
		return 0;
	*line = s + i;
	while (i < n && s[i] != '\n' && s[i] != '\r')
		i++;
	*len = (size_t)(s + i - *line);
	if (i < n && s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
		i++;
	*pos = i < n ? i + 1 : i;
	return 1;
}

static int
parse_index(
    struct clitable *ct, const char *s, size_t n, char *err, size_t errlen)
{
	const char *line, *hash;
	size_t pos = 0, len, nf, k, j;
	char **f;
	struct row *r;
	int lineno = 0;

	if (pystr_utf8_prefix(s, n) < n)
		return ierr(ct, 0, err, errlen, "not valid UTF-8");
	for (;;) {
		if (!next_raw_line(s, n, &pos, &line, &len))
			return ierr(ct, 0, err, errlen, "no header line");
		lineno++;
		hash = memchr(line, '#', len);
		if (hash != NULL)
			len = (size_t)(hash - line);
		k = pystr_lstrip(line, len);
		if (pystr_rstrip(line + k, len - k) > 0)
			break;
	}
	ct->cols = split_fields(line, len, &ct->ncols);
	ct->tcol = ct->pcol = ct->ccol = -1;
	for (k = 0; k < ct->ncols; k++) {
		for (j = 0; j < k; j++)
			if (strcmp(ct->cols[j], ct->cols[k]) == 0)
				return ierr(ct, lineno, err, errlen,
				    "duplicate header entry '%s'", ct->cols[k]);
		if (strcmp(ct->cols[k], "Template") == 0)
			ct->tcol = (long)k;
		else if (strcmp(ct->cols[k], "Platform") == 0)
			ct->pcol = (long)k;
		else if (strcmp(ct->cols[k], "Command") == 0)
			ct->ccol = (long)k;
	}
	if (ct->tcol < 0)
		return ierr(ct, lineno, err, errlen,
		    "the index has no 'Template' column");
	while (next_raw_line(s, n, &pos, &line, &len)) {
		lineno++;
		if (len > 0 && line[0] == '#')
			continue;
		f = split_fields(line, len, &nf);
		if (nf != ct->ncols) {
			free_fields(f, nf);
			continue;
		}
		ct->rows =
		    xrealloc(ct->rows, (ct->nrows + 1) * sizeof(*ct->rows));
		r = &ct->rows[ct->nrows++];
		r->fields = f;
		r->line = lineno;
		r->entry = NULL;
		memset(&r->cre, 0, sizeof(r->cre));
		if (ct->ccol >= 0) {
			char *x = expand_completion(f[ct->ccol]);
			free(f[ct->ccol]);
			f[ct->ccol] = x;
		}
		r->pat = -1;
		if (ct->pcol >= 0 && f[ct->pcol][0] != '\0') {
			for (k = 0; k < ct->npats; k++)
				if (strcmp(ct->pats[k].text, f[ct->pcol]) == 0)
					break;
			if (k == ct->npats) {
				ct->pats = xrealloc(ct->pats,
				    (ct->npats + 1) * sizeof(*ct->pats));
				memset(&ct->pats[k], 0, sizeof(ct->pats[k]));
				ct->pats[ct->npats++].text =
				    xstrdup(f[ct->pcol]);
			}
			r->pat = (long)k;
		}
	}
	return 0;
}

struct clitable *
clitable_open(const char *dir, char *err, size_t errlen)
{
	struct clitable *ct;
	struct buf b;
	FILE *f;
	size_t n;
	int rc = -1;

	ct = xcalloc(1, sizeof(*ct));
	pthread_mutex_init(&ct->lock, NULL);
	ct->dir = xstrdup(dir);
	ct->path = xasprintf("%s/index", dir);
	buf_init(&b);
	if ((f = fopen(ct->path, "re")) == NULL) {
		ierr(ct, 0, err, errlen, "%s", strerror(errno));
		goto out;
	}
	do {
		n = fread(buf_reserve(&b, 65536), 1, 65536, f);
		b.len += n;
	} while (n > 0 && b.len <= MAX_INDEX);
	if (ferror(f))
		ierr(ct, 0, err, errlen, "%s", strerror(errno));
	else if (b.len > MAX_INDEX)
		ierr(ct, 0, err, errlen, "larger than %u bytes", MAX_INDEX);
	else
		rc = parse_index(ct, b.data ? b.data : "", b.len, err, errlen);
	fclose(f);
	if (rc == 0 && (ct->ctx = pyre_ctx_new(64)) == NULL)
		rc = ierr(ct, 0, err, errlen, "out of memory for PCRE2");
out:
	buf_free(&b);
	if (rc < 0) {
		clitable_free(ct);
		return NULL;
	}
	return ct;
}

void
clitable_free(struct clitable *ct)
{
	size_t i;

	if (ct == NULL)
		return;
	for (i = 0; i < ct->nrows; i++) {
		pyre_free(&ct->rows[i].cre);
		free_fields(ct->rows[i].fields, ct->ncols);
		if (ct->rows[i].entry != NULL) {
			free(ct->rows[i].entry->t);
			free(ct->rows[i].entry);
		}
	}
	for (i = 0; i < ct->ncache; i++) {
		free(ct->cache[i].name);
		tfsm_free(ct->cache[i].t);
	}
	for (i = 0; i < ct->npats; i++) {
		free(ct->pats[i].text);
		pyre_free(&ct->pats[i].re);
	}
	free(ct->pats);
	free(ct->cache);
	free(ct->rows);
	free_fields(ct->cols, ct->ncols);
	pyre_ctx_free(ct->ctx);
	pthread_mutex_destroy(&ct->lock);
	free(ct->dir);
	free(ct->path);
	free(ct);
}

/*
 * Python's str.isprintable() beyond ASCII: false for controls, format
 * characters, separators, surrogates and private use. Unassigned code
 * points (also not printable in Python) are not tabled: they pass.
 */
static int
py_printable(uint32_t cp)
{
	if (cp < 0xa1 || cp == 0xad)
		return cp >= 0x20 && cp < 0x7f;
	if ((cp >= 0x600 && cp <= 0x605) || cp == 0x61c || cp == 0x6dd ||
	    cp == 0x70f || cp == 0x8e2 || cp == 0x1680 || cp == 0x180e)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) ||
	    (cp >= 0x205f && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206f) ||
	    cp == 0x3000 || (cp >= 0xd800 && cp <= 0xf8ff) || cp == 0xfeff ||
	    (cp >= 0xfff9 && cp <= 0xfffb))
		return 0;
	if (cp == 0x110bd || cp == 0x110cd ||
	    (cp >= 0x13430 && cp <= 0x13438) ||
	    (cp >= 0x1bca0 && cp <= 0x1bca3) ||
	    (cp >= 0x1d173 && cp <= 0x1d17a) ||
	    (cp >= 0xe0000 && cp <= 0xe0fff) || cp >= 0xf0000)
		return 0;
	return 1;
}

/*
 * re.match(pattern, attr) for a field, compiling it on first use:
 * 1 match, 0 no match, -1 with err set (bad regex, match limit).
 */
static int
field_match(struct clitable *ct, struct pyre *re, const char *pattern, int line,
    const char *attr, char *err, size_t errlen)
{
	char why[256];
	int rc;

	if (re->code == NULL &&
	    pyre_compile(re, pattern, strlen(pattern), 0, why, sizeof(why)) < 0)
		return ierr(ct, line, err, errlen,
		    "invalid regular expression '%s': %s", pattern, why);
	rc = pyre_match(re, attr, strlen(attr), ct->ctx);
	if (rc == PYRE_ELIMIT)
		return ierr(ct, line, err, errlen, "regex match limit hit");
	return rc == PYRE_MATCH;
}

/* The cached template named name (relative to dir), compiled if new. */
static struct tfsm_template *
template_for(
    struct clitable *ct, const char *name, size_t len, char *err, size_t errlen)
{
	struct tfsm_template *t;
	char *path;
	size_t i;

	for (i = 0; i < ct->ncache; i++)
		if (strlen(ct->cache[i].name) == len &&
		    memcmp(ct->cache[i].name, name, len) == 0)
			return ct->cache[i].t;
	if (len > 0 && name[0] == '/')
		path = xstrndup(name, len);
	else
		path = xasprintf("%s/%.*s", ct->dir, (int)len, name);
	t = tfsm_load(path, err, errlen);
	free(path);
	if (t == NULL)
		return NULL;
	ct->cache = xrealloc(ct->cache, (ct->ncache + 1) * sizeof(*ct->cache));
	ct->cache[ct->ncache].name = xstrndup(name, len);
	ct->cache[ct->ncache++].t = t;
	return t;
}

static int
make_entry(struct clitable *ct, struct row *r, char *err, size_t errlen)
{
	struct clitable_entry *e;
	const char *p, *q, *tf = r->fields[ct->tcol];

	e = xcalloc(1, sizeof(*e));
	e->templates = tf;
	for (p = tf;; p = q + 1) {
		if ((q = strchr(p, ':')) == NULL)
			q = p + strlen(p);
		e->t = xrealloc(e->t, (e->nt + 1) * sizeof(*e->t));
		if ((e->t[e->nt] = template_for(
			 ct, p, (size_t)(q - p), err, errlen)) == NULL) {
			free(e->t);
			free(e);
			return -1;
		}
		e->nt++;
		if (*q == '\0')
			break;
	}
	r->entry = e;
	return 0;
}

int
clitable_lookup(struct clitable *ct, const char *platform, const char *command,
    const struct clitable_entry **e, char *err, size_t errlen)
{
	struct row *r;
	size_t i;
	int m, ret = 0;

	pthread_mutex_lock(&ct->lock);
	for (i = 0; i < ct->nrows; i++) {
		r = &ct->rows[i];
		if (r->pat >= 0 &&
		    (m = field_match(ct, &ct->pats[r->pat].re,
			 ct->pats[r->pat].text, r->line, platform, err,
			 errlen)) <= 0) {
			if (m < 0)
				goto fail;
			continue;
		}
		if (ct->ccol >= 0 && r->fields[ct->ccol][0] != '\0' &&
		    (m = field_match(ct, &r->cre, r->fields[ct->ccol], r->line,
			 command, err, errlen)) <= 0) {
			if (m < 0)
				goto fail;
			continue;
		}
		if (r->entry == NULL && make_entry(ct, r, err, errlen) < 0)
			goto fail;
		*e = r->entry;
		ret = 1;
		break;
	}
	pthread_mutex_unlock(&ct->lock);
	return ret;
fail:
	pthread_mutex_unlock(&ct->lock);
	return -1;
}

const char *
clitable_entry_templates(const struct clitable_entry *e)
{
	return e->templates;
}

char *
clitable_py_repr(const char *s, size_t len)
{
	struct buf b;
	char tmp[16];
	uint32_t cp;
	size_t i, k;
	int q = '\'';

	if (memchr(s, '\'', len) != NULL && memchr(s, '"', len) == NULL)
		q = '"';
	buf_init(&b);
	buf_append(&b, &(char){(char)q}, 1);
	for (i = 0; i < len; i += k) {
		k = pystr_decode(s + i, len - i, &cp);
		if (cp == (uint32_t)q || cp == '\\') {
			buf_appendf(&b, "\\%c", (int)cp);
		} else if (cp == '\t') {
			buf_append(&b, "\\t", 2);
		} else if (cp == '\n') {
			buf_append(&b, "\\n", 2);
		} else if (cp == '\r') {
			buf_append(&b, "\\r", 2);
		} else if (cp < 0x20 || cp == 0x7f || !py_printable(cp)) {
			if (cp <= 0xff)
				snprintf(tmp, sizeof(tmp), "\\x%02x", cp);
			else if (cp <= 0xffff)
				snprintf(tmp, sizeof(tmp), "\\u%04x", cp);
			else
				snprintf(tmp, sizeof(tmp), "\\U%08x", cp);
			buf_append(&b, tmp, strlen(tmp));
		} else {
			buf_append(&b, s + i, k);
		}
	}
	buf_append(&b, &(char){(char)q}, 1);
	return buf_steal(&b, NULL);
}

/* str(x) of a list item, as texttable's _ToStr makes it. */
static void
stringify(struct tfsm_table *t, struct tfsm_val *v)
{
	struct buf b;
	char *r;
	size_t k;

	if (v->kind == TFSM_NONE) {
		v->kind = TFSM_STR;
		v->s = "None";
		v->len = 4;
		return;
	}
	if (v->kind != TFSM_MAP)
		return;
	buf_init(&b);
	buf_append(&b, "{", 1);
	for (k = 0; k < v->len; k++) {
		const struct tfsm_val *key = &v->items[2 * k];
		const struct tfsm_val *val = &v->items[2 * k + 1];
		if (k > 0)
			buf_append(&b, ", ", 2);
		r = clitable_py_repr(key->s, key->len);
		buf_append(&b, r, strlen(r));
		free(r);
		buf_append(&b, ": ", 2);
		if (val->kind == TFSM_NONE) {
			buf_append(&b, "None", 4);
		} else {
			r = clitable_py_repr(val->s, val->len);
			buf_append(&b, r, strlen(r));
			free(r);
		}
	}
	buf_append(&b, "}", 1);
	v->kind = TFSM_STR;
	v->s = tfsm_table_strdup(t, b.data, b.len);
	v->len = b.len;
	buf_free(&b);
}

static void
stringify_table(struct tfsm_table *t)
{
	struct tfsm_val *cell;
	size_t i, k;

	for (i = 0; i < t->nrows * t->ncols; i++) {
		cell = &t->cells[i];
		if (cell->kind == TFSM_LIST)
			for (k = 0; k < cell->len; k++)
				stringify(t, &cell->items[k]);
	}
}

/*
 * texttable.extend(): the columns of add that out lacks, filled in on
 * rows whose keys are equal (the first such row of add), or row by row
 * without keys.
 */
static int
merge(struct tfsm_table *out, const struct tfsm_table *add,
    const struct tfsm_template *kt, const char *tname, char *err, size_t errlen)
{
	long *kout = NULL, *kadd = NULL, *cols = NULL;
	size_t nk = 0, nc = 0, i, r1, r2, k;
	long c;
	int ret = -1;

	for (i = 0; kt != NULL && i < tfsm_nvalues(kt); i++) {
		if (!tfsm_value_is_key(kt, i))
			continue;
		kout = xrealloc(kout, (nk + 1) * sizeof(*kout));
		kadd = xrealloc(kadd, (nk + 1) * sizeof(*kadd));
		kout[nk] = tfsm_table_column(out, tfsm_value_name(kt, i));
		kadd[nk] = tfsm_table_column(add, tfsm_value_name(kt, i));
		if (kout[nk] < 0) {
			snprintf(err, errlen,
			    "%s: merge key '%s' is not a "
			    "column of the first template",
			    tname, tfsm_value_name(kt, i));
			goto out;
		}
		nk++;
	}
	for (i = 0; i < add->ncols; i++) {
		if (tfsm_table_column(out, add->cols[i]) >= 0)
			continue;
		cols = xrealloc(cols, (nc + 1) * sizeof(*cols));
		cols[nc++] = (long)i;
	}
	for (i = 0; i < nc; i++)
		tfsm_table_add_column(out, add->cols[cols[i]]);
	for (r1 = 0; nc > 0 && r1 < out->nrows; r1++) {
		for (r2 = nk == 0 ? r1 : 0; r2 < add->nrows; r2++) {
			for (k = 0; k < nk; k++) {
				if (kadd[k] < 0) {
					snprintf(err, errlen,
					    "%s: merge key "
					    "'%s' is not one of its columns",
					    tname, out->cols[kout[k]]);
					goto out;
				}
				if (!tfsm_val_equal(tfsm_table_cell(out, r1,
							(size_t)kout[k]),
					tfsm_table_cell(
					    add, r2, (size_t)kadd[k])))
					break;
			}
			if (k < nk)
				continue;
			for (i = 0; i < nc; i++) {
				c = (long)(out->ncols - nc + i);
				tfsm_table_copy(out,
				    tfsm_table_cell(out, r1, (size_t)c),
				    tfsm_table_cell(add, r2, (size_t)cols[i]));
			}
			break;
		}
	}
	ret = 0;
out:
	free(kout);
	free(kadd);
	free(cols);
	return ret;
}

static int
has_keys(const struct tfsm_template *t)
{
	size_t i;

	for (i = 0; i < tfsm_nvalues(t); i++)
		if (tfsm_value_is_key(t, i))
			return 1;
	return 0;
}

int
clitable_parse(const struct clitable_entry *e, const char *text, size_t len,
    struct tfsm_table *out, char *err, size_t errlen)
{
	const struct tfsm_template *kt = NULL;
	struct tfsm_table add;
	size_t i;
	int rc;

	for (i = 0; i < e->nt; i++) {
		if (kt == NULL && has_keys(e->t[i]))
			kt = e->t[i];
		if (i == 0) {
			if (tfsm_parse(e->t[0], text, len, out, err, errlen) <
			    0)
				return -1;
			stringify_table(out);
			continue;
		}
		tfsm_table_init(&add);
		rc = tfsm_parse(e->t[i], text, len, &add, err, errlen);
		if (rc == 0) {
			stringify_table(&add);
			rc = merge(
			    out, &add, kt, tfsm_name(e->t[i]), err, errlen);
		}
		tfsm_table_free(&add);
		if (rc < 0) {
			out->nrows = 0;
			return -1;
		}
	}
	return 0;
}
