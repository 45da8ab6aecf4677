// The allocation recorder that `allocviz trace` preloads (LD_PRELOAD) into a program.
//
// Every exported allocation function calls the C library's definition (found with
// dlsym(RTLD_NEXT, ...)) and, in the traced process, appends one line to the trace:
//
//   a ID SIZE        malloc(SIZE), realloc(NULL, SIZE)
//   c ID SIZE        calloc(N, M) with SIZE = N * M
//   m ID SIZE ALIGN  posix_memalign, aligned_alloc, memalign, valloc (ALIGN = the page size)
//   r ID SIZE        realloc / reallocarray of a live block (the id keeps naming the block
//                    even when it moves)
//   f ID             free(p) of a live block, realloc(p, 0) when it frees and returns NULL
//
// Ids are 0, 1, 2, ... in the order the blocks are allocated. free(NULL), failed requests and
// blocks allocated before tracing started (by the dynamic loader, or by an untraced process)
// are not written: a free or realloc of a pointer the table does not know writes nothing (a
// realloc of one writes `a` for the new block).
//
// Rules the hooks follow:
// - No allocation inside a hook: lines are formatted into a fixed 64 KiB buffer and written
//   with write(2) when it fills; pointer-to-id mapping is an open-addressing hash table in
//   mmap'd memory, grown by mmap.
// - One order for all threads: one mutex is held around "call the C library + update the
//   table + append the line", so the trace's order is an order in which the calls happened
//   (a freed address cannot be handed out again before its `f` line is written).
// - Re-entrancy: a per-thread flag marks "inside a hook"; a nested call (dlsym allocating, the
//   C library calling malloc, a signal handler) goes straight to the C library, unrecorded.
//   Before the C library's functions are resolved, nested calls are served from a static
//   bootstrap buffer; frees of bootstrap memory are ignored.
// - errno is what the C library left: it is saved after the real call and restored on return.
//
// Which process is traced: the environment names the trace (ALLOCVIZ_TRACE_FILE) and the
// process id of `allocviz` (ALLOCVIZ_TRACE_PARENT). Only a process whose parent is that
// process is traced: the command allocviz started. Its exec'd children inherit the preload
// but are not traced (their parent is the traced command); a fork child is not traced either
// (pthread_atfork turns recording off in the child and drops its copy of the buffer). If the
// traced process replaces itself with exec (same pid: a shell's `exec`, `env`, a wrapper
// script such as a version manager's shim), the old image flushes its lines in the exec
// functions and the new image goes on with the same trace: it reads the body file of its pid,
// continues the ids and writes `f` for every block the old image left live (exec released it).
//
// Output: lines go to FILE.PID.body while the program runs; at exit (a library destructor)
// the library writes FILE.PID.tmp = an optional `# allocviz trace of: CMD` comment, the header
// (number of ids, number of operations, one a line) and the body, renames it to FILE and
// removes the body. A process that ends without running destructors (_exit, a signal, exec)
// leaves FILE.PID.body with every line written so far except the last unflushed buffer;
// `allocviz trace` finishes such a trace itself.

#define _GNU_SOURCE
#include "AllocTrace.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

// MARK: - The C library's functions

typedef void *(*malloc_function)(size_t);
typedef void *(*calloc_function)(size_t, size_t);
typedef void *(*realloc_function)(void *, size_t);
typedef void *(*reallocarray_function)(void *, size_t, size_t);
typedef void (*free_function)(void *);
typedef int (*posix_memalign_function)(void **, size_t, size_t);
typedef void *(*aligned_alloc_function)(size_t, size_t);
typedef void *(*memalign_function)(size_t, size_t);
typedef void *(*valloc_function)(size_t);
typedef void (*exit_function)(int);
typedef int (*execve_function)(const char *, char *const[], char *const[]);
typedef int (*execvp_function)(const char *, char *const[]);
typedef int (*execvpe_function)(const char *, char *const[], char *const[]);

static struct {
    malloc_function malloc;
    calloc_function calloc;
    realloc_function realloc;
    reallocarray_function reallocarray;
    free_function free;
    posix_memalign_function posix_memalign;
    aligned_alloc_function aligned_alloc;
    memalign_function memalign;
    valloc_function valloc;
    exit_function _exit;
    exit_function _Exit;
    execve_function execve;
    execvp_function execv;
    execvp_function execvp;
    execvpe_function execvpe;
} real;

/// 0 until every function of `real` is resolved, then 1.
static int resolved;
static pthread_mutex_t resolve_lock = PTHREAD_MUTEX_INITIALIZER;

/// Set while this thread is inside a hook: nested calls go straight to the C library.
static __thread int in_hook __attribute__((tls_model("initial-exec")));

// MARK: - Bootstrap memory (for dlsym's own allocations before `real` is known)

#define BOOTSTRAP_BYTES (256 * 1024)
static _Alignas(64) unsigned char bootstrap[BOOTSTRAP_BYTES];
static size_t bootstrap_used;

static int is_bootstrap(const void *pointer) {
    const unsigned char *p = pointer;
    return p >= bootstrap && p < bootstrap + BOOTSTRAP_BYTES;
}

/// Bump allocation from the static buffer; each block is preceded by its size (16 bytes, so
/// realloc can copy it out). The buffer is zero and never reused, so it also serves calloc.
static void *bootstrap_allocate(size_t size, size_t alignment) {
    if (alignment < 16) alignment = 16;
    size_t old = __atomic_load_n(&bootstrap_used, __ATOMIC_RELAXED);
    for (;;) {
        size_t start = (old + 16 + alignment - 1) & ~(alignment - 1);
        if (size > BOOTSTRAP_BYTES || start > BOOTSTRAP_BYTES - size) return NULL;
        size_t end = start + size;
        if (__atomic_compare_exchange_n(&bootstrap_used, &old, end, 0, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
            *(size_t *)(bootstrap + start - 16) = size;
            return bootstrap + start;
        }
    }
}

static size_t bootstrap_size(const void *pointer) {
    return *(const size_t *)((const unsigned char *)pointer - 16);
}

static void resolve_now(void) {
    pthread_mutex_lock(&resolve_lock);
    if (!__atomic_load_n(&resolved, __ATOMIC_ACQUIRE)) {
        int was_in_hook = in_hook;
        in_hook = 1;  // dlsym may allocate: those calls use the bootstrap buffer
        real.malloc = (malloc_function)dlsym(RTLD_NEXT, "malloc");
        real.calloc = (calloc_function)dlsym(RTLD_NEXT, "calloc");
        real.realloc = (realloc_function)dlsym(RTLD_NEXT, "realloc");
        real.reallocarray = (reallocarray_function)dlsym(RTLD_NEXT, "reallocarray");
        real.free = (free_function)dlsym(RTLD_NEXT, "free");
        real.posix_memalign = (posix_memalign_function)dlsym(RTLD_NEXT, "posix_memalign");
        real.aligned_alloc = (aligned_alloc_function)dlsym(RTLD_NEXT, "aligned_alloc");
        real.memalign = (memalign_function)dlsym(RTLD_NEXT, "memalign");
        real.valloc = (valloc_function)dlsym(RTLD_NEXT, "valloc");
        real._exit = (exit_function)dlsym(RTLD_NEXT, "_exit");
        real._Exit = (exit_function)dlsym(RTLD_NEXT, "_Exit");
        real.execve = (execve_function)dlsym(RTLD_NEXT, "execve");
        real.execv = (execvp_function)dlsym(RTLD_NEXT, "execv");
        real.execvp = (execvp_function)dlsym(RTLD_NEXT, "execvp");
        real.execvpe = (execvpe_function)dlsym(RTLD_NEXT, "execvpe");
        in_hook = was_in_hook;
        __atomic_store_n(&resolved, 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&resolve_lock);
}

static inline void resolve(void) {
    if (!__atomic_load_n(&resolved, __ATOMIC_ACQUIRE)) resolve_now();
}

// MARK: - Tracing state

/// 1 while this process records; read without the lock as a fast path, re-checked under it.
static int tracing;
static pthread_mutex_t trace_lock = PTHREAD_MUTEX_INITIALIZER;
static pid_t owner_pid;
static int body_descriptor = -1;
static char final_path[PATH_MAX];
static char body_path[PATH_MAX + 32];
static char command_text[2048];
static size_t page_size = 4096;
static uint64_t next_id;
static uint64_t operation_count;

static inline int is_tracing(void) { return __atomic_load_n(&tracing, __ATOMIC_ACQUIRE); }

// MARK: - Output buffer

static char output[64 * 1024];
static size_t output_used;

static int write_all(int descriptor, const char *bytes, size_t count) {
    while (count > 0) {
        ssize_t written = write(descriptor, bytes, count);
        if (written < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        bytes += written;
        count -= (size_t)written;
    }
    return 0;
}

/// Writes the buffer to the body file. A write error stops tracing (the program goes on).
static void flush_output(void) {
    if (output_used == 0) return;
    if (write_all(body_descriptor, output, output_used) != 0) __atomic_store_n(&tracing, 0, __ATOMIC_RELEASE);
    output_used = 0;
}

static void append_char(char c) { output[output_used++] = c; }

static void append_number(uint64_t value) {
    char digits[20];
    int count = 0;
    do {
        digits[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (count > 0) append_char(digits[--count]);
}

/// Appends `OP ID[ SIZE[ ALIGN]]\n` (fields < 0 are left out by `fields`).
static void append_line(char op, uint64_t id, int fields, size_t size, size_t alignment) {
    if (output_used > sizeof output - 80) flush_output();
    append_char(op);
    append_char(' ');
    append_number(id);
    if (fields >= 1) {
        append_char(' ');
        append_number(size);
    }
    if (fields >= 2) {
        append_char(' ');
        append_number(alignment);
    }
    append_char('\n');
    operation_count += 1;
}

// MARK: - Pointer to id: open addressing with linear probing, in mmap'd memory

typedef struct {
    uintptr_t key;  // 0 = empty
    uint64_t id;
} Slot;

static Slot *table;
static size_t table_capacity;  // a power of two
static size_t table_count;

static size_t slot_of(uintptr_t key) {
    uint64_t x = key;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return (size_t)x & (table_capacity - 1);
}

static Slot *map_slots(size_t capacity) {
    void *memory = mmap(NULL, capacity * sizeof(Slot), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return memory == MAP_FAILED ? NULL : memory;
}

static void place(Slot *slots, size_t capacity, uintptr_t key, uint64_t id) {
    size_t i = slot_of(key);
    while (slots[i].key != 0) i = (i + 1) & (capacity - 1);
    slots[i].key = key;
    slots[i].id = id;
}

/// Doubles the table when it is half full. False (and tracing stops) when mmap fails.
static int reserve_one(void) {
    if ((table_count + 1) * 2 <= table_capacity) return 1;
    size_t capacity = table_capacity * 2;
    Slot *slots = map_slots(capacity);
    if (slots == NULL) {
        __atomic_store_n(&tracing, 0, __ATOMIC_RELEASE);
        return 0;
    }
    Slot *old = table;
    size_t old_capacity = table_capacity;
    table = slots;
    table_capacity = capacity;
    for (size_t i = 0; i < old_capacity; i++)
        if (old[i].key != 0) place(table, capacity, old[i].key, old[i].id);
    munmap(old, old_capacity * sizeof(Slot));
    return 1;
}

/// The slot holding `key`, or -1.
static long find_slot(uintptr_t key) {
    size_t i = slot_of(key);
    while (table[i].key != 0) {
        if (table[i].key == key) return (long)i;
        i = (i + 1) & (table_capacity - 1);
    }
    return -1;
}

/// Empties slot `hole`, shifting later entries of its probe run back (no tombstones).
static void remove_slot(size_t hole) {
    size_t mask = table_capacity - 1;
    size_t i = hole;
    for (;;) {
        i = (i + 1) & mask;
        if (table[i].key == 0) break;
        size_t home = slot_of(table[i].key);
        // Move the entry at i into the hole if its home is not in (hole, i] cyclically.
        int stays = hole <= i ? (home > hole && home <= i) : (home > hole || home <= i);
        if (!stays) {
            table[hole] = table[i];
            hole = i;
        }
    }
    table[hole].key = 0;
    table_count -= 1;
}

// MARK: - Recording (called with trace_lock held)

static void record_new(char op, void *pointer, int fields, size_t size, size_t alignment) {
    if (!is_tracing() || !reserve_one()) return;
    uint64_t id = next_id++;
    place(table, table_capacity, (uintptr_t)pointer, id);
    table_count += 1;
    append_line(op, id, fields, size, alignment);
}

static void record_free(void *pointer) {
    if (!is_tracing()) return;
    long slot = find_slot((uintptr_t)pointer);
    if (slot < 0) return;
    uint64_t id = table[slot].id;
    remove_slot((size_t)slot);
    append_line('f', id, 0, 0, 0);
}

/// realloc(old, size) returned `result`.
static void record_realloc(void *old, size_t size, void *result) {
    if (!is_tracing()) return;
    if (old == NULL) {
        if (result != NULL) record_new('a', result, 1, size, 0);
        return;
    }
    if (result == NULL) {
        if (size == 0) record_free(old);  // freed; otherwise it failed and the block is unchanged
        return;
    }
    long slot = find_slot((uintptr_t)old);
    if (slot < 0) {
        record_new('a', result, 1, size, 0);
        return;
    }
    uint64_t id = table[slot].id;
    if (result != old) {
        remove_slot((size_t)slot);
        place(table, table_capacity, (uintptr_t)result, id);
        table_count += 1;
    }
    append_line('r', id, 1, size, 0);
}

/// Enters a recorded call: marks the thread and takes the lock.
static inline void enter(void) {
    in_hook = 1;
    pthread_mutex_lock(&trace_lock);
}

static inline void leave(int saved_errno) {
    pthread_mutex_unlock(&trace_lock);
    in_hook = 0;
    errno = saved_errno;
}

// MARK: - The hooks

void *malloc(size_t size) {
    if (in_hook) return resolved ? real.malloc(size) : bootstrap_allocate(size, 16);
    resolve();
    if (!is_tracing()) return real.malloc(size);
    enter();
    void *result = real.malloc(size);
    int saved = errno;
    if (result != NULL) record_new('a', result, 1, size, 0);
    leave(saved);
    return result;
}

void *calloc(size_t count, size_t size) {
    if (in_hook) {
        if (resolved) return real.calloc(count, size);
        size_t total;
        return __builtin_mul_overflow(count, size, &total) ? NULL : bootstrap_allocate(total, 16);
    }
    resolve();
    if (!is_tracing()) return real.calloc(count, size);
    enter();
    void *result = real.calloc(count, size);
    int saved = errno;
    if (result != NULL) record_new('c', result, 1, count * size, 0);
    leave(saved);
    return result;
}

void free(void *pointer) {
    if (pointer == NULL || is_bootstrap(pointer)) return;
    if (in_hook) {
        if (resolved) real.free(pointer);
        return;
    }
    resolve();
    if (!is_tracing()) {
        real.free(pointer);
        return;
    }
    int saved = errno;
    enter();
    record_free(pointer);
    real.free(pointer);
    leave(saved);
}

/// realloc of a block from the bootstrap buffer: a new block (through malloc) with the bytes copied.
static void *move_out_of_bootstrap(void *pointer, size_t size) {
    void *result = malloc(size == 0 ? 1 : size);
    if (result != NULL) {
        size_t old = bootstrap_size(pointer);
        memcpy(result, pointer, old < size ? old : size);
    }
    return result;
}

void *realloc(void *pointer, size_t size) {
    if (pointer != NULL && is_bootstrap(pointer)) return move_out_of_bootstrap(pointer, size);
    if (in_hook) return resolved ? real.realloc(pointer, size) : (pointer == NULL ? bootstrap_allocate(size, 16) : NULL);
    resolve();
    if (!is_tracing()) return real.realloc(pointer, size);
    enter();
    void *result = real.realloc(pointer, size);
    int saved = errno;
    record_realloc(pointer, size, result);
    leave(saved);
    return result;
}

void *reallocarray(void *pointer, size_t count, size_t size) {
    size_t total;
    int overflow = __builtin_mul_overflow(count, size, &total);
    if (pointer != NULL && is_bootstrap(pointer)) {
        if (overflow) {
            errno = ENOMEM;
            return NULL;
        }
        return move_out_of_bootstrap(pointer, total);
    }
    if (in_hook && !resolved) return (pointer == NULL && !overflow) ? bootstrap_allocate(total, 16) : NULL;
    resolve();
    if (in_hook || !is_tracing()) return real.reallocarray(pointer, count, size);
    enter();
    void *result = real.reallocarray(pointer, count, size);
    int saved = errno;
    if (!overflow) record_realloc(pointer, total, result);
    leave(saved);
    return result;
}

int posix_memalign(void **out, size_t alignment, size_t size) {
    if (in_hook) {
        if (resolved) return real.posix_memalign(out, alignment, size);
        void *result = bootstrap_allocate(size, alignment);
        if (result == NULL) return ENOMEM;
        *out = result;
        return 0;
    }
    resolve();
    if (!is_tracing()) return real.posix_memalign(out, alignment, size);
    enter();
    int status = real.posix_memalign(out, alignment, size);
    int saved = errno;
    if (status == 0) record_new('m', *out, 2, size, alignment);
    leave(saved);
    return status;
}

void *aligned_alloc(size_t alignment, size_t size) {
    if (in_hook) return resolved ? real.aligned_alloc(alignment, size) : bootstrap_allocate(size, alignment);
    resolve();
    if (!is_tracing()) return real.aligned_alloc(alignment, size);
    enter();
    void *result = real.aligned_alloc(alignment, size);
    int saved = errno;
    if (result != NULL) record_new('m', result, 2, size, alignment);
    leave(saved);
    return result;
}

void *memalign(size_t alignment, size_t size) {
    if (in_hook) return resolved ? real.memalign(alignment, size) : bootstrap_allocate(size, alignment);
    resolve();
    if (!is_tracing()) return real.memalign(alignment, size);
    enter();
    void *result = real.memalign(alignment, size);
    int saved = errno;
    if (result != NULL) record_new('m', result, 2, size, alignment);
    leave(saved);
    return result;
}

void *valloc(size_t size) {
    if (in_hook) return resolved ? real.valloc(size) : bootstrap_allocate(size, 4096);
    resolve();
    if (!is_tracing()) return real.valloc(size);
    enter();
    void *result = real.valloc(size);
    int saved = errno;
    if (result != NULL) record_new('m', result, 2, size, page_size);
    leave(saved);
    return result;
}

// MARK: - Leaving without exit: _exit, _Exit, exec

/// Writes the buffered lines to the body file (the process is about to end or be replaced
/// without running destructors; `allocviz trace` finishes the trace from the body).
static void flush_for_departure(void) {
    if (in_hook || !is_tracing() || getpid() != owner_pid) return;
    int saved = errno;
    enter();
    if (is_tracing()) flush_output();
    leave(saved);
}

__attribute__((noreturn)) void _exit(int status) {
    resolve();
    flush_for_departure();
    real._exit(status);
    __builtin_unreachable();
}

__attribute__((noreturn)) void _Exit(int status) {
    resolve();
    flush_for_departure();
    real._Exit(status);
    __builtin_unreachable();
}

int execve(const char *path, char *const argv[], char *const envp[]) {
    resolve();
    flush_for_departure();
    return real.execve(path, argv, envp);
}

int execv(const char *path, char *const argv[]) {
    resolve();
    flush_for_departure();
    return real.execv(path, argv);
}

int execvp(const char *file, char *const argv[]) {
    resolve();
    flush_for_departure();
    return real.execvp(file, argv);
}

int execvpe(const char *file, char *const argv[], char *const envp[]) {
    resolve();
    flush_for_departure();
    return real.execvpe(file, argv, envp);
}

// MARK: - The Swift runtime hooks of the linker's startup object

// SwiftPM links every product with the Swift runtime's image-registration object, whose
// constructor calls these two functions. Defined here (hidden), they bind inside this library,
// so its start-up never calls into the Swift runtime (which would allocate in the traced
// program); the library has no Swift metadata to register.
struct swift_metadata_sections;
__attribute__((visibility("hidden"))) void swift_addNewDSOImage(struct swift_metadata_sections *sections) { (void)sections; }
__attribute__((visibility("hidden"))) int _swift_backtrace_isThunkFunction(const char *name) {
    (void)name;
    return 0;
}

// MARK: - Start, fork, exit

static void before_fork(void) { pthread_mutex_lock(&trace_lock); }
static void after_fork_in_parent(void) { pthread_mutex_unlock(&trace_lock); }

/// The child is not traced: its copy of the buffer belongs to the parent's trace.
static void after_fork_in_child(void) {
    if (getpid() != owner_pid) {
        __atomic_store_n(&tracing, 0, __ATOMIC_RELEASE);
        output_used = 0;
        if (body_descriptor >= 0) close(body_descriptor);
        body_descriptor = -1;
    }
    pthread_mutex_unlock(&trace_lock);
}

/// Copies `text` into `buffer` (capacity bytes); false when it does not fit.
static int copy_text(char *buffer, size_t capacity, const char *text) {
    size_t length = strlen(text);
    if (length >= capacity) return 0;
    memcpy(buffer, text, length + 1);
    return 1;
}

/// Appends the decimal `value` to the NUL-terminated `buffer`.
static void append_decimal(char *buffer, uint64_t value) {
    char digits[24];
    int count = 0;
    do {
        digits[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value != 0);
    size_t length = strlen(buffer);
    while (count > 0) buffer[length++] = digits[--count];
    buffer[length] = 0;
}

/// Calls `visit(line, length)` for every line of the body file (a line is at most 80 bytes).
static int scan_body(void (*visit)(const char *, size_t)) {
    if (lseek(body_descriptor, 0, SEEK_SET) != 0) return 0;
    char line[128];
    size_t length = 0;
    for (;;) {
        ssize_t count = read(body_descriptor, output, sizeof output);
        if (count < 0 && errno == EINTR) continue;
        if (count < 0) return 0;
        if (count == 0) break;
        for (ssize_t i = 0; i < count; i++) {
            if (output[i] == '\n') {
                visit(line, length);
                length = 0;
            } else if (length < sizeof line) {
                line[length++] = output[i];
            }
        }
    }
    return 1;
}

/// The id of an operation line (`a 12 100` -> 12).
static uint64_t id_of(const char *line, size_t length) {
    uint64_t id = 0;
    for (size_t i = 2; i < length && line[i] >= '0' && line[i] <= '9'; i++) id = id * 10 + (uint64_t)(line[i] - '0');
    return id;
}

static int is_allocation_line(const char *line, size_t length) {
    return length > 2 && (line[0] == 'a' || line[0] == 'c' || line[0] == 'm');
}

static uint64_t *live_bits;

static void count_line(const char *line, size_t length) {
    if (length == 0 || line[0] == '#') return;
    operation_count += 1;
    if (is_allocation_line(line, length)) next_id += 1;
}

static void mark_line(const char *line, size_t length) {
    if (length < 3 || line[0] == '#') return;
    uint64_t id = id_of(line, length);
    if (id >= next_id) return;
    if (is_allocation_line(line, length)) live_bits[id / 64] |= 1ULL << (id % 64);
    if (line[0] == 'f') live_bits[id / 64] &= ~(1ULL << (id % 64));
}

/// After exec, the body holds the trace of the image this one replaced. Ids and operations go
/// on from its counts, and its blocks still live went away with it: a comment line and an
/// `f` line for each. False when the body cannot be read.
static int continue_after_exec(void) {
    off_t size = lseek(body_descriptor, 0, SEEK_END);
    if (size <= 0) return size == 0;
    if (!scan_body(count_line)) return 0;
    size_t words = (size_t)(next_id / 64 + 1);
    void *bits = mmap(NULL, words * sizeof(uint64_t), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (bits == MAP_FAILED) return 0;
    live_bits = bits;
    int ok = scan_body(mark_line);
    output_used = 0;
    if (ok) {
        const char *note = "# exec: the blocks still live are freed\n";
        for (const char *c = note; *c; c++) append_char(*c);
        for (uint64_t id = 0; id < next_id; id++)
            if (live_bits[id / 64] & (1ULL << (id % 64))) append_line('f', id, 0, 0, 0);
    }
    munmap(bits, words * sizeof(uint64_t));
    live_bits = NULL;
    return ok;
}

__attribute__((constructor)) static void start_tracing(void) {
    resolve();
    const char *file = getenv("ALLOCVIZ_TRACE_FILE");
    if (file == NULL || *file == 0) return;
    const char *parent = getenv("ALLOCVIZ_TRACE_PARENT");
    if (parent != NULL && *parent != 0) {
        long expected = strtol(parent, NULL, 10);
        if ((long)getppid() != expected) return;
    }
    if (!copy_text(final_path, sizeof final_path, file)) return;
    owner_pid = getpid();
    copy_text(body_path, sizeof body_path, file);
    strcat(body_path, ".");
    append_decimal(body_path, (uint64_t)owner_pid);
    strcat(body_path, ".body");
    const char *command = getenv("ALLOCVIZ_TRACE_COMMAND");
    if (command == NULL || !copy_text(command_text, sizeof command_text, command)) command_text[0] = 0;
    for (char *c = command_text; *c; c++)
        if (*c == '\n' || *c == '\r') *c = ' ';
    long page = sysconf(_SC_PAGESIZE);
    if (page > 0) page_size = (size_t)page;
    // An existing body file of this pid was written by the image this one replaced (exec):
    // the trace goes on from it.
    body_descriptor = open(body_path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (body_descriptor < 0) return;
    table_capacity = 1 << 16;
    table = map_slots(table_capacity);
    if (table == NULL || !continue_after_exec()) {
        close(body_descriptor);
        return;
    }
    in_hook = 1;  // pthread_atfork may allocate
    pthread_atfork(before_fork, after_fork_in_parent, after_fork_in_child);
    in_hook = 0;
    __atomic_store_n(&tracing, 1, __ATOMIC_RELEASE);
}

/// Writes FILE.PID.tmp = comment + header + body, renames it to FILE, removes the body.
/// On a write error the body stays for `allocviz trace` to report.
static void finish_trace(void) {
    char temporary[PATH_MAX + 32];
    copy_text(temporary, sizeof temporary, final_path);
    strcat(temporary, ".");
    append_decimal(temporary, (uint64_t)owner_pid);
    strcat(temporary, ".tmp");
    int descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (descriptor < 0) return;
    output_used = 0;
    if (command_text[0] != 0) {
        const char *prefix = "# allocviz trace of: ";
        for (const char *c = prefix; *c; c++) append_char(*c);
        for (const char *c = command_text; *c && output_used < sizeof output - 64; c++) append_char(*c);
        append_char('\n');
    }
    append_number(next_id);
    append_char('\n');
    append_number(operation_count);
    append_char('\n');
    int ok = write_all(descriptor, output, output_used) == 0 && lseek(body_descriptor, 0, SEEK_SET) == 0;
    output_used = 0;
    while (ok) {
        ssize_t count = read(body_descriptor, output, sizeof output);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) {
            ok = count == 0;
            break;
        }
        ok = write_all(descriptor, output, (size_t)count) == 0;
    }
    ok = close(descriptor) == 0 && ok;
    if (ok && rename(temporary, final_path) == 0) {
        unlink(body_path);
    } else {
        unlink(temporary);
    }
}

__attribute__((destructor)) static void stop_tracing(void) {
    if (!is_tracing() || getpid() != owner_pid) return;
    int saved = errno;
    in_hook = 1;
    pthread_mutex_lock(&trace_lock);
    flush_output();
    int complete = is_tracing();  // false when a write failed
    __atomic_store_n(&tracing, 0, __ATOMIC_RELEASE);
    if (complete) finish_trace();
    close(body_descriptor);
    body_descriptor = -1;
    pthread_mutex_unlock(&trace_lock);
    in_hook = 0;
    errno = saved;
}
