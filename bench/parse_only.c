/* parse_only.c - the benchmark's baseline: tree-sitter parsing alone of the
 * files listed on standard input, on N threads (argv[1]), with the same
 * grammars and wrapper dbaudit uses (src/source/ts.c), and nothing else.
 * Prints "files bytes seconds". */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "source/ts.h"

static char **paths;
static int npaths, next;
static long long bytes;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *work(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&lock);
        int i = next < npaths ? next++ : -1;
        pthread_mutex_unlock(&lock);
        if (i < 0)
            return NULL;
        FILE *f = fopen(paths[i], "rb");
        if (!f)
            continue;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        char *buf = malloc((size_t)n + 1);
        size_t got = fread(buf, 1, (size_t)n, f);
        fclose(f);
        TsDoc d;
        const char *err;
        if (ts_parse(&d, ts_lang_for_path(paths[i]), paths[i], buf, got, &err))
            ts_doc_free(&d);
        free(buf);
        pthread_mutex_lock(&lock);
        bytes += (long long)got;
        pthread_mutex_unlock(&lock);
    }
}

int main(int argc, char **argv)
{
    int threads = argc > 1 ? atoi(argv[1]) : 1;
    char line[4096];
    int cap = 0;
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (npaths == cap)
            paths = realloc(paths, sizeof *paths * (size_t)(cap = cap ? cap * 2 : 1024));
        paths[npaths++] = strdup(line);
    }
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    pthread_t th[64];
    for (int i = 0; i < threads && i < 64; i++)
        pthread_create(&th[i], NULL, work, NULL);
    for (int i = 0; i < threads && i < 64; i++)
        pthread_join(th[i], NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%d %lld %.3f\n", npaths, bytes, (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9);
    return 0;
}
