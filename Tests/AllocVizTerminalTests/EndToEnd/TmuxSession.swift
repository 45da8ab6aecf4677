import Testing
import AllocVizTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Drives the real `allocviz` binary inside a private tmux server: send keys,
/// read the screen, resize, signal. Every call waits by polling the pane for
/// the expected text, never by fixed sleeps alone.
final class TmuxSession {
    /// The path of the built `allocviz` (the one rule: ``BuiltBinary/path``), or a recorded
    /// test failure.
    static func builtBinary() throws -> String {
        try #require(BuiltBinary.path, "allocviz is not built next to the test executable (swift build builds it)")
    }

    let socket: String
    private(set) var alive = true

    /// Whether tmux is installed.
    static var tmuxAvailable: Bool { run("command -v tmux >/dev/null 2>&1") == 0 }

    /// Starts `command` (a shell command line) in a detached session of `width` x `height`.
    /// The pane stays open after the command exits and prints `EXIT=<status>`.
    init(command: String, width: Int = 100, height: Int = 30, environment: String = "TERM=screen-256color LANG=C.UTF-8") {
        socket = "/tmp/allocviz-e2e-\(getpid())-\(UInt32.random(in: 0 ... .max)).sock"
        let inner = "env -u LINES -u COLUMNS -u NO_COLOR \(environment) \(command); echo EXIT=$?; sleep 60"
        _ = Self.run("tmux -S \(socket) -f /dev/null new-session -d -x \(width) -y \(height) \(Self.quote(inner)) </dev/null >/dev/null 2>&1")
    }

    /// Starts an interactive `sh` (prompt `$ `) in a detached session of `width` x `height`,
    /// so tests can run allocviz from a shell, suspend it, bring it back and read what
    /// the shell prints afterwards.
    init(shellWidth width: Int = 100, height: Int = 30, environment: String = "TERM=screen-256color LANG=C.UTF-8") {
        socket = "/tmp/allocviz-e2e-\(getpid())-\(UInt32.random(in: 0 ... .max)).sock"
        let inner = "env -u LINES -u COLUMNS -u NO_COLOR -u ENV \(environment) PS1='$ ' sh -i"
        _ = Self.run("tmux -S \(socket) -f /dev/null new-session -d -x \(width) -y \(height) \(Self.quote(inner)) </dev/null >/dev/null 2>&1")
    }

    deinit { close() }

    /// Kills the tmux server.
    func close() {
        guard alive else { return }
        alive = false
        _ = Self.run("tmux -S \(socket) kill-server >/dev/null 2>&1; rm -f \(socket)")
    }

    /// The pane's text now.
    func screen() -> String { Self.output("tmux -S \(socket) capture-pane -p 2>/dev/null") }

    /// Polls the pane every 50 ms until `predicate` holds (true) or `seconds` of elapsed
    /// time pass (false). The deadline is measured on the clock, so slow captures on a
    /// loaded machine do not stretch the wait.
    @discardableResult
    func waitFor(seconds: Double = 10, _ predicate: (String) -> Bool) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(seconds * 1000))
        while clock.now < deadline {
            if predicate(screen()) { return true }
            usleep(50_000)
        }
        return predicate(screen())
    }

    /// Polls until the pane shows `text`.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10) -> Bool { waitFor(seconds: seconds) { $0.contains(text) } }

    /// Sends keys as tmux names them (`Enter`, `Escape`, `C-c`) or literal text with `literal`.
    func send(_ keys: String, literal: Bool = false) {
        _ = Self.run("tmux -S \(socket) send-keys \(literal ? "-l " : "")\(Self.quote(keys)) >/dev/null 2>&1")
    }

    /// Sends raw bytes to the program, exactly as a terminal would (escape sequences,
    /// mouse reports).
    func send(bytes: [UInt8]) {
        let hex = bytes.map { String($0, radix: 16) }.joined(separator: " ")
        _ = Self.run("tmux -S \(socket) send-keys -H \(hex) >/dev/null 2>&1")
    }

    /// A tmux format evaluated for the pane, e.g. `#{mouse_sgr_flag}`.
    func format(_ format: String) -> String {
        Self.output("tmux -S \(socket) display-message -p \(Self.quote(format)) 2>/dev/null")
            .trimmingSuffix("\n")
    }

    /// The pane's lines now, trailing spaces removed.
    func lines() -> [String] {
        screen().split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var text = String(line)
            while text.last == " " { text.removeLast() }
            return text
        }
    }

    /// Resizes the window (delivers SIGWINCH / KEY_RESIZE to the program).
    func resize(width: Int, height: Int) {
        _ = Self.run("tmux -S \(socket) resize-window -x \(width) -y \(height) >/dev/null 2>&1")
    }

    /// The process id of the program running in the pane (the shell's child).
    func programPID() -> Int32? {
        let shell = Self.output("tmux -S \(socket) display-message -p '#{pane_pid}' 2>/dev/null")
        let child = Self.output("pgrep -P \(shell.filter(\.isNumber)) allocviz 2>/dev/null")
        return Int32(child.split(separator: "\n").first.map(String.init) ?? "")
    }

    static func quote(_ text: String) -> String { "'" + text.replacingAll("'", with: "'\\''") + "'" }

    @discardableResult
    static func run(_ command: String) -> Int32 {
        let status = system(command)
        return status == -1 ? -1 : (status >> 8) & 0xff
    }

    static func output(_ command: String) -> String {
        guard let pipe = popen(command, "r") else { return "" }
        defer { pclose(pipe) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buffer, 1, buffer.count, pipe)
            if n <= 0 { break }
            bytes += buffer.prefix(n)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    func trimmingSuffix(_ suffix: Character) -> String {
        var text = self
        while text.last == suffix { text.removeLast() }
        return text
    }

    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self { if character == target { result += replacement } else { result.append(character) } }
        return result
    }
}
