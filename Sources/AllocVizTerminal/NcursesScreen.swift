import AllocVizCore
import CNcurses
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
        self.init(afterStart: color, mouse: mouse, terminal: terminal)
    }

    /// Starts curses mode on an explicit terminal (`newterm`): for off-screen tests.
    public convenience init?(offScreenType type: String, output: UnsafeMutablePointer<FILE>,
                             input: UnsafeMutablePointer<FILE>, color: Bool) {
        setlocale(LC_ALL, "")
        guard let terminal = newterm(type, output, input) else { return nil }
        _ = set_term(terminal)
        self.init(afterStart: color, mouse: false, terminal: terminal)
    }

    private init(afterStart color: Bool, mouse: Bool, terminal: OpaquePointer?) {
        ownedTerminal = terminal
        _ = cbreak()
        _ = noecho()
        _ = nonl()
        _ = keypad(av_stdscr(), true)
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
        if mouse { _ = mousemask(av_button1_pressed() | av_wheel_up() | av_wheel_down(), nil); mouseinterval(0) }
        SignalGuard.setScreenActive(true)
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
                if !full, let previous, previous[x, y] == cell { continue }
                // The bottom-right cell scrolls some terminals: skip it.
                if y == Int(av_lines()) - 1 && x == Int(av_cols()) - 1 { continue }
                let (attributes, pair) = scheme.rendition(for: cell)
                _ = av_put_cell(Int32(y), Int32(x), wchar_t(cell.character.value), attributes, pair)
            }
        }
        previous = grid
        _ = refresh()
    }

    /// Re-enters curses mode after the process was suspended and resumed, and
    /// forgets what was on screen so the next ``draw(_:)`` repaints everything.
    public func resume() {
        _ = endwin()
        _ = refresh()
        SignalGuard.setScreenActive(true)
        invalidate()
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
        _ = timeout(0)
        // ncurses may hold bytes it already read: ask it first without waiting.
        if case .input(let input) = readOne() { return input }
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

    private func readOne() -> ReadResult {
        var value: wint_t = 0
        let result = av_get_wch(&value)
        if result == ERR { return .nothing }
        let decoded: KeyInput?
        if result == KEY_CODE_YES {
            if Int32(value) == av_key_resize() { invalidate() }
            decoded = KeyDecoder.decode(keyCode: Int32(value))
        } else {
            decoded = KeyDecoder.decode(character: UInt32(value))
        }
        return decoded.map(ReadResult.input) ?? .ignored
    }

    /// Leaves curses mode and restores the terminal. Safe to call more than once.
    public func end() {
        guard !ended else { return }
        ended = true
        _ = endwin()
        if let ownedTerminal { delscreen(ownedTerminal) }
        SignalGuard.setScreenActive(false)
    }
}

/// The terminal is gone (hang-up or end of input): the interactive loop must stop.
public struct TerminalGone: Error {}
