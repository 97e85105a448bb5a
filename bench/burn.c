/*
 * burn: a CPU burner standing in for a CPU-heavy output parser in the
 * benchmark (netcollect --pipe "burn -n N"). It reads stdin to the end,
 * hashes it (FNV-1a), then runs N rounds of a 64-bit mixing function
 * seeded by that hash, and prints one line: the line and byte counts of
 * the input and the final hash. The work is a fixed iteration count, not
 * a time, so the output is deterministic for a given input and N; -c MS
 * finds the N that costs MS milliseconds of CPU on this machine.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void
usage(void)
{
	fprintf(stderr,
	    "usage: burn [-n ROUNDS] < input\n"
	    "       burn -c MS    print the ROUNDS that burn MS ms "
	    "of CPU\n");
	exit(2);
}

/* splitmix64's finalizer: cheap, and every round depends on the last. */
static uint64_t
burn(uint64_t h, uint64_t rounds)
{
	uint64_t i;

	for (i = 0; i < rounds; i++) {
		h += 0x9e3779b97f4a7c15ULL;
		h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
		h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
		h ^= h >> 31;
	}
	return h;
}

static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
calibrate(double ms)
{
	uint64_t rounds = 1 << 20, sink = 0;
	double t0, used;

	/* Double until a run takes long enough to time, then scale. */
	for (;;) {
		t0 = cpu_ms();
		sink ^= burn(sink, rounds);
		used = cpu_ms() - t0;
		if (used >= 100 || rounds >= (UINT64_C(1) << 40))
			break;
		rounds *= 2;
	}
	if (used <= 0)
		used = 1;
	printf("%" PRIu64 "\n", (uint64_t)(rounds * (ms / used)) | (sink & 1));
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned char buf[65536];
	uint64_t h = 0xcbf29ce484222325ULL, rounds = 1000000;
	size_t lines = 0, bytes = 0;
	ssize_t n, i;
	double ms;
	char *end;
	int ch;

	while ((ch = getopt(argc, argv, "c:n:")) != -1) {
		switch (ch) {
		case 'c':
			errno = 0;
			ms = strtod(optarg, &end);
			if (errno || *end != '\0' || ms <= 0)
				usage();
			return calibrate(ms);
		case 'n':
			errno = 0;
			rounds = strtoull(optarg, &end, 10);
			if (errno || *end != '\0' || *optarg == '-')
				usage();
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();

	for (;;) {
		n = read(STDIN_FILENO, buf, sizeof(buf));
		if (n == 0)
			break;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "burn: read: %s\n", strerror(errno));
			return 1;
		}
		for (i = 0; i < n; i++) {
			h = (h ^ buf[i]) * 0x100000001b3ULL;
			lines += buf[i] == '\n';
		}
		bytes += (size_t)n;
	}
	h = burn(h, rounds);
	printf("lines=%zu bytes=%zu sum=%016" PRIx64 "\n", lines, bytes, h);
	return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
