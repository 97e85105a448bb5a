/*
 * pyre: Python patterns compiled and matched with PCRE2. pydialect does
 * the translation; this file owns the PCRE2 objects: compile options
 * (UTF + UCP, anchored, LF newlines), JIT, and the per-thread match
 * scratch with its high limits and a JIT stack that can grow to 64 MiB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pydialect.h"
#include "pyre.h"
#include "util.h"

#define MATCH_LIMIT 100000000u
#define HEAP_LIMIT (1024u * 1024) /* KiB: 1 GiB for the interpreter */
#define JIT_STACK_MIN (32u * 1024)
#define JIT_STACK_MAX (64u * 1024 * 1024)

struct pyre_ctx {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *stack;
};

int
pyre_compile(struct pyre *re, const char *pat, size_t len, unsigned flags,
    char *err, size_t errlen)
{
	struct pydialect d;
	pcre2_compile_context *cc;
	PCRE2_UCHAR msg[160];
	PCRE2_SIZE eoff;
	int ecode;

	memset(re, 0, sizeof(*re));
	if (pydialect_translate(pat, len, &d, err, errlen) < 0)
		return -1;
	if ((cc = pcre2_compile_context_create(NULL)) == NULL) {
		snprintf(err, errlen, "out of memory");
		pydialect_free(&d);
		return -1;
	}
	pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
	pcre2_set_bsr(cc, PCRE2_BSR_UNICODE);
	re->code = pcre2_compile((PCRE2_SPTR)d.pattern, d.len,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, &ecode,
	    &eoff, cc);
	pcre2_compile_context_free(cc);
	if (re->code == NULL) {
		pcre2_get_error_message(ecode, msg, sizeof(msg));
		snprintf(err, errlen, "%s", (char *)msg);
		pydialect_free(&d);
		return -1;
	}
	if (flags & PYRE_JIT)
		(void)pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
	re->ngroups = d.ngroups;
	re->names = d.names;
	re->nnames = d.nnames;
	d.names = NULL;
	d.nnames = 0;
	pydialect_free(&d);
	return 0;
}

void
pyre_free(struct pyre *re)
{
	size_t k;

	if (re == NULL)
		return;
	for (k = 0; k < re->nnames; k++)
		free(re->names[k].name);
	free(re->names);
	pcre2_code_free(re->code);
	memset(re, 0, sizeof(*re));
}

struct pyre_ctx *
pyre_ctx_new(uint32_t max_groups)
{
	struct pyre_ctx *ctx = xcalloc(1, sizeof(*ctx));

	ctx->md = pcre2_match_data_create(max_groups + 1, NULL);
	ctx->mc = pcre2_match_context_create(NULL);
	if (ctx->md == NULL || ctx->mc == NULL) {
		pyre_ctx_free(ctx);
		return NULL;
	}
	pcre2_set_match_limit(ctx->mc, MATCH_LIMIT);
	pcre2_set_heap_limit(ctx->mc, HEAP_LIMIT);
	ctx->stack = pcre2_jit_stack_create(JIT_STACK_MIN, JIT_STACK_MAX, NULL);
	if (ctx->stack != NULL)
		pcre2_jit_stack_assign(ctx->mc, NULL, ctx->stack);
	return ctx;
}

void
pyre_ctx_free(struct pyre_ctx *ctx)
{
	if (ctx == NULL)
		return;
	pcre2_jit_stack_free(ctx->stack);
	pcre2_match_context_free(ctx->mc);
	pcre2_match_data_free(ctx->md);
	free(ctx);
}

int
pyre_match(
    const struct pyre *re, const char *s, size_t len, struct pyre_ctx *ctx)
{
	int rc;

	rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK,
	    ctx->md, ctx->mc);
	if (rc >= 0)
		return PYRE_MATCH;
	if (rc == PCRE2_ERROR_NOMATCH)
		return PYRE_NOMATCH;
	return PYRE_ELIMIT;
}

int
pyre_group(const struct pyre_ctx *ctx, uint32_t g, size_t *off, size_t *glen)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ctx->md);

	if (g >= pcre2_get_ovector_count(ctx->md) || ov[2 * g] == PCRE2_UNSET)
		return -1;
	*off = ov[2 * g];
	*glen = ov[2 * g + 1] - ov[2 * g];
	return 0;
}

int
pyre_is_word(const char *s, size_t n)
{
	pcre2_match_data *md;
	pcre2_code *code;
	PCRE2_SIZE eoff;
	size_t i;
	int ecode, rc, c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c >= 0x80)
			break;
		if (!(c == '_' || (c >= '0' && c <= '9') ||
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return 0;
	}
	if (n == 0 || i == n)
		return n > 0;
	code = pcre2_compile((PCRE2_SPTR) "\\w+\\z", PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED, &ecode, &eoff, NULL);
	if (code == NULL)
		return 0;
	md = pcre2_match_data_create_from_pattern(code, NULL);
	rc = pcre2_match(code, (PCRE2_SPTR)s, n, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(code);
	return rc >= 0;
}
