import Testing
@testable import AllocVizCore

/// Bad input never crashes: seeded random mutations of the demo scripts and random byte
/// strings go through the parser, the validator and (when they pass, and stay small) a run.
@Suite struct ScriptFuzzTests {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABC@0123456789 =.,()%#\"\\<>!-_KiBMxX\t\n")

    /// Parses, validates and runs `text`; returns whether it ran.
    @discardableResult
    static func exercise(_ text: String) -> Bool {
        guard let script = try? ScriptParser.parse(text, file: "fuzz.aviz") else { return false }
        var steps = 0
        for statement in script.statements {
            if case .random(let count, _) = statement.kind { steps += count } else { steps += 1 }
        }
        guard steps <= 3000, let runner = try? ScriptRunner(script: script) else { return false }
        runner.runToEnd()
        // Whatever ran must leave every allocator consistent and record to a faithful replay.
        for lane in runner.session.state.lanes { #expect(lane.allocator.invariantViolation() == nil) }
        #expect(runner.internalErrors.isEmpty)
        return true
    }

    @Test func mutatedDemosNeverCrash() throws {
        let demos = try #require(DemoFiles.paths())
        var random = TestRandom(seed: 2024)
        var ran = 0
        for path in demos {
            let original = Array(String(decoding: try ScriptFile.read(path).get(), as: UTF8.self))
            for _ in 0..<120 {
                var text = original
                for _ in 0..<(1 + random.below(4)) {
                    guard !text.isEmpty else { break }
                    let at = random.below(text.count)
                    switch random.below(4) {
                    case 0: text.remove(at: at)
                    case 1: text.insert(Self.alphabet[random.below(Self.alphabet.count)], at: at)
                    case 2: text[at] = Self.alphabet[random.below(Self.alphabet.count)]
                    default:
                        let length = min(text.count - at, 1 + random.below(40))
                        text.insert(contentsOf: text[at..<at + length], at: random.below(text.count))
                    }
                }
                if Self.exercise(String(text)) { ran += 1 }
            }
        }
        // Most mutations break the script, but a fair share still runs (and was checked).
        #expect(ran > 40)
    }

    @Test func randomBytesNeverCrash() {
        var random = TestRandom(seed: 7)
        for round in 0..<300 {
            let count = random.below(200)
            var bytes: [UInt8] = []
            for _ in 0..<count {
                bytes.append(round % 2 == 0 ? UInt8(random.below(256)) : UInt8(ascii: "\(Self.alphabet[random.below(Self.alphabet.count)])".unicodeScalars.first!))
            }
            do {
                _ = try ScriptParser.parse(bytes: bytes, file: "bytes")
                // What parses also validates (or is refused with reasons) and runs consistently.
                Self.exercise(String(decoding: bytes, as: UTF8.self))
            } catch {
                // Refused input is explained: 1 to `limit` diagnostics, in source order, each
                // on a line of the input, with a message.
                let lineCount = bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1
                let diagnostics = error.diagnostics
                #expect((1 ... ScriptErrors.limit).contains(diagnostics.count))
                #expect(diagnostics.map(\.location.line) == diagnostics.map(\.location.line).sorted())
                for diagnostic in diagnostics {
                    #expect(diagnostic.file == "bytes")
                    #expect((1 ... lineCount).contains(diagnostic.location.line), "\(diagnostic)")
                    #expect(diagnostic.location.column >= 1 && diagnostic.length >= 1, "\(diagnostic)")
                    #expect(!diagnostic.message.isEmpty)
                }
            }
        }
    }
}
