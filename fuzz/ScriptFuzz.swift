import AllocVizCore

/// libFuzzer target: any bytes through the script parser, validator and runner, then one
/// headless frame. Never a crash or a hang; a script that fails to parse or validate has
/// located diagnostics; one that parses runs to the end with no internal error and every
/// lane's invariants holding (never a silent success over a broken allocator).
///
/// Scripts whose lanes would take more than 4 MiB in all, or that make more than 20,000
/// steps, are skipped: they are valid but slow, and the fuzzer wants many runs a second.
@_cdecl("LLVMFuzzerTestOneInput")
public func scriptFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let script: Script
    do {
        script = try ScriptParser.parse(bytes: bytes, file: "fuzz.aviz")
    } catch {
        checkDiagnostics(error, "parse")
        return 0
    }
    guard script.effectiveLanes.reduce(0, { $0 + $1.capacity }) <= 4 << 20 else { return 0 }
    var steps = 0
    for statement in script.statements {
        if case .random(let count, _) = statement.kind { steps += count } else { steps += 1 }
    }
    guard steps <= 20_000 else { return 0 }
    var player = HeadlessPlayer()
    player.size = GridSize(width: 80, height: 24)
    let result: HeadlessPlayer.Result
    do {
        result = try player.play(script) { frame in
            if frame.isEmpty { fuzzFailure("an empty frame") }
        }
    } catch {
        checkDiagnostics(error, "validate")
        return 0
    }
    let runner = result.runner
    guard runner.finished else { fuzzFailure("the run stopped at statement \(runner.nextStatement)") }
    guard runner.internalErrors.isEmpty else {
        fuzzFailure("the session refused what the validator accepted: \(runner.internalErrors.map(\.description))")
    }
    for (index, lane) in runner.session.state.lanes.enumerated() {
        if let violation = lane.allocator.invariantViolation() { fuzzFailure("lane \(index): \(violation)") }
    }
    return 0
}

/// A refused script must say why, at a line and column inside it.
func checkDiagnostics(_ errors: ScriptErrors, _ stage: String) {
    guard !errors.diagnostics.isEmpty else { fuzzFailure("\(stage) failed with no diagnostic") }
    for diagnostic in errors.diagnostics {
        guard diagnostic.location.line >= 1, diagnostic.location.column >= 1, !diagnostic.message.isEmpty else {
            fuzzFailure("\(stage): bad diagnostic \(diagnostic)")
        }
    }
}
