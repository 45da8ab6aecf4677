import AllocVizCore
import ArgumentParser

/// `allocviz check SCRIPT...`: parse and run scripts headless and evaluate their `expect` lines.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse and run demo scripts headless and check their expect lines.",
        discussion: """
            Every script is parsed and run on fresh lanes. Bad input (a syntax error, an unknown \
            handle, a binary file...) is reported as FILE:LINE:COL with the line and a caret; every \
            failed expectation as FILE:LINE with the actual value. A script may have at most 8 \
            lanes, together at most --memory-limit (default 1GiB), checked before any lane is built.
            Exit status: 0 all hold, 1 an expectation failed, 2 bad usage or bad input.
            """)

    @Argument(help: "The scripts (*.aviz) or traces (*.rep, docs/traces.md; read as a stream) to check; at least one.")
    var scripts: [String]

    @Flag(name: .shortAndLong, help: "Print only problems, not a line per good script.")
    var quiet = false

    @OptionGroup var budget: LaneBudgetOption

    @OptionGroup var traceLanes: TraceLaneOptions

    func run() throws {
        var err = StandardError()
        var badInput = false
        var failed = false
        for path in scripts {
            if TraceStream.isStreamableTrace(path) {
                if checkStreamedTrace(path, err: &err) == .badInput { badInput = true }
                continue
            }
            let runner: ScriptRunner
            do {
                let script = try traceLanes.load(path, budget: budget)
                for warning in script.trace?.warnings ?? [] { print(warning, to: &err) }
                if let sizing = script.laneSizing, !quiet { print("\(path): \(sizing)") }
                // No history: check runs straight through, in memory independent of the length.
                runner = try ScriptRunner(script: script, recordsHistory: false)
            } catch {
                print(error.description, to: &err)
                badInput = true
                continue
            }
            runner.runToEnd()
            if !runner.internalErrors.isEmpty {
                for problem in runner.internalErrors { print(problem.description, to: &err) }
                badInput = true
                continue
            }
            let failures = runner.failures
            for failure in failures { print(failure.message, to: &err) }
            if failures.isEmpty {
                if !quiet {
                    let failed = runner.script.trace == nil ? "" : Self.failedRequests(runner.session)
                    print("\(path): ok (\(Self.summary(steps: runner.session.position, expectations: runner.results.count))\(failed))")
                }
            } else {
                failed = true
                print("\(path): \(failures.count) of \(runner.results.count) expectation\(runner.results.count == 1 ? "" : "s") failed", to: &err)
            }
        }
        if badInput { throw ExitCode(2) }
        if failed { throw ExitCode(1) }
    }

    /// For a trace (which has no expectations to say it): `; failed requests: heap 9, buddy 2`
    /// for the lanes that could not serve every request, or "".
    static func failedRequests(_ session: Session) -> String {
        let failing = session.configurations.indices.filter { session.state.lanes[$0].failures > 0 }
        guard !failing.isEmpty else { return "" }
        return "; failed requests: " + failing.map { "\(session.configurations[$0].name) \(session.state.lanes[$0].failures)" }
            .joined(separator: ", ")
    }

    /// `12 steps, 3 expectations hold`, `1 step, 1 expectation holds`, `4 steps, no expectations`.
    static func summary(steps: Int, expectations: Int) -> String {
        let stepText = steps == 1 ? "1 step" : "\(steps) steps"
        switch expectations {
        case 0: return stepText + ", no expectations"
        case 1: return stepText + ", 1 expectation holds"
        default: return stepText + ", \(expectations) expectations hold"
        }
    }
}
