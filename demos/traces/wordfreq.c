// wordfreq: counts the words of a fixed text and prints the five most frequent.
// Its allocations are what `allocviz trace` recorded in wordfreq.rep, beside this file:
//
//   clang -O0 -o /tmp/wordfreq demos/traces/wordfreq.c
//   allocviz trace -o demos/traces/wordfreq.rep -- /tmp/wordfreq
//
// (a test records it again and compares the operations with wordfreq.rep).
//
// A chained hash table (calloc'd buckets, doubled with a rehash as it fills), one malloc'd
// node and one strdup'd word per distinct word, a realloc'd array of the nodes for sorting,
// and everything freed at the end.

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *text =
    "It was the best of times, it was the worst of times, it was the age of wisdom, "
    "it was the age of foolishness, it was the epoch of belief, it was the epoch of "
    "incredulity, it was the season of Light, it was the season of Darkness, it was the "
    "spring of hope, it was the winter of despair, we had everything before us, we had "
    "nothing before us, we were all going direct to Heaven, we were all going direct the "
    "other way - in short, the period was so far like the present period, that some of "
    "its noisiest authorities insisted on its being received, for good or for evil, in "
    "the superlative degree of comparison only.";

typedef struct Node {
    char *word;
    int count;
    struct Node *next;
} Node;

static Node **buckets;
static size_t bucket_count = 4;
static size_t word_count;

static size_t hash(const char *word) {
    size_t h = 5381;
    while (*word) h = h * 33 + (unsigned char)*word++;
    return h;
}

static void grow(void) {
    size_t count = bucket_count * 2;
    Node **fresh = calloc(count, sizeof *fresh);
    for (size_t i = 0; i < bucket_count; i++) {
        for (Node *node = buckets[i], *next; node; node = next) {
            next = node->next;
            size_t slot = hash(node->word) % count;
            node->next = fresh[slot];
            fresh[slot] = node;
        }
    }
    free(buckets);
    buckets = fresh;
    bucket_count = count;
}

static void add(const char *word) {
    size_t slot = hash(word) % bucket_count;
    for (Node *node = buckets[slot]; node; node = node->next) {
        if (strcmp(node->word, word) == 0) {
            node->count += 1;
            return;
        }
    }
    Node *node = malloc(sizeof *node);
    node->word = strdup(word);
    node->count = 1;
    node->next = buckets[slot];
    buckets[slot] = node;
    word_count += 1;
    if (word_count > bucket_count) grow();
}

static int by_count(const void *a, const void *b) {
    const Node *x = *(Node *const *)a, *y = *(Node *const *)b;
    if (x->count != y->count) return y->count - x->count;
    return strcmp(x->word, y->word);
}

int main(void) {
    // A static stdout buffer: the C library would otherwise malloc one whose size depends on
    // where the output goes (a terminal or a file), and the trace would too.
    static char output_buffer[4096];
    setvbuf(stdout, output_buffer, _IOFBF, sizeof output_buffer);
    buckets = calloc(bucket_count, sizeof *buckets);
    char word[64];
    size_t length = 0;
    for (const char *c = text;; c++) {
        if (isalpha((unsigned char)*c)) {
            if (length < sizeof word - 1) word[length++] = (char)tolower((unsigned char)*c);
        } else if (length > 0) {
            word[length] = 0;
            add(word);
            length = 0;
        }
        if (*c == 0) break;
    }
    Node **sorted = NULL;
    size_t sorted_count = 0, sorted_capacity = 0;
    for (size_t i = 0; i < bucket_count; i++) {
        for (Node *node = buckets[i]; node; node = node->next) {
            if (sorted_count == sorted_capacity) {
                sorted_capacity = sorted_capacity ? sorted_capacity * 2 : 4;
                sorted = realloc(sorted, sorted_capacity * sizeof *sorted);
            }
            sorted[sorted_count++] = node;
        }
    }
    qsort(sorted, sorted_count, sizeof *sorted, by_count);
    for (size_t i = 0; i < 5 && i < sorted_count; i++) printf("%3d %s\n", sorted[i]->count, sorted[i]->word);
    printf("%zu distinct words\n", sorted_count);
    for (size_t i = 0; i < sorted_count; i++) {
        free(sorted[i]->word);
        free(sorted[i]);
    }
    free(sorted);
    free(buckets);
    return 0;
}
