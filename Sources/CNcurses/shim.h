#ifndef ALLOCVIZ_CNCURSES_SHIM_H
#define ALLOCVIZ_CNCURSES_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <errno.h>
#include <string.h>
#include <poll.h>
#include <ncursesw/curses.h>

/* Macros and mutable globals do not import into Swift 6: wrap them. */
static inline WINDOW *av_stdscr(void) { return stdscr; }
static inline int av_lines(void) { return LINES; }
static inline int av_cols(void) { return COLS; }
static inline int av_colors(void) { return COLORS; }
static inline int av_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t av_a_bold(void) { return A_BOLD; }
static inline attr_t av_a_reverse(void) { return A_REVERSE; }
static inline attr_t av_a_dim(void) { return A_DIM; }
static inline attr_t av_a_underline(void) { return A_UNDERLINE; }
static inline attr_t av_a_normal(void) { return A_NORMAL; }
static inline int av_key_resize(void) { return KEY_RESIZE; }
static inline int av_key_mouse(void) { return KEY_MOUSE; }
static inline int av_key_f(int n) { return KEY_F(n); }

/* A string capability of the current terminal (tigetstr), or NULL when it has none. */
static inline const char *av_capability(const char *name) {
    char *value = tigetstr(name);
    return (value == NULL || value == (char *)-1) ? NULL : value;
}

/* Writes bytes straight to the terminal (after ncurses flushed its own output). */
static inline void av_write_terminal(const char *bytes) {
    size_t length = strlen(bytes);
    while (length > 0) {
        ssize_t n = write(STDOUT_FILENO, bytes, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        bytes += n;
        length -= (size_t)n;
    }
}

/* Starts curses on the process's own terminal like initscr, but returns NULL
 * (instead of exiting) when the terminal type is unknown. */
static inline SCREEN *av_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }

/* Draws one cell: a wide character with attributes and a colour pair. */
static inline int av_put_cell(int y, int x, wchar_t ch, attr_t attrs, short pair) {
    wchar_t text[2] = { ch, L'\0' };
    cchar_t cell;
    if (setcchar(&cell, text, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cell);
}

/* Reads one character: returns OK, KEY_CODE_YES or ERR like get_wch. */
static inline int av_get_wch(wint_t *out) { return get_wch(out); }

/* ---- Terminal restoration from signal handlers ----
 * The saved termios and the escape sequences below restore a usable terminal
 * from any context, including a crash signal, without calling into ncurses
 * (which may be the code that crashed). Only async-signal-safe calls. */
typedef struct {
    struct termios saved_termios;
    volatile sig_atomic_t have_saved_termios;
    volatile sig_atomic_t screen_active;
    volatile sig_atomic_t pending_signal;
    volatile sig_atomic_t resumed;
    volatile sig_atomic_t suspend_requested;
    /* What puts the terminal back, from its terminfo entry: set by av_set_restore_sequence. */
    char restore[512];
    volatile sig_atomic_t restore_length;
} av_terminal_state;

/* The one state record (a function-local static: header-level statics are not
 * emitted by the Swift importer). */
static inline av_terminal_state *av_state(void) {
    static av_terminal_state state;
    return &state;
}

static inline void av_save_terminal_state(void) {
    if (tcgetattr(STDIN_FILENO, &av_state()->saved_termios) == 0) av_state()->have_saved_termios = 1;
}

static inline void av_set_screen_active(int active) { av_state()->screen_active = active; }

/* Sets the bytes av_emergency_restore writes (attributes off, mouse off, keypad and cursor
 * back, alternate screen left or screen cleared); longer sequences are cut. */
static inline void av_set_restore_sequence(const char *bytes) {
    av_terminal_state *state = av_state();
    state->restore_length = 0;
    size_t length = strlen(bytes);
    if (length > sizeof state->restore) length = sizeof state->restore;
    memcpy(state->restore, bytes, length);
    state->restore_length = (sig_atomic_t)length;
}

static inline void av_emergency_restore(void) {
    av_terminal_state *state = av_state();
    if (!state->screen_active) return;
    state->screen_active = 0;
    if (state->have_saved_termios) tcsetattr(STDIN_FILENO, TCSANOW, &state->saved_termios);
    if (state->restore_length > 0) {
        ssize_t ignored = write(STDOUT_FILENO, state->restore, (size_t)state->restore_length);
        (void)ignored;
    } else {
        /* No terminfo-derived sequence yet: xterm's. */
        static const char seq[] = "\033[0m\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[?25h\033[?1049l";
        ssize_t ignored = write(STDOUT_FILENO, seq, sizeof seq - 1);
        (void)ignored;
    }
}

static void av_crash_handler(int sig) {
    av_emergency_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void av_quit_handler(int sig) { av_state()->pending_signal = sig; }

/* Suspend (Ctrl-Z, SIGTSTP): while a screen is up, ask the event loop to leave curses
 * mode and stop (av_stop_self); otherwise stop at once. SIGSTOP, unlike SIGTSTP, also
 * stops an orphaned process group. */
static void av_suspend_handler(int sig) {
    (void)sig;
    if (av_state()->screen_active) {
        av_state()->suspend_requested = 1;
    } else {
        raise(SIGSTOP);
    }
}

/* Stops the process (as Ctrl-Z does); returns when it is continued. */
static inline void av_stop_self(void) { raise(SIGSTOP); }

/* Whether Ctrl-Z asked the loop to suspend since the last call. */
static inline int av_take_suspend_request(void) {
    int requested = av_state()->suspend_requested;
    av_state()->suspend_requested = 0;
    return requested;
}

/* Resume (SIGCONT): the event loop re-enters curses mode and repaints. */
static void av_resume_handler(int sig) { (void)sig; av_state()->resumed = 1; }

/* Installs the handlers: INT, TERM and HUP ask the main loop to quit cleanly;
 * TSTP asks the loop to suspend, CONT asks the loop to repaint; crash
 * signals restore the terminal and re-raise. Installed before curses starts,
 * so ncurses keeps its own handlers out of the way. */
static inline void av_install_signal_handlers(void) {
    struct sigaction quit;
    sigemptyset(&quit.sa_mask);
    quit.sa_flags = 0;
    quit.sa_handler = av_quit_handler;
    sigaction(SIGINT, &quit, NULL);
    sigaction(SIGTERM, &quit, NULL);
    sigaction(SIGHUP, &quit, NULL);

    struct sigaction suspend;
    sigemptyset(&suspend.sa_mask);
    suspend.sa_flags = 0;
    suspend.sa_handler = av_suspend_handler;
    sigaction(SIGTSTP, &suspend, NULL);
    struct sigaction resume;
    sigemptyset(&resume.sa_mask);
    resume.sa_flags = 0;
    resume.sa_handler = av_resume_handler;
    sigaction(SIGCONT, &resume, NULL);

    struct sigaction crash;
    sigemptyset(&crash.sa_mask);
    crash.sa_flags = SA_RESETHAND | SA_NODEFER;
    crash.sa_handler = av_crash_handler;
    int crashes[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) sigaction(crashes[i], &crash, NULL);
}

/* The signal that asked the program to quit (0 if none), cleared on read. */
static inline int av_take_pending_signal(void) {
    int sig = av_state()->pending_signal;
    av_state()->pending_signal = 0;
    return sig;
}

/* Whether the process was resumed (SIGCONT) since the last call. */
static inline int av_take_resumed(void) {
    int resumed = av_state()->resumed;
    av_state()->resumed = 0;
    return resumed;
}

/* Waits up to timeout_ms for input on stdin: 1 ready, 0 timeout, -1 error or hang-up. */
static inline int av_wait_for_input(int timeout_ms) {
    struct pollfd fd = { .fd = STDIN_FILENO, .events = POLLIN, .revents = 0 };
    int n = poll(&fd, 1, timeout_ms);
    if (n < 0) return errno == EINTR ? 0 : -1;
    if (n == 0) return 0;
    if (fd.revents & (POLLERR | POLLNVAL)) return -1;
    if (fd.revents & POLLHUP && !(fd.revents & POLLIN)) return -1;
    return 1;
}

#endif
