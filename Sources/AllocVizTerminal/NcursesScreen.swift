import AllocVizCore
import CNcurses
import CTerminalGuard
#if canImport(Glibc)
import Glibc
#endif

/// The only object that talks to ncurses: starts and ends curses mode, paints a
/// ``CellGrid``, and reads keys, mouse and resize events.
///
/// Painting is incremental: cells equal to the previous frame's are skipped,
/// and ncurses sends only what changed.
public final class NcursesScreen {
    /// Whether colours are in use (false in monochrome).
    public var usesColor: Bool { scheme.usesColor }
    /// Whether the Unicode glyphs can be drawn (false: ASCII fallback).
    public let unicode: Bool

    private var scheme: ColorScheme
    private var previous: CellGrid?
    private var ended = false
    private let ownedTerminal: OpaquePointer?
    /// Whether this screen is the process's own terminal (not an off-screen test terminal).
    private let isProcessTerminal: Bool
    /// Whether mouse reports were asked for.
    private let mouse: Bool
    /// Whether the terminal has an alternate screen (`smcup`): without one, leaving curses
    /// mode clears the screen so no frame stays under the shell's prompt.
    private let hasAlternateScreen: Bool

    /// Button-event tracking (1002: presses, releases, drags, wheel; no bare motion) with
    /// SGR reports (1006: `ESC [ < b ; x ; y M`, any size of screen).
    static let mouseOn = "\u{1B}[?1002h\u{1B}[?1006h"
    /// Turns off what ``mouseOn`` turned on.
    static let mouseOff = "\u{1B}[?1006l\u{1B}[?1002l"

    /// Starts curses mode on the process's terminal; `nil` when the terminal type (`TERM`)
    /// is unknown to this system's terminfo.
    /// - Parameters:
    ///   - color: `false` forces the monochrome scheme.
    ///   - mouse: `false` leaves mouse reporting off.
    public convenience init?(color: Bool, mouse: Bool) {
        setlocale(LC_ALL, "")
        SignalGuard.install()
        guard let terminal = av_newterm_stdio() else { return nil }
        _ = set_term(terminal)
        self.init(afterStart: color, mouse: mouse, terminal: terminal, isProcessTerminal: true)
    }

    /// Starts curses mode on an explicit terminal (`newterm`): for off-screen tests.
    public convenience init?(offScreenType type: String, output: UnsafeMutablePointer<FILE>,
                             input: UnsafeMutablePointer<FILE>, color: Bool) {
        setlocale(LC_ALL, "")
        guard let terminal = newterm(type, output, input) else { return nil }
        _ = set_term(terminal)
        self.init(afterStart: color, mouse: false, terminal: terminal, isProcessTerminal: false)
    }

    private init(afterStart color: Bool, mouse: Bool, terminal: OpaquePointer?, isProcessTerminal: Bool) {
        ownedTerminal = terminal
        self.isProcessTerminal = isProcessTerminal
        self.mouse = mouse
        hasAlternateScreen = av_capability("smcup") != nil
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(av_stdscr(), true)
        // Mouse reports are decoded from the bytes (EscapeSequenceDecoder), never by ncurses:
        // its `kmous` prefix would swallow SGR reports on some terminfo entries.
        _ = keyok(av_key_mouse(), false)
        _ = curs_set(0)
        set_escdelay(25)
        let canColor = color && has_colors()
        if canColor {
            _ = start_color()
            _ = use_default_colors()
        }
        scheme = ColorScheme(usesColor: canColor, maxPairs: canColor ? Int(av_color_pairs()) : 0)
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased().filter { $0 != "-" }
        unicode = codeset == "UTF8"
        if isProcessTerminal {
            av_set_restore_sequence(restoreSequence())
            if mouse {
                _ = refresh()  // ncurses's own output first (it buffers apart from stdio)
                av_write_terminal(Self.mouseOn)
            }
            SignalGuard.setScreenActive(true)
        }
    }

    /// What a crash handler writes to give the terminal back (no ncurses call is safe
    /// there): attributes off, mouse off, keypad and cursor back, then the alternate screen
    /// left, or, without one, the screen cleared. Taken from the terminal's terminfo entry.
    private func restoreSequence() -> String {
        var sequence = ""
        func add(_ name: String) {
            guard let value = av_capability(name) else { return }
            sequence += Self.withoutPadding(String(cString: value))
        }
        add("sgr0")
        if mouse { sequence += Self.mouseOff }
        add("rmkx")
        add("cnorm")
        add(hasAlternateScreen ? "rmcup" : "clear")
        return sequence
    }

    /// `text` without terminfo padding (`$<5>`), which only `tputs` understands.
    static func withoutPadding(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.firstRange(of: "$<") {
            result += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: ">") else { return result }
            rest = rest[rest.index(after: end)...]
        }
        return result + rest
    }

    deinit { end() }

    /// The terminal's current size.
    public var size: GridSize { GridSize(width: Int(av_cols()), height: Int(av_lines())) }

    /// Paints `grid` (clipped to the screen) and shows it.
    public func draw(_ grid: CellGrid) {
        var grid = grid
        if !unicode { grid.asciiFallback() }
        let full = previous == nil || previous!.width != grid.width || previous!.height != grid.height
        if full { _ = erase() }
        let width = min(grid.width, Int(av_cols())), height = min(grid.height, Int(av_lines()))
        for y in 0..<height {
            for x in 0..<width {
                let cell = grid[x, y]
                // A wide character's second column: the character, drawn two columns wide, covers it.
                if cell.isWideContinuation { continue }
                let wide = grid[x + 1, y].isWideContinuation
                if !full, let previous, previous[x, y] == cell, !wide || previous[x + 1, y] == grid[x + 1, y] { continue }
                // The bottom-right cell scrolls some terminals: skip it, and draw a wide
                // character that would reach it, or that the screen's right edge cuts, as a space.
                let bottomRight = y == Int(av_lines()) - 1 ? Int(av_cols()) - 1 : Int.max
                if x == bottomRight { continue }
                let fits = !wide || (x + 1 < width && x + 1 != bottomRight)
                let (attributes, pair) = scheme.rendition(for: cell)
                _ = av_put_cell(Int32(y), Int32(x), wchar_t(fits ? cell.character.value : 0x20), attributes, pair)
            }
        }
        previous = grid
        _ = refresh()
    }

    /// Gives the terminal back as on exit (mouse off, alternate screen left or screen
    /// cleared, cursor at the bottom-left), stops the process as Ctrl-Z does, and when it
    /// is continued (`fg`) takes the terminal again; the next ``draw(_:)`` repaints
    /// everything. Call when ``SignalGuard/takeSuspendRequest()`` says Ctrl-Z was pressed.
    public func suspend() {
        guard !ended, isProcessTerminal else { return }
        leaveCursesMode()
        SignalGuard.setScreenActive(false)
        SignalGuard.stopProcess()
        _ = refresh()  // after endwin: program modes, alternate screen and keypad back
        if mouse { av_write_terminal(Self.mouseOn) }
        SignalGuard.setScreenActive(true)
        invalidate()
    }

    /// After the process was stopped and continued by someone else (SIGSTOP, SIGCONT):
    /// puts the terminal modes back (a shell may have changed them) and forgets what was
    /// on screen so the next ``draw(_:)`` repaints everything.
    public func resume() {
        guard !ended else { return }
        if isendwin() {
            _ = refresh()
            if mouse && isProcessTerminal { av_write_terminal(Self.mouseOn) }
        } else {
            _ = reset_prog_mode()
        }
        if isProcessTerminal { SignalGuard.setScreenActive(true) }
        invalidate()
    }

    /// Leaves curses mode so the shell's next line starts clean: mouse reports off; without
    /// an alternate screen the frame is cleared first; `endwin` leaves the alternate screen
    /// (putting back what was there) or the cursor at the bottom-left of the cleared screen.
    private func leaveCursesMode() {
        // Every draw ends with a refresh, so ncurses has nothing buffered to write before this.
        if mouse && isProcessTerminal { av_write_terminal(Self.mouseOff) }
        if !hasAlternateScreen {
            _ = wclear(av_stdscr())
            _ = refresh()
        }
        _ = endwin()
    }

    /// Forgets what is on screen so the next ``draw(_:)`` repaints everything.
    public func invalidate() {
        previous = nil
        _ = clearok(av_stdscr(), true)
    }

    /// Waits up to `milliseconds` for input and returns it, `nil` on timeout or
    /// for a key allocviz does not use. Throws ``TerminalGone`` when the terminal
    /// went away, so the caller stops instead of spinning on a dead input.
    public func nextInput(timeoutMilliseconds milliseconds: Int) throws(TerminalGone) -> KeyInput? {
        timeout(0)
        // ncurses may hold bytes it already read (poll cannot see them): take them first,
        // without waiting, past any discarded sequences.
        buffered: while true {
            switch readOne() {
            case .input(let input): return input
            case .ignored: continue
            case .nothing: break buffered
            }
        }
        switch av_wait_for_input(Int32(milliseconds)) {
        case -1: throw TerminalGone()
        case 0: return nil
        default:
            switch readOne() {
            case .input(let input):
                emptyReadsWhileReadable = 0
                return input
            case .ignored:
                emptyReadsWhileReadable = 0
                return nil
            case .nothing:
                // Readable yet nothing to read: end of file. A few in a row mean the terminal is gone.
                emptyReadsWhileReadable += 1
                if emptyReadsWhileReadable >= 3 { throw TerminalGone() }
                return nil
            }
        }
    }

    private var emptyReadsWhileReadable = 0

    private enum ReadResult { case input(KeyInput), ignored, nothing }

    /// What one `get_wch` returned.
    private enum RawInput { case keyCode(Int32), character(UInt32) }

    /// How long the next byte of an escape sequence is waited for once the sequence has
    /// begun. Terminals send a sequence in one write; only one cut in transit waits.
    static let sequenceByteWaitMilliseconds: Int32 = 50

    private func readOne() -> ReadResult {
        guard let first = readRaw(waitingMilliseconds: 0) else { return .nothing }
        switch first {
        case .keyCode(let code): return result(decodedKeyCode(code))
        case .character(27): return readEscapeSequence()
        case .character(let value): return result(KeyDecoder.decode(character: value))
        }
    }

    /// Reads what follows an Esc that ncurses did not decode, until the sequence is complete
    /// (``EscapeSequenceDecoder``): the whole sequence becomes one key or none.
    private func readEscapeSequence() -> ReadResult {
        var decoder = EscapeSequenceDecoder()
        while true {
            // Right after the Esc, ncurses has already waited ESCDELAY: the rest of a sequence
            // is buffered or there is none (a lone Esc).
            let wait = decoder.isAtStart ? 0 : Self.sequenceByteWaitMilliseconds
            guard let next = readRaw(waitingMilliseconds: wait) else { return result(decoder.finish()) }
            switch next {
            case .keyCode(let code):
                return result(decoder.interrupted(by: decodedKeyCode(code)))
            case .character(let value):
                if case .finished(let key) = decoder.feed(value) { return result(key) }
            }
        }
    }

    private func readRaw(waitingMilliseconds milliseconds: Int32) -> RawInput? {
        timeout(milliseconds)
        var value: wint_t = 0
        let status = av_get_wch(&value)
        if status == ERR { return nil }
        return status == KEY_CODE_YES ? .keyCode(Int32(value)) : .character(UInt32(value))
    }

    private func decodedKeyCode(_ code: Int32) -> KeyInput? {
        if code == av_key_resize() { invalidate() }
        return KeyDecoder.decode(keyCode: code)
    }

    /// `.ignored` for no key, and for mouse events when mouse reporting is off.
    private func result(_ key: KeyInput?) -> ReadResult {
        guard let key else { return .ignored }
        switch key {
        case .click, .wheel: return mouse ? .input(key) : .ignored
        default: return .input(key)
        }
    }

    /// Leaves curses mode and restores the terminal (see ``suspend()`` for how the shell's
    /// next line is kept clean). Safe to call more than once.
    public func end() {
        guard !ended else { return }
        ended = true
        leaveCursesMode()
        if let ownedTerminal { delscreen(ownedTerminal) }
        if isProcessTerminal { SignalGuard.setScreenActive(false) }
    }
}

/// The terminal is gone (hang-up or end of input): the interactive loop must stop.
public struct TerminalGone: Error {}
