/*
 * fakepool: runs collect_run() with the runner of a mode and fake workers
 * that misbehave on request, so the collector and the runners are tested
 * without SSH. Each argument after the options names one device's
 * behaviour; results are printed one line each in completion order as
 * "index kind bytes message" (with --sum a checksum of the output before
 * the message), then "max_alive=N". When collect_run() was interrupted,
 * the signal is re-raised after printing, like netcollect (SIGPIPE, from
 * --stop-after N, exits 3 instead). With --atexit
 * an atexit handler prints "atexit" (a worker child must never run it).
 *
 *   fakepool [--mode process|thread|serial] [-j N] [--reuse N]
 *	[--timeout-ms N]
 *	[--grace-ms N] [--max-output N] [--stream] [--sum] [-v]
 *	[--atexit] [--pid-file FILE] [--span-file FILE] [--repeat N]
 *	[--stop-after N] BEHAVIOUR...
 *
 * Behaviours: ok, exitN, crash, hang, half, norecord, big1m, slowN (ms),
 * error, garbage, badtype, oversize, flood, hostkey, stubborn (process
 * mode: ignores SIGTERM and hangs), oom (an allocation fails: fatal()),
 * nozombie (ok, or exit 1 when a sibling process is a zombie).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "collect.h"
#include "frame.h"
#include "log.h"
#include "options.h"
#include "proc.h"
#include "result.h"
#include "tpool.h"
#include "util.h"

struct fake {
	enum run_mode mode;
	unsigned reuse; /* process mode: devices per worker */
	char **spec;
	size_t n;
	int64_t timeout_ms;
	const char *pid_file;
	const char *span_file; /* each work() as "start end" (monotonic ns) */
	int sum;
	size_t stop_after, results;
	size_t *streamed;
	uint32_t *streamsum;
};

static const char ok_out0[] = "line one\n\0\x4e\x43\x00\x01 looks like a "
			      "header\nrouter#\n";
static const char ok_out1[] = "second command\n";

static uint32_t
fnv(uint32_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n-- > 0) {
		h ^= *c++;
		h *= 16777619u;
	}
	return h;
}

static void
nap(int ms)
{
	int64_t end = mono_ns() + ms * NS_PER_MS;

	while (!deadline_passed(end))
		poll(NULL, 0, deadline_poll_ms(end));
}

static void
forever(void)
{
	for (;;)
		poll(NULL, 0, -1);
}

static int
emit_ok(uint32_t dev, int fd)
{
	struct timings t = {1, 2, 3, 4, 10};

	if (frame_write_event(fd, dev, STAGE_CONNECTING, 0) == -1 ||
	    frame_write_output(
		fd, dev, 0, FRAME_F_END, ok_out0, sizeof(ok_out0) - 1) == -1 ||
	    frame_write_output(
		fd, dev, 1, FRAME_F_END, ok_out1, sizeof(ok_out1) - 1) == -1 ||
	    frame_write_done(fd, dev, &t) == -1)
		return 1;
	return 0;
}

/* Is a child of our parent other than us a zombie? (/proc's stat files) */
static int
zombie_sibling(void)
{
	pid_t parent = getppid(), self = getpid();
	struct dirent *de;
	char path[300], buf[512], *p;
	long ppid;
	int found = 0, fd;
	ssize_t n;
	DIR *dir;

	if ((dir = opendir("/proc")) == NULL)
		return 0;
	while (!found && (de = readdir(dir)) != NULL) {
		if (!isdigit((unsigned char)de->d_name[0]) ||
		    atol(de->d_name) == (long)self)
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
			continue;
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n <= 0)
			continue;
		buf[n] = '\0';
		/* "pid (comm) S ppid ...": comm may hold anything but ")". */
		if ((p = strrchr(buf, ')')) == NULL ||
		    sscanf(p + 1, " %*c %ld", &ppid) != 1)
			continue;
		found = ppid == (long)parent && p[2] == 'Z';
	}
	closedir(dir);
	return found;
}

static int
fake_work(void *arg, size_t index, int fd)
{
	struct fake *fk = arg;
	const char *b = fk->spec[index];
	uint32_t dev = (uint32_t)index;
	struct timings t = {0};
	unsigned char hdr[FRAME_HDR_LEN + 50];
	char line[32];
	uint32_t x;
	size_t i, len;
	int lfd;

	if (fk->pid_file != NULL && fk->mode == MODE_PROCESS) {
		lfd = open(fk->pid_file,
		    O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
		len = (size_t)snprintf(
		    line, sizeof(line), "%ld\n", (long)getpid());
		if (lfd != -1) {
			(void)!write(lfd, line, len);
			close(lfd);
		}
	}
	if (strcmp(b, "ok") == 0)
		return emit_ok(dev, fd);
	if (strncmp(b, "exit", 4) == 0)
		return atoi(b + 4);
	if (strncmp(b, "slow", 4) == 0) {
		nap(atoi(b + 4));
		return emit_ok(dev, fd);
	}
	if (strcmp(b, "crash") == 0) {
		/*
		 * A plain segfault death, past any sanitizer's handler. Real
		 * faults cannot be blocked; raise() can, hence the unblock
		 * (worker threads run with every signal blocked).
		 */
		sigset_t segv;

		sigemptyset(&segv);
		sigaddset(&segv, SIGSEGV);
		signal(SIGSEGV, SIG_DFL);
		pthread_sigmask(SIG_UNBLOCK, &segv, NULL);
		raise(SIGSEGV);
		return 99;
	}
	if (strcmp(b, "hang") == 0) {
		frame_write_event(fd, dev, STAGE_CONNECTING, 0);
		if (fk->mode == MODE_PROCESS)
			forever();
		/* A thread cannot be killed: like a session, give up. */
		nap((int)fk->timeout_ms + 300);
		return 1;
	}
	if (strcmp(b, "stubborn") == 0) {
		/* Ignores SIGTERM: only the SIGKILL after the grace ends it. */
		signal(SIGTERM, SIG_IGN);
		frame_write_event(fd, dev, STAGE_CONNECTING, 0);
		forever();
	}
	if (strcmp(b, "half") == 0) {
		memset(hdr, 'x', sizeof(hdr));
		hdr[0] = 0x4e, hdr[1] = 0x43, hdr[2] = 0, hdr[3] = 1;
		hdr[4] = 0, hdr[5] = FRAME_OUTPUT, hdr[6] = hdr[7] = 0;
		hdr[8] = (unsigned char)(dev >> 24),
		hdr[9] = (unsigned char)(dev >> 16);
		hdr[10] = (unsigned char)(dev >> 8),
		hdr[11] = (unsigned char)dev;
		hdr[12] = hdr[13] = hdr[14] = 0, hdr[15] = 100;
		write_all(fd, hdr, sizeof(hdr));
		return 0;
	}
	if (strcmp(b, "norecord") == 0)
		return 0;
	if (strcmp(b, "big1m") == 0) {
		unsigned char *p = xmalloc(1u << 20);

		x = 1;
		for (i = 0; i < (1u << 20); i++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			p[i] = (unsigned char)x;
		}
		if (frame_write_output(fd, dev, 0, FRAME_F_END, p, 1u << 20) ==
		    -1) {
			free(p);
			return 1;
		}
		free(p);
		return frame_write_done(fd, dev, &t) == -1;
	}
	if (strcmp(b, "error") == 0) {
		frame_write_event(fd, dev, STAGE_CONNECTING, 0);
		frame_write_error(fd, dev, ERR_AUTH, "authentication failed");
		frame_write_done(fd, dev, &t);
		return 1;
	}
	if (strcmp(b, "garbage") == 0) {
		write_all(fd, "this is not a frame, not at all", 31);
		forever();
	}
	if (strcmp(b, "badtype") == 0 || strcmp(b, "oversize") == 0) {
		memset(hdr, 0, FRAME_HDR_LEN);
		hdr[0] = 0x4e, hdr[1] = 0x43, hdr[2] = 0, hdr[3] = 1;
		hdr[5] = b[0] == 'b' ? 99 : FRAME_OUTPUT;
		hdr[11] = (unsigned char)dev;
		if (b[0] == 'o')
			hdr[13] = 0x10, hdr[15] = 1; /* 1 MiB + 1 */
		write_all(fd, hdr, FRAME_HDR_LEN);
		forever();
	}
	if (strcmp(b, "flood") == 0) {
		static char chunk[FRAME_CHUNK];

		memset(chunk, 'f', sizeof(chunk));
		for (i = 0; i < 64; i++)
			if (frame_write_output(
				fd, dev, 0, 0, chunk, sizeof(chunk)) == -1)
				return 1;
		return frame_write_done(fd, dev, &t) == -1;
	}
	if (strcmp(b, "nozombie") == 0)
		return zombie_sibling() ? 1 : emit_ok(dev, fd);
	if (strcmp(b, "oom") == 0) {
		frame_write_event(fd, dev, STAGE_CONNECTING, 0);
		free(xmalloc(SIZE_MAX / 2));
		return 0;
	}
	if (strcmp(b, "hostkey") == 0) {
		frame_write_hostkey(
		    fd, dev, "[10.0.0.1]:22 ssh-ed25519 AAAAC3Nz");
		return emit_ok(dev, fd);
	}
	frame_write_error(fd, dev, ERR_INTERNAL, "unknown fake behaviour");
	frame_write_done(fd, dev, &t);
	return 2;
}

static int64_t
fake_timeout(void *arg, size_t index)
{
	struct fake *fk = arg;

	(void)index;
	return fk->timeout_ms;
}

static void
on_hostkey(void *ctx, size_t index, const char *line)
{
	(void)ctx;
	printf("%zu hostkey %s\n", index, line);
	fflush(stdout);
}

static void
on_output(void *ctx, size_t index, uint32_t cmd, uint16_t flags,
    const unsigned char *data, size_t len)
{
	struct fake *fk = ctx;

	(void)cmd;
	(void)flags;
	fk->streamed[index] += len;
	fk->streamsum[index] = fnv(fk->streamsum[index], data, len);
}

static void
on_result(void *ctx, struct result *r, int worker_busy)
{
	struct fake *fk = ctx;
	uint32_t h = 2166136261u;
	size_t i, bytes = 0;

	(void)worker_busy;
	for (i = 0; i < r->noutputs; i++) {
		bytes += r->outputs[i].len;
		h = fnv(h, r->outputs[i].output, r->outputs[i].len);
	}
	if (fk->streamed != NULL) {
		bytes = fk->streamed[r->index];
		h = fk->streamsum[r->index];
	}
	printf("%zu %s %zu", r->index, err_kind_name(r->kind), bytes);
	if (fk->sum)
		printf(" %08x", h);
	printf(" %s\n", r->message != NULL ? r->message : "-");
	fflush(stdout);
	result_free(r);
	fk->results++;
}

/* --stop-after N: the sink "fails" after N results. */
static int
must_stop(void *ctx)
{
	struct fake *fk = ctx;

	return fk->stop_after > 0 && fk->results >= fk->stop_after;
}

static void
say_atexit(void)
{
	(void)!write(STDOUT_FILENO, "atexit\n", 7);
}

/* fake_work(), and the span it took appended to span_file: one write. */
static int
timed_work(void *arg, size_t index, int fd)
{
	struct fake *fk = arg;
	int64_t t0 = mono_ns();
	int ret = fake_work(arg, index, fd), lfd;
	char line[64];
	size_t len;

	len = (size_t)snprintf(line, sizeof(line), "%lld %lld\n", (long long)t0,
	    (long long)mono_ns());
	lfd = open(
	    fk->span_file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (lfd != -1) {
		(void)!write(lfd, line, len);
		close(lfd);
	}
	return ret;
}

static struct runner *
new_runner(enum run_mode mode, size_t njobs, struct fake *fk)
{
	runner_work_fn work = fk->span_file != NULL ? timed_work : fake_work;

	if (njobs > fk->n)
		njobs = fk->n;
	switch (mode) {
	case MODE_PROCESS:
		return proc_new(njobs, fk->reuse, work, fk);
	case MODE_THREAD:
		return tpool_new(njobs, work, fk);
	case MODE_SERIAL:
		return tpool_new_serial(work, fk);
	}
	return NULL;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: fakepool [--mode M] [-j N] [--reuse N] [--timeout-ms N] "
	    "[--grace-ms N] [--max-output N] [--stream] [--sum] "
	    "[-v] [--atexit] [--pid-file F] [--span-file F] [--repeat N] "
	    "[--stop-after N] "
	    "BEHAVIOUR...\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct collect_callbacks cb = {0};
	struct collect_config cfg = {0};
	struct collect_stats stats = {0};
	struct fake fk = {0};
	struct runner *rn;
	size_t repeat = 1, njobs = 4, i, j;
	int a, ret = -1, stream = 0;

	log_set_progname("fakepool");
	fk.mode = MODE_PROCESS;
	fk.reuse = DEFAULT_PROCESS_REUSE;
	for (a = 1; a < argc && argv[a][0] == '-'; a++) {
		if (a + 1 >= argc && strcmp(argv[a], "--stream") != 0 &&
		    strcmp(argv[a], "--sum") != 0 &&
		    strcmp(argv[a], "-v") != 0 &&
		    strcmp(argv[a], "--atexit") != 0)
			usage();
		if (strcmp(argv[a], "--mode") == 0) {
			a++;
			if (strcmp(argv[a], "process") == 0)
				fk.mode = MODE_PROCESS;
			else if (strcmp(argv[a], "thread") == 0)
				fk.mode = MODE_THREAD;
			else if (strcmp(argv[a], "serial") == 0)
				fk.mode = MODE_SERIAL;
			else
				usage();
		} else if (strcmp(argv[a], "-j") == 0)
			njobs = strtoul(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "--reuse") == 0)
			fk.reuse = (unsigned)strtoul(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "--timeout-ms") == 0)
			fk.timeout_ms = strtoll(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "--grace-ms") == 0)
			cfg.kill_grace_ms = strtoll(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "--max-output") == 0)
			cfg.max_output = strtoul(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "--pid-file") == 0)
			fk.pid_file = argv[++a];
		else if (strcmp(argv[a], "--span-file") == 0)
			fk.span_file = argv[++a];
		else if (strcmp(argv[a], "--stop-after") == 0)
			fk.stop_after = strtoul(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "--repeat") == 0)
			repeat = strtoul(argv[++a], NULL, 10);
		else if (strcmp(argv[a], "--stream") == 0)
			stream = 1;
		else if (strcmp(argv[a], "--sum") == 0)
			fk.sum = 1;
		else if (strcmp(argv[a], "-v") == 0)
			log_set_level(LOG_INFO);
		else if (strcmp(argv[a], "--atexit") == 0)
			atexit(say_atexit);
		else
			usage();
	}
	if (a >= argc || repeat == 0)
		usage();
	fk.n = (size_t)(argc - a) * repeat;
	fk.spec = xcalloc(fk.n, sizeof(*fk.spec));
	for (i = 0; i < repeat; i++)
		for (j = 0; j < (size_t)(argc - a); j++)
			fk.spec[i * (size_t)(argc - a) + j] = argv[a + (int)j];
	if (stream) {
		fk.streamed = xcalloc(fk.n, sizeof(*fk.streamed));
		fk.streamsum = xcalloc(fk.n, sizeof(*fk.streamsum));
		for (i = 0; i < fk.n; i++)
			fk.streamsum[i] = 2166136261u;
		cb.on_output = on_output;
	}
	cb.ctx = &fk;
	cb.on_hostkey = on_hostkey;
	cb.on_result = on_result;
	cb.must_stop = must_stop;
	cfg.ndevices = fk.n;
	cfg.device_timeout_ms = fake_timeout;
	cfg.timeout_arg = &fk;
	cfg.cb = &cb;
	if ((rn = new_runner(fk.mode, njobs, &fk)) != NULL) {
		ret = collect_run(&cfg, rn, &stats);
		rn->ops->free(rn->self);
	}
	printf("max_alive=%zu\n", stats.max_alive);
	fflush(stdout);
	free(fk.spec);
	free(fk.streamed);
	free(fk.streamsum);
	/* SIGPIPE: must_stop() ended the run; netcollect exits 3 then. */
	if (ret == SIGPIPE)
		return 3;
	if (ret > 0) {
		signal(ret, SIG_DFL);
		raise(ret);
	}
	return ret == 0 ? 0 : 1;
}
