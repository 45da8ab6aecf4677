#ifndef ALLOCVIZ_TERMINAL_GUARD_H
#define ALLOCVIZ_TERMINAL_GUARD_H

/* The terminal's safety net: the saved terminal modes, the bytes that give the terminal back,
 * and the signal handlers that use them. Its state lives in one translation unit
 * (TerminalGuard.c), so every caller and every handler shares one record. */

/* Saves the terminal modes of standard input (put back by a crash handler). */
void av_save_terminal_state(void);

/* Installs the handlers: INT, TERM and HUP ask the main loop to quit cleanly; TSTP asks
 * the loop to suspend while a screen is up (and stops at once otherwise); CONT asks the loop
 * to repaint; crash signals restore the terminal and re-raise. Install before curses starts,
 * so ncurses keeps its own handlers out of the way. */
void av_install_signal_handlers(void);

/* Marks whether a curses screen is up: the crash handler restores only then. */
void av_set_screen_active(int active);

/* Sets the bytes a crash handler writes to give the terminal back (attributes off, mouse
 * off, keypad and cursor back, alternate screen left or screen cleared); longer ones are cut. */
void av_set_restore_sequence(const char *bytes);

/* Stops the process as Ctrl-Z does (SIGSTOP, which also stops an orphaned process group);
 * returns when it is continued. */
void av_stop_self(void);

/* The signal that asked the program to quit (0 if none), cleared on read. */
int av_take_pending_signal(void);

/* Whether Ctrl-Z asked the loop to suspend since the last call. */
int av_take_suspend_request(void);

/* Whether the process was continued (SIGCONT) since the last call. */
int av_take_resumed(void);

#endif
