#ifndef ALLOCVIZ_CNCURSES_SHIM_H
#define ALLOCVIZ_CNCURSES_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
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
