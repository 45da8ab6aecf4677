import AllocVizCore
import AllocVizTerminal
import ArgumentParser

/// What `run` and `play` share: the terminal check, the loop and the recording.
enum TerminalLaunch {
    /// A usage error: the message on standard error, exit status 2.
    static func usage(_ command: String, _ message: String) -> ExitCode {
        var err = StandardError()
        print("allocviz \(command): \(message)", to: &err)
        return ExitCode(2)
    }

    /// Checks the terminal, runs the loop, writes the recording, and maps the ending to an exit.
    static func runInteractive(_ app: InteractiveApp, command: String, record: String?, noColor: Bool, noMouse: Bool,
                               source: String?) throws {
        let environment = TerminalEnvironment.current()
        if let reason = environment.unusableReason {
            let headless = source.map { "allocviz play \($0) --headless" } ?? "allocviz play SCRIPT --headless"
            throw usage(command, "\(reason); for output without a terminal use \(headless)")
        }
        let ending = InteractiveLoop.run(app, color: !noColor && !environment.noColorRequested, mouse: !noMouse)
        if ending == .unknownTerminal {
            let headless = source.map { "allocviz play \($0) --headless" } ?? "allocviz play SCRIPT --headless"
            throw usage(command, "the terminal type TERM=\(environment.term ?? "") is unknown to this system's terminfo; set TERM (for example xterm-256color), or use \(headless)")
        }
        if let record {
            let comment = source.map { "recorded by allocviz play from \($0)" } ?? "recorded by allocviz run"
            if let problem = ScriptFile.write(Recorder.script(for: app.session, comment: comment), to: record) {
                throw usage(command, problem.description)
            }
            var err = StandardError()
            print("allocviz: recorded \(app.session.position) steps to \(record)", to: &err)
        }
        switch ending {
        case .quit: return
        case .signal(let signal): throw ExitCode(128 + signal)
        case .terminalGone: throw ExitCode(1)
        case .unknownTerminal: return
        }
    }
}
