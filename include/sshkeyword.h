/*
 * sshkeyword: the keywords of ssh_config(5) (client side, up to OpenSSH
 * 10, with the deprecated and Debian-only ones ssh 9.2 still accepts),
 * found in any case as ssh does, and the did-you-mean for a word that is
 * none of them. Tables are static and read-only: safe anywhere.
 */
#ifndef NC_SSHKEYWORD_H
#define NC_SSHKEYWORD_H

/* The keywords whose values we keep (and the block and file keywords). */
enum sshkeyword {
	SSHKEYWORD_OTHER,
	SSHKEYWORD_HOST,
	SSHKEYWORD_MATCH,
	SSHKEYWORD_INCLUDE,
	SSHKEYWORD_IGNOREUNKNOWN,
	SSHKEYWORD_HOSTNAME,
	SSHKEYWORD_PORT,
	SSHKEYWORD_USER,
	SSHKEYWORD_IDENTITYFILE,
	SSHKEYWORD_IDENTITIESONLY,
	SSHKEYWORD_PROXYJUMP,
	SSHKEYWORD_PROXYCOMMAND,
	SSHKEYWORD_STRICT,
	SSHKEYWORD_KNOWNHOSTS,
	SSHKEYWORD_CONNECTTIMEOUT,
};

/*
 * The keyword word names, in any case: its canonical spelling, with its
 * kind in *kw (SSHKEYWORD_OTHER for the ones we ignore); NULL when ssh
 * knows no such keyword.
 */
const char *sshkeyword_find(const char *word, enum sshkeyword *kw);

/* The keyword nearest to an unknown word, or NULL when none is near. */
const char *sshkeyword_suggest(const char *word);

/*
 * The keywords accepted, in their ssh_config(5) spelling, NULL-terminated
 * (for tests and completion).
 */
const char *const *sshkeyword_names(void);

#endif
