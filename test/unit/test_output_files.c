/*
 * Unit tests for the file sinks: fsname's sanitiser, files_plan()'s
 * collision and length checks (their exact messages), and files_save():
 * newline-terminated 0600 files, no temp file left, and a failed save
 * that keeps every earlier file and fails the device as "write".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "files.h"
#include "fsname.h"
#include "util.h"

static char dir[4096];

static int
enter(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof(dir), "%s/files-XXXXXX",
	    t != NULL && t[0] != '\0' ? t : "/tmp");
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
leave(void **state)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);
	int rc = system(cmd);

	(void)state;
	free(cmd);
	return rc == 0 ? 0 : -1;
}

/* Run files_plan() with stderr captured; the lines it logged in *err. */
static struct files *
plan(const char *sub, char **names, size_t n, char **cmds, size_t ncmds,
    char **err)
{
	struct device devs[8];
	struct inventory inv = {.devices = devs, .ndevices = n};
	struct config cfg = {.commands = cmds, .ncommands = ncmds};
	char *path = xasprintf("%s/%s", dir, sub), *log;
	char *logpath = xasprintf("%s.stderr", path);
	struct files *f;
	int saved = dup(2), fd;
	FILE *fp;
	long len;

	memset(devs, 0, sizeof(devs));
	for (size_t i = 0; i < n; i++)
		devs[i].name = names[i];
	fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0 && saved >= 0);
	dup2(fd, 2);
	close(fd);
	f = files_plan("--output-dir", path, &cfg, &inv);
	dup2(saved, 2);
	close(saved);
	fp = fopen(logpath, "r");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	log = xcalloc(1, (size_t)len + 1);
	assert_int_equal(fread(log, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	*err = log;
	free(logpath);
	free(path);
	return f;
}

static char *
slurp(const char *path, size_t *n)
{
	FILE *fp = fopen(path, "r");
	char *s;
	long len;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	s = xcalloc(1, (size_t)len + 1);
	assert_int_equal(fread(s, 1, (size_t)len, fp), (size_t)len);
	fclose(fp);
	*n = (size_t)len;
	return s;
}

static void
test_fsname_safe(void **state)
{
	static const char *const cases[][2] = {
	    {"R1", "R1"},
	    {"../x", "_._x"},
	    {"a/b", "a_b"},
	    {"127.0.0.1:2222", "127.0.0.1_2222"},
	    {".hidden", "_hidden"},
	    {"..", "_."},
	    {"", "_"},
	    {"sh ip int br | inc up", "sh_ip_int_br___inc_up"},
	    {"r\xc3\xa9", "r__"},
	    {"core-1_x.y", "core-1_x.y"},
	};
	char *s;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = fsname_safe(cases[i][0]);
		assert_string_equal(s, cases[i][1]);
		free(s);
	}
	s = fsname_path("/d", "../../etc/passwd", ".log");
	assert_string_equal(s, "/d/_._.._etc_passwd.log");
	free(s);
}

static void
test_plan_names(void **state)
{
	char *names[] = {"R1", "core/sw:1"};
	char *one[] = {"show clock"};
	char *two[] = {"show clock", "show version"};
	struct files *f;
	char *err, *want;

	(void)state;
	f = plan("a", names, 2, one, 1, &err);
	assert_non_null(f);
	assert_string_equal(err, "");
	free(err);
	want = xasprintf("%s/a/core_sw_1.txt", dir);
	assert_int_equal(files_count(f, 1), 1);
	assert_string_equal(files_path(f, 1, 0), want);
	free(want);
	files_free(f);

	f = plan("b", names, 2, two, 2, &err);
	assert_non_null(f);
	free(err);
	want = xasprintf("%s/b/R1.show_version.txt", dir);
	assert_string_equal(files_path(f, 0, 1), want);
	free(want);
	files_free(f);
}

static void
test_plan_collisions(void **state)
{
	char *names[] = {"x/y", "ok", "x_y", "x:y"};
	char *one[] = {"show clock"};
	char *err, *want;

	(void)state;
	assert_null(plan("c", names, 4, one, 1, &err));
	want = xasprintf(
	    "netcollect: --output-dir: device 'x/y' and device 'x_y' would "
	    "both be saved as %s/c/x_y.txt: rename one\n"
	    "netcollect: --output-dir: device 'x_y' and device 'x:y' would "
	    "both be saved as %s/c/x_y.txt: rename one\n",
	    dir, dir);
	assert_string_equal(err, want);
	free(want);
	free(err);
}

static void
test_plan_too_long(void **state)
{
	char name[300], *names[1] = {name};
	char *one[] = {"show clock"};
	struct files *f;
	char *err;

	(void)state;
	memset(name, 'r', 243);
	name[243] = '\0'; /* 243 + ".txt" = 247 = 255 - temp overhead */
	f = plan("d", names, 1, one, 1, &err);
	assert_non_null(f);
	files_free(f);
	free(err);
	name[243] = 'r';
	name[244] = '\0';
	assert_null(plan("e", names, 1, one, 1, &err));
	assert_non_null(strstr(err, "is too long for"));
	assert_non_null(strstr(err, "(248 bytes, at most 247)\n"));
	free(err);
}

static void
test_save(void **state)
{
	char *names[] = {"R1"};
	char *two[] = {"show clock", "show version"};
	struct result *r = result_new(0);
	struct files *f;
	struct stat st;
	char *err, *s;
	size_t n;

	(void)state;
	f = plan("s", names, 1, two, 2, &err);
	assert_non_null(f);
	free(err);
	result_output(r, 0)->output = xstrdup("12:00");
	result_output(r, 0)->len = 5;
	result_output(r, 1)->output = xstrdup("IOS\n");
	result_output(r, 1)->len = 4;
	assert_int_equal(files_save(f, r), 0);
	assert_int_equal(r->kind, ERR_NONE);
	s = slurp(files_path(f, 0, 0), &n);
	assert_string_equal(s, "12:00\n");
	free(s);
	s = slurp(files_path(f, 0, 1), &n);
	assert_string_equal(s, "IOS\n");
	free(s);
	assert_int_equal(stat(files_path(f, 0, 0), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_true(files_saved(f, 0, 1));

	/* An empty output keeps the earlier file. */
	free(r->outputs[0].output);
	r->outputs[0].output = xstrdup("");
	r->outputs[0].len = 0;
	assert_int_equal(files_save(f, r), 0);
	assert_false(files_saved(f, 0, 0));
	s = slurp(files_path(f, 0, 0), &n);
	assert_string_equal(s, "12:00\n");
	free(s);

	/* A failed device writes nothing. */
	r->kind = ERR_AUTH;
	free(r->outputs[1].output);
	r->outputs[1].output = xstrdup("other");
	assert_int_equal(files_save(f, r), 0);
	s = slurp(files_path(f, 0, 1), &n);
	assert_string_equal(s, "IOS\n");
	free(s);

	/* A device-error device writes its complete outputs only. */
	r->kind = ERR_DEVICE_ERROR;
	free(r->outputs[0].output);
	r->outputs[0].output = xstrdup("% Invalid input");
	r->outputs[0].len = 15;
	r->outputs[0].complete = 1;
	assert_int_equal(files_save(f, r), 0);
	assert_int_equal(r->kind, ERR_DEVICE_ERROR);
	assert_true(files_saved(f, 0, 0));
	assert_false(files_saved(f, 0, 1));
	s = slurp(files_path(f, 0, 0), &n);
	assert_string_equal(s, "% Invalid input\n");
	free(s);
	s = slurp(files_path(f, 0, 1), &n);
	assert_string_equal(s, "IOS\n");
	free(s);
	result_free(r);
	files_free(f);
}

/* The directory is gone: the save fails, the result says why. */
static void
test_save_fails(void **state)
{
	char *names[] = {"R1"};
	char *one[] = {"show clock"};
	struct result *r = result_new(0);
	struct files *f;
	char *err, *want, *cmd;

	(void)state;
	f = plan("gone", names, 1, one, 1, &err);
	assert_non_null(f);
	free(err);
	cmd = xasprintf("rmdir '%s/gone'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	result_output(r, 0)->output = xstrdup("x");
	result_output(r, 0)->len = 1;
	assert_int_equal(files_save(f, r), -1);
	assert_int_equal(r->kind, ERR_WRITE);
	want = xasprintf(
	    "cannot save %s/gone/R1.txt: No such file or directory", dir);
	assert_string_equal(r->message, want);
	assert_false(files_saved(f, 0, 0));
	free(want);
	result_free(r);

	/* A device-error device keeps its kind; the message says both. */
	r = result_new(0);
	result_fail(r, ERR_DEVICE_ERROR, "'x' refused: %%");
	result_output(r, 0)->output = xstrdup("%");
	result_output(r, 0)->len = 1;
	result_output(r, 0)->complete = 1;
	assert_int_equal(files_save(f, r), -1);
	assert_int_equal(r->kind, ERR_DEVICE_ERROR);
	want = xasprintf("'x' refused: %%; cannot save %s/gone/R1.txt: No "
			 "such file or directory",
	    dir);
	assert_string_equal(r->message, want);
	free(want);
	result_free(r);
	files_free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fsname_safe),
	    cmocka_unit_test(test_plan_names),
	    cmocka_unit_test(test_plan_collisions),
	    cmocka_unit_test(test_plan_too_long),
	    cmocka_unit_test(test_save),
	    cmocka_unit_test(test_save_fails),
	};

	return cmocka_run_group_tests(tests, enter, leave);
}
