#include "TerminalGuard.h"

#include <signal.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* The one state record. Handlers run on any thread at any time, so they touch only
 * sig_atomic_t flags and the bytes below, and call only async-signal-safe functions. */
static struct {
    struct termios saved_termios;
    volatile sig_atomic_t have_saved_termios;
    volatile sig_atomic_t screen_active;
    volatile sig_atomic_t pending_signal;
    volatile sig_atomic_t resumed;
    volatile sig_atomic_t suspend_requested;
    char restore[512];
    volatile sig_atomic_t restore_length;
} state;

void av_save_terminal_state(void) {
    if (tcgetattr(STDIN_FILENO, &state.saved_termios) == 0) state.have_saved_termios = 1;
}

void av_set_screen_active(int active) { state.screen_active = active; }

void av_set_restore_sequence(const char *bytes) {
    state.restore_length = 0;
    size_t length = strlen(bytes);
    if (length > sizeof state.restore) length = sizeof state.restore;
    memcpy(state.restore, bytes, length);
    state.restore_length = (sig_atomic_t)length;
}

/* Puts back the saved modes and writes the restore bytes (or, before a screen set them,
 * xterm's), once, while a screen is up. */
static void emergency_restore(void) {
    if (!state.screen_active) return;
    state.screen_active = 0;
    if (state.have_saved_termios) tcsetattr(STDIN_FILENO, TCSANOW, &state.saved_termios);
    if (state.restore_length > 0) {
        ssize_t ignored = write(STDOUT_FILENO, state.restore, (size_t)state.restore_length);
        (void)ignored;
    } else {
        static const char xterm[] = "\033[0m\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[?25h\033[?1049l";
        ssize_t ignored = write(STDOUT_FILENO, xterm, sizeof xterm - 1);
        (void)ignored;
    }
}

static void crash_handler(int sig) {
    emergency_restore();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void quit_handler(int sig) { state.pending_signal = sig; }

static void suspend_handler(int sig) {
    (void)sig;
    if (state.screen_active) {
        state.suspend_requested = 1;
    } else {
        raise(SIGSTOP);
    }
}

static void resume_handler(int sig) {
    (void)sig;
    state.resumed = 1;
}

static void install(int sig, void (*handler)(int), int flags) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_flags = flags;
    action.sa_handler = handler;
    sigaction(sig, &action, NULL);
}

void av_install_signal_handlers(void) {
    install(SIGINT, quit_handler, 0);
    install(SIGTERM, quit_handler, 0);
    install(SIGHUP, quit_handler, 0);
    install(SIGTSTP, suspend_handler, 0);
    install(SIGCONT, resume_handler, 0);
    int crashes[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
    for (unsigned i = 0; i < sizeof crashes / sizeof crashes[0]; i++) install(crashes[i], crash_handler, SA_RESETHAND | SA_NODEFER);
}

void av_stop_self(void) { raise(SIGSTOP); }

int av_take_pending_signal(void) {
    int sig = state.pending_signal;
    state.pending_signal = 0;
    return sig;
}

int av_take_suspend_request(void) {
    int requested = state.suspend_requested;
    state.suspend_requested = 0;
    return requested;
}

int av_take_resumed(void) {
    int resumed = state.resumed;
    state.resumed = 0;
    return resumed;
}
