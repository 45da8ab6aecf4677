#ifndef ALLOCVIZ_CNCURSES_SHIM_H
#define ALLOCVIZ_CNCURSES_SHIM_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Macros and mutable globals do not import into Swift 6: wrap them. */
static inline WINDOW *av_stdscr(void) { return stdscr; }
static inline int av_lines(void) { return LINES; }
static inline int av_cols(void) { return COLS; }
static inline int av_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline attr_t av_a_bold(void) { return A_BOLD; }
static inline attr_t av_a_reverse(void) { return A_REVERSE; }
static inline attr_t av_a_dim(void) { return A_DIM; }
static inline attr_t av_a_underline(void) { return A_UNDERLINE; }
static inline attr_t av_a_normal(void) { return A_NORMAL; }
static inline int av_key_resize(void) { return KEY_RESIZE; }
static inline int av_key_mouse(void) { return KEY_MOUSE; }

#endif
