import AllocVizCore
import ArgumentParser

/// `--heap SIZE` and `--buddy SIZE` of `play` and `check`: the lanes a trace is played on
/// (by default sized from the trace, docs/traces.md; 0 leaves that lane out). Scripts declare
/// their own lanes, so these options are refused for them.
struct TraceLaneOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Traces: the heap lane's size (default: sized from the trace; 0 for no heap lane).", valueName: "size"),
            transform: ByteCount.init(parsing:))
    var heap: ByteCount?

    @Option(help: ArgumentHelp("Traces: the buddy lane's size (default: sized from the trace; 0 for no buddy lane).", valueName: "size"),
            transform: ByteCount.init(parsing:))
    var buddy: ByteCount?

    /// Loads the script or trace at `path`, sizes a trace's lanes (with the overrides) and checks
    /// the lanes against `budget`.
    /// - Throws: ``ScriptErrors`` when it cannot be read or parsed, an override is given for a
    ///   script, or the lanes do not fit.
    func load(_ path: String, budget: LaneBudgetOption) throws(ScriptErrors) -> Script {
        try fit(ScriptFile.load(path), budget: budget)
    }

    /// `script` (loaded, a trace's lanes sized from it) with the overrides applied, its lanes
    /// checked against `budget`.
    /// - Throws: ``ScriptErrors`` when an override is given for a script, or the lanes do not fit.
    func fit(_ loaded: Script, budget: LaneBudgetOption) throws(ScriptErrors) -> Script {
        var script = loaded
        let path = script.file
        if heap != nil || buddy != nil {
            guard script.trace != nil else {
                throw ScriptErrors([ScriptDiagnostic(file: path, location: SourceLocation(line: 1, column: 1),
                                                     message: "--heap and --buddy size the lanes of a trace; a script declares its own lanes",
                                                     sourceLine: nil)])
            }
            script = try script.sizingLanesFromTrace(heap: heap?.bytes, buddy: buddy?.bytes)
        }
        if let problem = budget.problem(in: script) { throw problem }
        return script
    }
}
