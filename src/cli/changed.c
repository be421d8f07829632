/* changed.c - `scan --changed-files` / `--git-base REV`: which files of the
 * scanned repositories changed.
 *
 * git is run directly (posix_spawnp, no shell, `git -C <top>`), once per
 * question, with its output NUL-separated so no file name needs unquoting:
 *
 *   git -C DIR rev-parse --show-toplevel          the repository of each path
 *   git -C TOP diff --name-only -z REV...         committed since the merge base (--git-base)
 *   git -C TOP diff --name-only -z HEAD           staged and unstaged changes
 *   git -C TOP ls-files --others --exclude-standard -z   untracked files
 *
 * git prints paths relative to the top of the repository; findings carry
 * paths as the scan reached them, relative to the current folder.  Both are
 * compared as realpath(3)s.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/strbuf.h"

extern char **environ;

struct ChangedFiles {
    char **paths; /* realpaths, sorted */
    int n, cap;
};

/* Runs git with args; its standard output goes to out, its standard error
 * to errout.  Returns git's exit status, or -1 (errout says why) when it
 * could not be run. */
static int run_git(const char *const *args, StrBuf *out, StrBuf *errout)
{
    int po[2], pe[2];
    if (pipe(po) != 0)
        return sb_printf(errout, "cannot run git: %s", strerror(errno)), -1;
    if (pipe(pe) != 0) {
        close(po[0]), close(po[1]);
        return sb_printf(errout, "cannot run git: %s", strerror(errno)), -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, po[1], 1);
    posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
    posix_spawn_file_actions_addclose(&fa, po[0]);
    posix_spawn_file_actions_addclose(&fa, pe[0]);
    pid_t pid;
    int rc = posix_spawnp(&pid, "git", &fa, NULL, (char *const *)args, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(po[1]);
    close(pe[1]);
    if (rc != 0) {
        close(po[0]), close(pe[0]);
        sb_printf(errout, "cannot run git: %s", strerror(rc));
        return -1;
    }
    /* Both pipes at once: a chatty stderr must not block git's stdout. */
    struct pollfd fds[2] = {{po[0], POLLIN, 0}, {pe[0], POLLIN, 0}};
    StrBuf *to[2] = {out, errout};
    int open_fds = 2;
    char buf[8192];
    while (open_fds > 0) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t got = read(fds[i].fd, buf, sizeof buf);
            if (got > 0) {
                sb_putn(to[i], buf, (size_t)got);
            } else if (got == 0 || errno != EINTR) {
                close(fds[i].fd);
                fds[i].fd = -1;
                open_fds--;
            }
        }
    }
    for (int i = 0; i < 2; i++)
        if (fds[i].fd >= 0)
            close(fds[i].fd);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return sb_printf(errout, "cannot run git: %s", strerror(errno)), -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* git's message, one line: its first line of standard error. */
static const char *git_message(StrBuf *e)
{
    if (!e->len)
        return "git failed";
    char *s = e->s;
    s[strcspn(s, "\n")] = '\0';
    return s;
}

static void add_path(ChangedFiles *c, const char *top, const char *rel)
{
    char *joined = xmalloc(strlen(top) + strlen(rel) + 2), real[PATH_MAX];
    sprintf(joined, "%s/%s", top, rel);
    bool ok = realpath(joined, real) != NULL; /* deleted files have no findings */
    free(joined);
    if (!ok)
        return;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->paths = xrealloc(c->paths, sizeof *c->paths * (size_t)c->cap);
    }
    c->paths[c->n++] = xstrdup(real);
}

/* Adds the NUL-separated paths of a git listing. */
static void add_listing(ChangedFiles *c, const char *top, const StrBuf *out)
{
    for (size_t at = 0; at < out->len;) {
        const char *name = out->s + at;
        size_t n = strnlen(name, out->len - at);
        if (n)
            add_path(c, top, name);
        at += n + 1;
    }
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The repository's top folder (malloc'd), or NULL with err set. */
static char *toplevel(const char *path, char *err, size_t errlen)
{
    char dir[PATH_MAX];
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    snprintf(dir, sizeof dir, "%s", path);
    if (!S_ISDIR(st.st_mode)) {
        char *slash = strrchr(dir, '/');
        if (!slash)
            strcpy(dir, ".");
        else if (slash == dir)
            dir[1] = '\0';
        else
            *slash = '\0';
    }
    StrBuf out = STRBUF_INIT, e = STRBUF_INIT;
    const char *args[] = {"git", "-C", dir, "rev-parse", "--show-toplevel", NULL};
    char *top = NULL;
    if (run_git(args, &out, &e) != 0)
        snprintf(err, errlen, "%s is not in a git repository: %s", path, git_message(&e));
    else {
        top = sb_take(&out);
        top[strcspn(top, "\n")] = '\0';
    }
    sb_fini(&out);
    sb_fini(&e);
    return top;
}

ChangedFiles *changed_files_new(const char *const *paths, int npaths, const char *base, char *err, size_t errlen)
{
    if (base && base[0] == '-') {
        snprintf(err, errlen, "--git-base '%s' is not a revision", base);
        return NULL;
    }
    ChangedFiles *c = xmalloc(sizeof *c);
    memset(c, 0, sizeof *c);
    char **tops = xmalloc(sizeof *tops * (size_t)(npaths + 1));
    int ntops = 0;
    bool failed = false;
    for (int i = 0; i < npaths && !failed; i++) {
        char *top = toplevel(paths[i], err, errlen);
        if (!top) {
            failed = true;
            break;
        }
        bool seen = false;
        for (int k = 0; k < ntops && !seen; k++)
            seen = strcmp(tops[k], top) == 0;
        if (seen) {
            free(top);
            continue;
        }
        tops[ntops++] = top;
        char *range = base ? xmalloc(strlen(base) + 4) : NULL;
        if (range)
            sprintf(range, "%s...", base);
        const char *since[] = {"git", "-C", top, "diff", "--name-only", "-z", range, "--", NULL};
        const char *worktree[] = {"git", "-C", top, "diff", "--name-only", "-z", "HEAD", "--", NULL};
        const char *untracked[] = {"git", "-C", top, "ls-files", "--others", "--exclude-standard", "-z", NULL};
        const char *const *steps[] = {since, worktree, untracked};
        for (int s = base ? 0 : 1; s < 3 && !failed; s++) {
            StrBuf out = STRBUF_INIT, e = STRBUF_INIT;
            if (run_git(steps[s], &out, &e) != 0) {
                snprintf(err, errlen, "%s: %s", s == 0 ? "--git-base" : "--changed-files", git_message(&e));
                failed = true;
            } else {
                add_listing(c, top, &out);
            }
            sb_fini(&out);
            sb_fini(&e);
        }
        free(range);
    }
    for (int k = 0; k < ntops; k++)
        free(tops[k]);
    free(tops);
    if (failed) {
        changed_files_free(c);
        return NULL;
    }
    if (c->n > 1)
        qsort(c->paths, (size_t)c->n, sizeof *c->paths, cmp_path);
    return c;
}

bool changed_files_has(const ChangedFiles *c, const char *file)
{
    char real[PATH_MAX];
    if (c->n == 0 || !file || !realpath(file, real))
        return false;
    const char *key = real;
    return bsearch(&key, c->paths, (size_t)c->n, sizeof *c->paths, cmp_path) != NULL;
}

void changed_files_free(ChangedFiles *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->n; i++)
        free(c->paths[i]);
    free(c->paths);
    free(c);
}
