#if canImport(Glibc)
import Glibc
#endif
import AllocVizCore
import AllocVizTestSupport
import Testing

/// `check` of trace files streams them (``TraceStream``), through the built binary.
@Suite(.enabled(if: BinaryRunner.path != nil, BinaryRunner.skipReason))
struct StreamedCheckTests {
    /// A generated trace checks as its parsed script runs: the same lanes and steps.
    @Test func aGeneratedTraceChecksWithTheParsedLanesAndSteps() throws {
        let text = generatedTrace(operations: 5000, seed: 9)
        let path = try #require(TemporaryFileForTrace.create(text))
        defer { TemporaryFileForTrace.remove(path) }
        let parsed = try TraceParser.parse(text, file: path).sizingLanesFromTrace()
        let result = try BinaryRunner.run(["check", path])
        #expect(result.status == 0)
        #expect(result.stdout == "\(path): \(parsed.laneSizing!)\n\(path): ok (5000 steps, no expectations)\n")
        #expect(result.stderr == "")
    }

    /// A free of an id freed thousands of lines earlier names the line that freed it (found
    /// by a second read: the first keeps only live ids).
    @Test func aFreeOfAnIdFreedLongBeforeNamesBothLines() throws {
        var lines = generatedTrace(operations: 5000, seed: 4).split(separator: "\n").map(String.init)
        let firstFree = try #require(lines.firstIndex { $0.hasPrefix("f ") })
        let id = lines[firstFree].dropFirst(2)
        // The id's last free before line 4000 (ids are used once, so it is the first free).
        lines.insert("f \(id)", at: 3999)
        let path = try #require(TemporaryFileForTrace.create(lines.joined(separator: "\n") + "\n"))
        defer { TemporaryFileForTrace.remove(path) }
        let result = try BinaryRunner.run(["check", path])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            \(path):4000:3: error: free of id \(id), which was already freed on line \(firstFree + 1)
             4000 | f \(id)
                  |   ^

            """)
    }
}
