/*
 * tfsm_impl: the compiled form of a TextFSM template, shared by the
 * compiler (textfsm.c) and the state machine (tfsm_run.c) only. Users of
 * the engine include textfsm.h. Everything here is written once by
 * tfsm_compile and read-only afterwards.
 */
#ifndef NC_TFSM_IMPL_H
#define NC_TFSM_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "pyre.h"

enum option {
	OPT_FILLDOWN,
	OPT_FILLUP,
	OPT_KEY,
	OPT_LIST,
	OPT_REQUIRED,
};
#define NOPTS 5
#define OPTBIT(o) (1u << (o))

struct value {
	char *name;
	char *wrapped;		  /* the regex with "(?P<name>" for its '(' */
	unsigned opts;		  /* OPTBIT()s */
	enum option order[NOPTS]; /* as written: hooks run in this order */
	int nopts;
	struct pyre nested; /* List with nested groups: the bare regex */
	int has_nested;
	int line;
};

enum line_op { LINE_NEXT, LINE_CONTINUE, LINE_ERROR };
enum rec_op { REC_NONE, REC_RECORD, REC_CLEAR, REC_CLEARALL };

#define TARGET_SAME (-1)
#define TARGET_END (-2)
#define TARGET_EOF (-3)

/* A named group of a rule's regex that assigns a Value. */
struct assign {
	uint32_t group;
	size_t value;
};

struct rule {
	struct pyre re;
	int line;
	enum line_op lop;
	enum rec_op rop;
	char *target_name; /* as written; Error's message for LINE_ERROR */
	long target;	   /* state index or TARGET_* */
	struct assign *assign;
	size_t nassign;
};

struct state {
	char *name;
	int line;
	struct rule *rules;
	size_t nrules;
};

struct tfsm_template {
	char *name;
	struct value *values;
	size_t nvalues;
	struct state *states;
	size_t nstates;
	size_t start;
	int has_eof;	     /* an EOF state: no implicit Record at the end */
	uint32_t max_groups; /* over all rules */
};

#endif
