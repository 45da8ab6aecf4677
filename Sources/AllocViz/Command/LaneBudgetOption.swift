import AllocVizCore
import ArgumentParser

/// `--memory-limit SIZE` of `play` and `check`: how much memory a script's lanes may take
/// together (``LaneConfiguration/defaultMemoryLimit`` by default), checked with the lane count
/// before any lane is built.
struct LaneBudgetOption: ParsableArguments {
    @Option(name: .customLong("memory-limit"),
            help: ArgumentHelp("The most memory a script's lanes may take together (default \(ByteCount(LaneConfiguration.defaultMemoryLimit))); at most \(LaneConfiguration.maximumLaneCount) lanes.",
                               valueName: "size"),
            transform: ByteCount.init(parsing:))
    var memoryLimit = ByteCount(LaneConfiguration.defaultMemoryLimit)

    /// Why `script`'s lanes may not be built, located at the lane past the count limit (or the
    /// first lane for the memory), or nil when they fit.
    func problem(in script: Script) -> ScriptErrors? {
        guard let problem = LaneConfiguration.budgetProblem(script.effectiveLanes, memoryLimit: memoryLimit.bytes) else { return nil }
        var message = problem.description
        if problem.concernsMemory { message += " (raise it with --memory-limit)" }
        let index = problem.laneIndex ?? 0
        let location = script.laneLocations.indices.contains(index) ? script.laneLocations[index] : SourceLocation(line: 1, column: 1)
        let line = script.sourceLines.indices.contains(location.line - 1) ? script.sourceLines[location.line - 1] : nil
        return ScriptErrors([ScriptDiagnostic(file: script.file, location: location, message: message, sourceLine: line)])
    }

    /// Loads the script at `path` and checks its lanes against the limits.
    /// - Throws: ``ScriptErrors`` when it cannot be read or parsed, or its lanes do not fit.
    func load(_ path: String) throws(ScriptErrors) -> Script {
        let script = try ScriptFile.load(path)
        if let problem = problem(in: script) { throw problem }
        return script
    }
}
