/*
 * optcheck: what options_parse() refuses as a whole: a password on the
 * command line (before anything is parsed, so none is ever applied) and
 * options that only make sense together. Each refusal is one usage line.
 */
#include <string.h>

#include "optcheck.h"
#include "usage.h"

/* Options someone may try for a password: say where it goes instead. */
static int
is_password_option(const char *arg)
{
	static const char *const names[] = {"--password", "--pass", "--passwd",
	    "--secret", "--enable-password", "--passphrase"};
	size_t i, n;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		n = strlen(names[i]);
		if (strncmp(arg, names[i], n) == 0 &&
		    (arg[n] == '\0' || arg[n] == '='))
			return 1;
	}
	return 0;
}

int
optcheck_argv(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (is_password_option(argv[i]))
			return usage_error(
			    "passwords are not accepted on the command line "
			    "(%.*s); write 'password: ${VAR}' in the "
			    "inventory or use --ask-pass",
			    (int)strcspn(argv[i], "="), argv[i]);
	return 0;
}

int
optcheck_config(const struct config *cfg)
{
	if (cfg->group && cfg->format == FORMAT_JSONL)
		return usage_error("--group needs --format text or json");
	if (cfg->textfsm_dir != NULL && cfg->use_textfsm)
		return usage_error("--textfsm DIR and --use-textfsm: one");
	if ((cfg->parsed_only || cfg->pipe_input == PIPE_INPUT_PARSED) &&
	    cfg->textfsm_dir == NULL && !cfg->use_textfsm &&
	    cfg->ntemplates == 0)
		return usage_error("--%s needs --textfsm, --use-textfsm or "
				   "--template",
		    cfg->parsed_only ? "parsed-only" : "pipe-input parsed");
	if (cfg->pipe_input == PIPE_INPUT_PARSED && cfg->pipe_cmd == NULL)
		return usage_error("--pipe-input needs --pipe");
	if (cfg->keep > 0 && cfg->run_dir == NULL)
		return usage_error("--keep needs --run-dir");
	if (cfg->diff_with != NULL && strcmp(cfg->diff_with, "latest") == 0 &&
	    cfg->run_dir == NULL)
		return usage_error("--diff-with latest needs --run-dir");
	return 0;
}
