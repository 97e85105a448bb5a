/*
 * libFuzzer harness for the TextFSM engine (textfsm, tfsm_run, tfsm_table,
 * pydialect, pyre, pystr). Byte 0 picks the mode, the rest is two parts
 * split at the first NUL:
 *
 * even: a template and an input. A template error is one line starting
 * "fuzz.textfsm:"; a parse returns 0 or -1 (then one line, same prefix,
 * no row kept); rows have one cell per Value, every string valid UTF-8;
 * tfsm_table_write_json gives exactly jansson's compact dump of
 * tfsm_table_json, which jansson reads back as that many rows; a second
 * parse gives the same bytes.
 *
 * odd: a Python pattern and a subject (made valid UTF-8). When pyre
 * compiles it (bit 1: with JIT), its answer equals PCRE2's own on the
 * translated pattern without pyre's prefilters (a prefilter may only
 * turn away lines PCRE2 would not match), and on an ASCII subject the
 * bytes-mode pattern's answer is the same.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <pcre2.h>

#include "pydialect.h"
#include "pyre.h"
#include "pystr.h"
#include "textfsm.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char prefix[] = "fuzz.textfsm:";

static void
check_message(const char *err)
{
	if (strncmp(err, prefix, sizeof(prefix) - 1) != 0 ||
	    strchr(err, '\n') != NULL)
		abort();
}

static char *
rows_text(
    const struct tfsm_template *t, const char *in, size_t n, size_t *nrows)
{
	struct tfsm_table tab;
	struct buf b;
	json_t *j, *back;
	char err[1024], *dumped;
	size_t r, c;
	int rc;

	tfsm_table_init(&tab);
	rc = tfsm_parse(t, in, n, &tab, err, sizeof(err));
	if (rc != 0 && rc != -1)
		abort();
	if (rc < 0) {
		check_message(err);
		if (tab.nrows != 0)
			abort();
	}
	if (tab.ncols != tfsm_nvalues(t))
		abort();
	for (r = 0; r < tab.nrows; r++) {
		for (c = 0; c < tab.ncols; c++) {
			const struct tfsm_val *v = tfsm_table_cell(&tab, r, c);
			if (v->kind == TFSM_STR &&
			    !pystr_utf8_valid(v->s, v->len))
				abort();
			if (v->kind != TFSM_STR && v->kind != TFSM_LIST)
				abort();
		}
	}
	j = tfsm_table_json(&tab, TFSM_JSON_LOWER);
	dumped = json_dumps(j, JSON_COMPACT);
	buf_init(&b);
	tfsm_table_write_json(&tab, TFSM_JSON_LOWER, &b, NULL, NULL);
	if (dumped == NULL || strcmp(dumped, b.data) != 0)
		abort();
	back = json_loads(b.data, JSON_ALLOW_NUL, NULL);
	if (back == NULL || json_array_size(back) != tab.nrows)
		abort();
	*nrows = tab.nrows;
	json_decref(back);
	json_decref(j);
	free(dumped);
	tfsm_table_free(&tab);
	return buf_steal(&b, NULL);
}

static void
fuzz_template(const char *tpl, size_t tlen, const char *in, size_t n)
{
	struct tfsm_template *t;
	char err[1024], *a, *b;
	size_t ra, rb;

	t = tfsm_compile("fuzz.textfsm", tpl, tlen, err, sizeof(err));
	if (t == NULL) {
		check_message(err);
		return;
	}
	a = rows_text(t, in, n, &ra);
	b = rows_text(t, in, n, &rb);
	if (ra != rb || strcmp(a, b) != 0)
		abort();
	free(a);
	free(b);
	tfsm_free(t);
}

static void
fuzz_pattern(const char *pat, size_t plen, const char *subj, size_t n, int jit)
{
	struct pyre re;
	struct pydialect d;
	struct pyre_ctx *ctx;
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	PCRE2_SIZE eoff;
	char err[256], *fixed;
	size_t flen;
	int ecode, rc, want;

	if (!pystr_utf8_valid(pat, plen))
		return;
	if (pyre_compile(&re, pat, plen, jit ? PYRE_JIT : 0, err, sizeof(err)) <
	    0) {
		if (strchr(err, '\n') != NULL || err[0] == '\0')
			abort();
		return;
	}
	if (pydialect_translate(pat, plen, 0, &d, err, sizeof(err)) < 0)
		abort();
	code = pcre2_compile((PCRE2_SPTR)d.pattern, d.len,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED, &ecode, &eoff, NULL);
	if (code == NULL)
		abort();
	if ((fixed = pystr_utf8_replace(subj, n, &flen)) != NULL) {
		subj = fixed;
		n = flen;
	}
	ctx = pyre_ctx_new(re.ngroups);
	pyre_ctx_limit(ctx, 100000);
	md = pcre2_match_data_create_from_pattern(code, NULL);
	mc = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(mc, 100000);
	rc = pyre_match(&re, subj, n, ctx);
	want = pcre2_match(code, (PCRE2_SPTR)subj, n, 0, 0, md, mc);
	if (rc != PYRE_ELIMIT && want >= PCRE2_ERROR_NOMATCH &&
	    rc != (want >= 0 ? PYRE_MATCH : PYRE_NOMATCH))
		abort();
	/* The bytes-mode code says the same on an ASCII subject. */
	if (rc != PYRE_ELIMIT && pystr_is_ascii(subj, n)) {
		want = pyre_match_ascii(&re, subj, n, ctx);
		if (want != PYRE_ELIMIT && want != rc)
			abort();
	}
	pcre2_match_context_free(mc);
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	pyre_ctx_free(ctx);
	pydialect_free(&d);
	pyre_free(&re);
	free(fixed);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *a, *b, *nul;
	size_t alen, blen;

	if (size < 1)
		return 0;
	a = (const char *)data + 1;
	nul = memchr(a, '\0', size - 1);
	alen = nul != NULL ? (size_t)(nul - a) : size - 1;
	b = nul != NULL ? nul + 1 : a + alen;
	blen = size - 1 - alen - (nul != NULL);
	if ((data[0] & 1) == 0)
		fuzz_template(a, alen, b, blen);
	else
		fuzz_pattern(a, alen, b, blen, data[0] & 2);
	return 0;
}
