/*
 * sshconfig-dump: what the sshconfig module resolves for each host, in
 * the form `ssh -G` prints (the same keywords, ssh's defaults for what
 * the file does not set, but no default IdentityFile list, which varies
 * with the OpenSSH version), so test/regress/t3601 can diff the two.
 *
 *   sshconfig-dump [-l user] [-p port] [-R] FILE HOST...
 *   sshconfig-dump -k              the keywords the module accepts
 *
 * -R adds, after each host, one "hop" line per host sshconfig_route()
 * goes through. Exit 0; 2 when FILE does not load (its problems on
 * stderr); 1 when a lookup fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sshconfig.h"
#include "util.h"

static const char *
shk_name(enum sshconfig_shk shk)
{
	switch (shk) {
	case SSHCONFIG_SHK_YES:
		return "true";
	case SSHCONFIG_SHK_ASK:
		return "ask";
	case SSHCONFIG_SHK_ACCEPT_NEW:
		return "accept-new";
	case SSHCONFIG_SHK_OFF:
		return "false";
	}
	return "?";
}

static void
dump(const struct sshconfig_opts *o, const char *home)
{
	size_t i;
	char *s;

	printf(
	    "user %s\nhostname %s\nport %u\n", o->user, o->hostname, o->port);
	printf("identitiesonly %s\n", o->identities_only ? "yes" : "no");
	printf("stricthostkeychecking %s\n",
	    shk_name(o->strict_host_key_checking));
	for (i = 0; i < o->nidentity_files; i++)
		printf("identityfile %s\n", o->identity_files[i]);
	if (o->known_hosts_none)
		printf("userknownhostsfile none\n");
	else if (o->known_hosts != NULL)
		printf("userknownhostsfile %s\n", o->known_hosts);
	else
		printf("userknownhostsfile %s/.ssh/known_hosts\n", home);
	if (o->set & SSHCONFIG_SET_CONNECT_TIMEOUT)
		printf("connecttimeout %lld\n",
		    (long long)(o->connect_timeout_ms / 1000));
	else
		printf("connecttimeout none\n");
	if (o->proxy_command != NULL)
		printf("proxycommand %s\n", o->proxy_command);
	if (o->njump > 0) {
		printf("proxyjump ");
		for (i = 0; i < o->njump; i++) {
			s = sshhop_string(&o->jump[i]);
			printf("%s%s", i > 0 ? "," : "", s);
			free(s);
		}
		printf("\n");
	}
}

int
main(int argc, char **argv)
{
	struct sshconfig *cfg;
	struct sshconfig_query q;
	struct sshconfig_opts o, *hops;
	const char *const *kw;
	struct buf err;
	char *home;
	size_t i, nhops;
	int c, route = 0, rc = 0;

	memset(&q, 0, sizeof(q));
	while ((c = getopt(argc, argv, "kl:p:R")) != -1) {
		switch (c) {
		case 'k':
			for (kw = sshconfig_keywords(); *kw != NULL; kw++)
				printf("%s\n", *kw);
			return 0;
		case 'l':
			q.user = optarg;
			break;
		case 'p':
			q.port = (unsigned)atoi(optarg);
			break;
		case 'R':
			route = 1;
			break;
		default:
			fprintf(stderr,
			    "usage: sshconfig-dump [-l user] [-p "
			    "port] [-R] FILE HOST...\n");
			return 2;
		}
	}
	if (argc - optind < 2) {
		fprintf(stderr,
		    "usage: sshconfig-dump [-l user] [-p port] "
		    "[-R] FILE HOST...\n");
		return 2;
	}
	buf_init(&err);
	cfg = sshconfig_load(argv[optind], NULL, &err);
	if (cfg == NULL) {
		fputs(err.data != NULL ? err.data : "no message\n", stderr);
		buf_free(&err);
		return 2;
	}
	home = sshconfig_default_path(NULL);
	home[strlen(home) - strlen("/.ssh/config")] = '\0';
	for (optind++; optind < argc; optind++) {
		q.host = argv[optind];
		if (sshconfig_lookup(cfg, &q, &o, &err) == -1) {
			rc = 1;
			sshconfig_opts_free(&o);
			continue;
		}
		dump(&o, home);
		if (route &&
		    sshconfig_route(cfg, &o, &hops, &nhops, &err) == 0) {
			for (i = 0; i < nhops; i++) {
				printf("hop %s@%s:%u%s%s\n", hops[i].user,
				    hops[i].hostname, hops[i].port,
				    hops[i].proxy_command != NULL ? " via "
								  : "",
				    hops[i].proxy_command != NULL
					? hops[i].proxy_command
					: "");
				sshconfig_opts_free(&hops[i]);
			}
			free(hops);
		} else if (route)
			rc = 1;
		sshconfig_opts_free(&o);
	}
	if (err.data != NULL)
		fputs(err.data, stderr);
	buf_free(&err);
	free(home);
	sshconfig_free(cfg);
	return rc;
}
