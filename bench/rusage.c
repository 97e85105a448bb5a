/*
 * rusage: run one command and report what it cost, for bench/compare.
 *
 *	rusage [-o FILE] [-i MS] -- COMMAND [ARG...]
 *
 * The command inherits stdin, stdout and stderr. When it exits, key=value
 * lines go to FILE (default stderr) and rusage exits with its status.
 *
 * How each figure is taken:
 * - wall: CLOCK_MONOTONIC from just before fork() to the moment the exit
 *   is seen. SIGCHLD is blocked and waited for with sigtimedwait(), so
 *   the exit is seen at once, not at the next sampling tick.
 * - CPU: once the command is a zombie (waitid with WNOWAIT), its
 *   /proc/PID/stat still holds its own utime/stime (all its threads:
 *   "parent") and cutime/cstime (every descendant it reaped:
 *   "children"), in clock ticks. wait4() then reaps it and gives the
 *   total in microseconds; children = total - parent.
 * - memory: every -i MS (default 50) the process tree under the command
 *   is walked through /proc; the parent's VmHWM and the peak of the sum
 *   of resident sets over the tree (shared pages count once per process,
 *   so an upper bound) are kept. wait4()'s ru_maxrss, the largest single
 *   process, is reported too.
 *
 * - system_busy: CPU time all CPUs spent busy during the run
 *   (/proc/stat), so a reader can tell how much went to other programs.
 *
 * rusage makes itself a child subreaper, so a descendant orphaned by the
 * command is reparented to it: such leftovers are counted, sent SIGTERM
 * and reaped, never left behind.
 */
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct proc {
	pid_t pid;
	pid_t ppid;
	long rss_pages;
};

struct peak {
	long parent_hwm_kb;
	long tree_kb;
	size_t tree_procs;
	size_t samples;
};

static void
usage(void)
{
	fprintf(
	    stderr, "usage: rusage [-o FILE] [-i MS] -- COMMAND [ARG...]\n");
	exit(2);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Read a small /proc file into buf; length or -1. */
static ssize_t
read_small(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

/*
 * Fields of /proc/PID/stat after the command name, which may hold spaces
 * and parentheses: field 3 (state) is f[0], so field k is f[k - 3].
 */
static int
stat_fields(pid_t pid, long long *f, size_t nf)
{
	char path[64], buf[1024], *p, *end;
	size_t i;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (read_small(path, buf, sizeof(buf)) <= 0)
		return -1;
	if ((p = strrchr(buf, ')')) == NULL)
		return -1;
	p += 2; /* ") " */
	f[0] = *p++;
	for (i = 1; i < nf; i++) {
		f[i] = strtoll(p, &end, 10);
		if (end == p)
			return -1;
		p = end;
	}
	return 0;
}

/* Seconds all CPUs spent busy since boot (/proc/stat), or -1. */
static double
system_busy(void)
{
	unsigned long long v[8] = {0};
	char buf[512];

	if (read_small("/proc/stat", buf, sizeof(buf)) <= 0)
		return -1;
	/* user nice system idle iowait irq softirq steal */
	if (sscanf(buf, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
		&v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7]) < 7)
		return -1;
	return (double)(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]) /
	    sysconf(_SC_CLK_TCK);
}

static long
vm_hwm_kb(pid_t pid)
{
	char path[64], buf[4096], *p;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (read_small(path, buf, sizeof(buf)) <= 0)
		return -1;
	if ((p = strstr(buf, "\nVmHWM:")) == NULL)
		return -1;
	return strtol(p + 7, NULL, 10);
}

/* Every process on the system with its parent and resident set. */
static size_t
scan_procs(struct proc **procs, size_t *cap)
{
	struct dirent *de;
	long long f[22];
	size_t n = 0;
	DIR *d;

	if ((d = opendir("/proc")) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid_t pid = (pid_t)atoi(de->d_name);
		/* field 4 is ppid, field 24 rss */
		if (stat_fields(pid, f, 22) == -1)
			continue;
		if (n == *cap) {
			size_t ncap = *cap ? *cap * 2 : 1024;
			struct proc *np = realloc(*procs, ncap * sizeof(*np));
			if (np == NULL)
				break;
			*procs = np;
			*cap = ncap;
		}
		(*procs)[n].pid = pid;
		(*procs)[n].ppid = (pid_t)f[1];
		(*procs)[n].rss_pages = (long)f[21];
		n++;
	}
	closedir(d);
	return n;
}

/* Sum the resident sets of root and its descendants; sets *nprocs. */
static long
tree_rss_kb(pid_t root, struct proc *procs, size_t n, size_t *nprocs)
{
	pid_t *queue;
	size_t head = 0, tail = 0, i;
	long pages = 0;

	*nprocs = 0;
	if ((queue = malloc((n + 1) * sizeof(*queue))) == NULL)
		return 0;
	queue[tail++] = root;
	while (head < tail) {
		pid_t p = queue[head++];
		for (i = 0; i < n; i++) {
			if (procs[i].pid == p) {
				pages += procs[i].rss_pages;
				(*nprocs)++;
			} else if (procs[i].ppid == p && tail <= n)
				queue[tail++] = procs[i].pid;
		}
	}
	free(queue);
	return pages * (sysconf(_SC_PAGESIZE) / 1024);
}

static void
sample(pid_t pid, struct peak *pk, struct proc **procs, size_t *cap)
{
	size_t n, nprocs;
	long kb;

	if ((kb = vm_hwm_kb(pid)) > pk->parent_hwm_kb)
		pk->parent_hwm_kb = kb;
	n = scan_procs(procs, cap);
	kb = tree_rss_kb(pid, *procs, n, &nprocs);
	if (kb > pk->tree_kb)
		pk->tree_kb = kb;
	if (nprocs > pk->tree_procs)
		pk->tree_procs = nprocs;
	pk->samples++;
}

/* Send sig to every direct child of ours (orphans reparented to us). */
static size_t
signal_children(int sig)
{
	struct proc *procs = NULL;
	size_t cap = 0, n, i, count = 0;
	pid_t self = getpid();

	n = scan_procs(&procs, &cap);
	for (i = 0; i < n; i++) {
		if (procs[i].ppid == self) {
			kill(procs[i].pid, sig);
			count++;
		}
	}
	free(procs);
	return count;
}

/*
 * Once the command is reaped, whatever is still our child is a leftover
 * of its tree: SIGTERM, two seconds' grace, then SIGKILL until none is
 * left. Returns how many there were at first.
 */
static size_t
reap_leftovers(void)
{
	size_t count, i;
	pid_t p;

	if ((count = signal_children(SIGTERM)) == 0)
		return 0;
	for (i = 0; i < 200; i++) {
		if ((p = waitpid(-1, NULL, WNOHANG)) == -1)
			return count;
		if (p == 0)
			usleep(10000);
	}
	while (signal_children(SIGKILL) > 0)
		waitpid(-1, NULL, 0);
	return count;
}

int
main(int argc, char **argv)
{
	struct peak pk = {0};
	struct proc *procs = NULL;
	struct rusage ru;
	struct timespec tick;
	sigset_t chld, old;
	siginfo_t si;
	const char *out = NULL;
	long long f[16];
	double t0, t1, interval_ms = 50, parent_s = -1, total_s, tck;
	double busy0, busy1;
	size_t cap = 0, leftovers;
	pid_t pid;
	FILE *fp;
	int ch, status, code;

	while ((ch = getopt(argc, argv, "+o:i:")) != -1) {
		switch (ch) {
		case 'o':
			out = optarg;
			break;
		case 'i':
			interval_ms = atof(optarg);
			if (interval_ms < 1)
				usage();
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();

	if (prctl(PR_SET_CHILD_SUBREAPER, 1) == -1)
		fprintf(stderr, "rusage: subreaper: %s\n", strerror(errno));
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);

	busy0 = system_busy();
	t0 = now();
	if ((pid = fork()) == -1) {
		fprintf(stderr, "rusage: fork: %s\n", strerror(errno));
		return 127;
	}
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		execvp(argv[0], argv);
		fprintf(stderr, "rusage: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}

	tick.tv_sec = (time_t)(interval_ms / 1000);
	tick.tv_nsec = (long)((interval_ms - tick.tv_sec * 1000.0) * 1e6);
	for (;;) {
		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, (id_t)pid, &si,
			WEXITED | WNOHANG | WNOWAIT) == 0 &&
		    si.si_pid == pid)
			break;
		sample(pid, &pk, &procs, &cap);
		/* A SIGCHLD (ours or an orphan's) or the tick wakes us. */
		sigtimedwait(&chld, NULL, &tick);
		/* Orphans reparented to us: reap their zombies now. */
		for (;;) {
			memset(&si, 0, sizeof(si));
			if (waitid(P_ALL, 0, &si,
				WEXITED | WNOHANG | WNOWAIT) != 0 ||
			    si.si_pid == 0 || si.si_pid == pid)
				break;
			waitpid(si.si_pid, NULL, 0);
		}
	}
	t1 = now();
	busy1 = system_busy();

	tck = (double)sysconf(_SC_CLK_TCK);
	/* fields 14..17: utime stime cutime cstime, so f[11..14] */
	if (stat_fields(pid, f, 16) == 0)
		parent_s = (f[11] + f[12]) / tck;
	if (wait4(pid, &status, 0, &ru) == -1) {
		fprintf(stderr, "rusage: wait4: %s\n", strerror(errno));
		return 127;
	}
	leftovers = reap_leftovers();
	free(procs);

	total_s = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	if (parent_s < 0 || parent_s > total_s)
		parent_s = total_s;
	if (WIFEXITED(status))
		code = WEXITSTATUS(status);
	else
		code = 128 + WTERMSIG(status);

	fp = stderr;
	if (out != NULL && (fp = fopen(out, "w")) == NULL) {
		fprintf(stderr, "rusage: %s: %s\n", out, strerror(errno));
		return 127;
	}
	fprintf(fp, "status=%d\n", code);
	fprintf(fp, "wall=%.6f\n", t1 - t0);
	fprintf(
	    fp, "user=%.6f\n", ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6);
	fprintf(
	    fp, "sys=%.6f\n", ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6);
	fprintf(fp, "cpu=%.6f\n", total_s);
	fprintf(fp, "cpu_parent=%.6f\n", parent_s);
	fprintf(fp, "cpu_children=%.6f\n", total_s - parent_s);
	fprintf(fp, "maxrss_kb=%ld\n", ru.ru_maxrss);
	fprintf(fp, "parent_peak_kb=%ld\n", pk.parent_hwm_kb);
	fprintf(fp, "tree_peak_kb=%ld\n", pk.tree_kb);
	fprintf(fp, "tree_peak_procs=%zu\n", pk.tree_procs);
	fprintf(fp, "samples=%zu\n", pk.samples);
	fprintf(fp, "leftovers=%zu\n", leftovers);
	/* Every CPU's busy time during the run: ours, netsim's, others'. */
	if (busy0 >= 0 && busy1 >= 0)
		fprintf(fp, "system_busy=%.2f\n", busy1 - busy0);
	if (fp != stderr && fclose(fp) != 0)
		return 127;
	return code;
}
