import Allocators
import Testing
@testable import AllocVizCore

/// Parses `text` as a trace and returns the rendered diagnostics, or "" when it parses.
private func traceErrors(_ text: String) -> String {
    do {
        _ = try TraceParser.parse(text, file: "t.rep")
        return ""
    } catch {
        return error.description
    }
}

@Suite struct TraceParserTests {
    @Test func theFourNumberHeaderOfTheLabIsRead() throws {
        let script = try TraceParser.parse("20000\n2\n4\n1\na 0 2040\na 1 10\nr 0 48\nf 1\n", file: "t.rep")
        #expect(script.statements.map(\.kind) == [
            .alloc(handle: "t0", size: 2040, alignment: nil), .alloc(handle: "t1", size: 10, alignment: nil),
            .realloc(handle: "t0", size: 48), .free(handle: "t1", again: false),
        ])
        #expect(script.statements.map(\.location) == [5, 6, 7, 8].map { SourceLocation(line: $0, column: 1) })
        let trace = try #require(script.trace)
        #expect(trace.operationCount == 4)
        #expect(trace.idCount == 2)
        #expect(trace.headerIDCount == 2 && trace.headerOperationCount == 4)
        #expect(trace.peakLiveBytes == 2050)
        #expect(trace.largestRequest == 2040)
        #expect(trace.smallestRequest == 10)
        #expect(trace.warnings.isEmpty)
        #expect(script.lanes.isEmpty)
    }

    /// A broken allocating line still makes its id live, as a broken `alloc` does in a
    /// script: the id's later lines add no errors (each broken line below gave a second error,
    /// "free of id N, which was never allocated", before).
    @Test func aBrokenAllocationLineGivesOneErrorNotOneMorePerLaterUse() {
        for broken in ["a 1 10O", "a 1 -5", "a 1 99999999999999999999", "a 1", "a 1 10 20", "m 1 100 3", "c 1 x"] {
            let errors = traceErrors("2\n3\n\(broken)\nr 1 20\nf 1\n")
            #expect(errors.components(separatedBy: "error:").count == 2, "\(broken): \(errors)")
            #expect(errors.contains("t.rep:3:"), "\(broken): \(errors)")
        }
    }

    @Test func theTwoNumberHeaderCommentsAndExtensionsAreRead() throws {
        let script = try TraceParser.parse("""
            # recorded by a test
            3
            # between header lines
            5
            m 0 100 64
              # indented comment
            c 1 30
            a 2 0
            f 0
            a 0 7\r
            """, file: "t.rep")
        #expect(script.statements.map(\.kind) == [
            .alloc(handle: "t0", size: 100, alignment: 64), .alloc(handle: "t1", size: 30, alignment: nil),
            .alloc(handle: "t2", size: 1, alignment: nil), .free(handle: "t0", again: false),
            .alloc(handle: "t0", size: 7, alignment: nil),
        ])
        let trace = try #require(script.trace)
        #expect(trace.largestRequest == 100)
        #expect(trace.peakLiveBytes == 131)
        #expect(trace.warnings.isEmpty)
    }

    @Test func headerCountsThatDisagreeAreWarnings() throws {
        let script = try TraceParser.parse("1\n5\na 0 1\na 1 2\n", file: "t.rep")
        #expect(script.trace?.warnings == [
            "t.rep:2: warning: the header says 5 operations; the trace has 2",
            "t.rep:2: warning: the header says 1 ids; the trace uses 2",
        ])
    }

    @Test func tracesAreRecognisedByContent() {
        func looks(_ text: String, _ file: String = "x") -> Bool { TraceParser.looksLikeTrace(Array(text.utf8), file: file) }
        #expect(looks("20000\n2\n"))
        #expect(looks("# comment\n\n  3\n4\n"))
        #expect(!looks("alloc A 1\n"))
        #expect(!looks("# only a comment\n"))
        #expect(looks("anything", "t.rep"))
    }

    @Test func freeingAnIdThatIsNotLiveNamesBothLines() {
        #expect(traceErrors("2\n3\na 0 8\nf 0\nf 0\n") == """
            t.rep:5:3: error: free of id 0, which was already freed on line 4
             5 | f 0
               |   ^
            """)
        #expect(traceErrors("2\n1\nf 7\n") == """
            t.rep:3:3: error: free of id 7, which was never allocated
             3 | f 7
               |   ^
            """)
        #expect(traceErrors("2\n3\na 1 8\nf 1\nr 1 9\n") == """
            t.rep:5:3: error: realloc of id 1, which was already freed on line 4
             5 | r 1 9
               |   ^
            """)
        #expect(traceErrors("2\n1\nr 12 9\n") == """
            t.rep:3:3: error: realloc of id 12, which was never allocated (a realloc of NULL is written 'a 12 SIZE')
             3 | r 12 9
               |   ^~
            """)
        #expect(traceErrors("2\n2\na 1 8\na 1 9\n") == """
            t.rep:4:3: error: id 1 is already live (allocated on line 3); free it first ('f 1') or use another id
             4 | a 1 9
               |   ^
            """)
    }

    @Test func malformedLinesAreLocated() {
        #expect(traceErrors("2\n1\nx 1\n") == """
            t.rep:3:1: error: unknown trace operation 'x'; expected a (malloc), f (free), r (realloc), m (aligned allocation) or c (calloc)
             3 | x 1
               | ^
            """)
        #expect(traceErrors("2\n1\na 1\n") == """
            t.rep:3:4: error: expected a size in bytes before the end of the line; 'a' takes an id and a size: 'a ID SIZE'
             3 | a 1
               |    ^
            """)
        #expect(traceErrors("2\n1\nf 1 2\n") == """
            t.rep:3:5: error: unexpected '2' after the id; 'f' takes an id: 'f ID'
             3 | f 1 2
               |     ^
            """)
        #expect(traceErrors("2\n1\na -1 8\n") == """
            t.rep:3:3: error: expected an id (a whole number from 0), found '-1'
             3 | a -1 8
               |   ^~
            """)
        #expect(traceErrors("2\n1\na 1 4KiB\n") == """
            t.rep:3:5: error: expected a size in bytes (a whole number), found '4KiB'
             3 | a 1 4KiB
               |     ^~~~
            """)
        #expect(traceErrors("2\n1\nm 1 8 24\n") == """
            t.rep:3:7: error: the alignment must be a power of two, found 24
             3 | m 1 8 24
               |       ^~
            """)
        #expect(traceErrors("2\n1\na 1 281474976710657\n") == """
            t.rep:3:5: error: 281474976710657 is too large (at most 281474976710656)
             3 | a 1 281474976710657
               |     ^~~~~~~~~~~~~~~
            """)
    }

    @Test func badHeadersAreLocated() {
        #expect(traceErrors("1\n2\n3\na 0 1\n") == """
            t.rep:4:1: error: expected a trace header of 2 numbers (ids, operations) or 4 (suggested heap size, ids, operations, weight), one a line; found 3
             4 | a 0 1
               | ^
            """)
        #expect(traceErrors("2 3\na 0 1\n") == """
            t.rep:1:3: error: unexpected '3' after the header number (one number a line)
             1 | 2 3
               |   ^
            """)
        #expect(traceErrors("20000\n2\n1\n0.5x\na 0 1\n") == """
            t.rep:4:1: error: expected a header number such as 20000, found '0.5x'
             4 | 0.5x
               | ^~~~
            """)
        #expect(traceErrors("a 0 1\n") == """
            t.rep:1:1: error: expected a trace header of 2 numbers (ids, operations) or 4 (suggested heap size, ids, operations, weight), one a line; found 0
             1 | a 0 1
               | ^
            """)
        #expect(traceErrors("") == "t.rep:1:1: error: empty trace: expected a header (ids, operations) and lines such as 'a 0 16'")
        #expect(traceErrors("a\u{0}") == "t.rep:1:2: error: this is not a text trace: NUL byte at byte offset 1 (a binary file?)")
        #expect((try? TraceParser.parse("20000\n0\n0\n1.5\n", file: "t.rep"))?.statements.isEmpty == true)
    }
}

@Suite struct TraceLaneTests {
    private func summary(_ text: String) throws -> TraceSummary {
        try #require(try TraceParser.parse(text, file: "t.rep").trace)
    }

    @Test func smallTracesGetTheSmallestLanesAndSmallBlocks() throws {
        let sizing = try TraceLanes.sizing(for: try summary("2\n3\na 0 30\na 1 100\nf 0\n"))
        #expect(sizing.lanes == [try LaneConfiguration.buddy(size: 64 << 10, minimumBlock: 32), try LaneConfiguration.heap(capacity: 64 << 10)])
        #expect(sizing.description == "lanes sized from the trace: buddy 64KiB min=32, heap 64KiB (peak live 130B, largest request 100B)")
    }

    @Test func lanesGrowWithThePeak() throws {
        // 300 live blocks of 1000 bytes: peak 300,000 bytes; as 1 KiB buddy blocks 307,200.
        let ops = (0..<300).map { "a \($0) 1000" }.joined(separator: "\n")
        let trace = try summary("300\n300\n" + ops)
        #expect(trace.peakLiveBytes == 300_000)
        #expect(trace.peakBuddyBytes(minimum: 1024) == 307_200)
        #expect(trace.peakBuddyBytes(minimum: 4096) == 1_228_800)
        let sizing = try TraceLanes.sizing(for: trace)
        // heap: 2 x 300,000 -> 1 MiB; buddy min 1 KiB (smallest request 1000): 2 x 307,200 -> 1 MiB.
        #expect(sizing.lanes == [try LaneConfiguration.buddy(size: 1 << 20, minimumBlock: 1024), try LaneConfiguration.heap(capacity: 1 << 20)])
    }

    @Test func theHeapIsCappedAtTheLaneLimitAndTheBuddyBlockCountFits() throws {
        let trace = try summary("2\n2\na 0 1\na 1 200000000\n")
        #expect(TraceLanes.heapSize(for: trace) == LaneConfiguration.maximumHeapSize)
        let shape = TraceLanes.buddyShape(for: trace, size: nil)
        #expect(shape.size == 1 << 30)
        #expect(shape.size / shape.minimum <= LaneConfiguration.maximumBuddyBlocks)
        #expect(shape.minimum == 256)
    }

    @Test func overridesReplaceOrDropALane() throws {
        let trace = try summary("2\n1\na 0 30\n")
        let sizing = try TraceLanes.sizing(for: trace, heap: 1 << 20, buddy: 0)
        #expect(sizing.lanes == [try LaneConfiguration.heap(capacity: 1 << 20)])
        #expect(sizing.description == "lanes for the trace: heap 1MiB (--heap) (peak live 30B, largest request 30B)")
        #expect(throws: LaneConfigurationError.self) { try TraceLanes.sizing(for: trace, heap: 0, buddy: 0) }
        #expect(throws: LaneConfigurationError.self) { try TraceLanes.sizing(for: trace, heap: 100, buddy: nil) }
    }
}

@Suite struct TraceRoundTripTests {
    /// A trace and the script it stands for end in the identical session state.
    @Test func aTraceAndItsScriptGiveTheSameSession() throws {
        let trace = """
            20000
            4
            9
            1
            a 0 3000
            m 1 200 256
            c 2 48
            r 0 5000
            f 1
            a 1 16
            r 2 0
            f 0
            a 3 64
            """
        let script = """
            buddy 64KiB min=16
            heap 64KiB
            alloc t0 3000
            alloc t1 200 align=256
            alloc t2 48
            realloc t0 5000
            free t1
            alloc t1 16
            realloc t2 1
            free t0
            alloc t3 64
            """
        let fromTrace = try TraceParser.parse(trace, file: "t.rep").sizingLanesFromTrace()
        let fromScript = try ScriptParser.parse(script, file: "t.aviz")
        #expect(fromTrace.lanes == fromScript.lanes)
        let a = try ScriptRunner(script: fromTrace)
        a.runToEnd()
        let b = try ScriptRunner(script: fromScript)
        b.runToEnd()
        #expect(a.session.position == 9)
        // The same allocators and live handles; the trace's session forgets freed ids (t0),
        // which the script's session remembers as freed.
        let freedLines = { (line: Substring) in line.hasPrefix("  t") && line.contains(" - failed=") }
        #expect(fingerprint(a.session) == fingerprint(b.session).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !freedLines($0) }.joined(separator: "\n"))
        #expect(a.session.state.lanes.allSatisfy { $0.handles.count == 3 })
        #expect(a.session.state.handles.status(of: "t0") == .unknown)
        #expect(b.session.state.handles.status(of: "t0") == .freed)
        #expect(invariantViolation(a.session) == nil)
    }

    @Test func aReplayLineInlinesTheTrace() throws {
        guard let path = TemporaryFileForTrace.create("2\n2\na 0 100\nf 0\n") else { return }
        defer { TemporaryFileForTrace.remove(path) }
        let script = try ScriptParser.parse("heap 4KiB\nalloc A 8\nreplay \"\(path)\"\nexpect live(heap) == 1\n", file: "t.aviz")
        #expect(script.statements.map(\.kind).prefix(3) == [
            .alloc(handle: "A", size: 8, alignment: nil), .alloc(handle: "t0", size: 100, alignment: nil), .free(handle: "t0", again: false),
        ])
        #expect(script.statements[1].location == SourceLocation(line: 3, column: 1))
        let runner = try ScriptRunner(script: script)
        runner.runToEnd()
        #expect(runner.failures.isEmpty && runner.results.count == 1)
    }

    @Test func aReplayOfABadTraceReportsBothFiles() throws {
        guard let path = TemporaryFileForTrace.create("2\n1\nf 3\n") else { return }
        defer { TemporaryFileForTrace.remove(path) }
        do {
            _ = try ScriptParser.parse("replay \"\(path)\"\n", file: "t.aviz")
            Issue.record("a bad trace was replayed")
        } catch {
            #expect(error.description.contains("\(path):3:3: error: free of id 3, which was never allocated"))
            #expect(error.description.contains("t.aviz:1:8: error: cannot replay \"\(path)\": the trace has an error"))
        }
        #expect(throws: ScriptErrors.self) { try ScriptParser.parse("replay \"/dev/null\"\n", file: "t.aviz") }
        #expect(throws: ScriptErrors.self) { try ScriptParser.parse("replay \"/nonexistent/t.rep\"\n", file: "t.aviz") }
    }

    @Test func replayPathsAreRelativeToTheScript() {
        #expect(ScriptParser.resolve("traces/t.rep", relativeTo: "demos/x.aviz") == "demos/traces/t.rep")
        #expect(ScriptParser.resolve("t.rep", relativeTo: "x.aviz") == "t.rep")
        #expect(ScriptParser.resolve("/a/t.rep", relativeTo: "demos/x.aviz") == "/a/t.rep")
    }
}
