#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import AllocVizCore

/// A random trace in the lab's format: `operations` lines of `a`, `f`, `r`, `m` and `c` on ids
/// numbered from 0, about `live` blocks live at a time, sizes 1 B to 4 KiB.
func generatedTrace(operations: Int, live: Int = 200, seed: UInt64 = 1) -> String {
    var random = TestRandom(seed: seed)
    var liveIDs: [Int] = []
    var nextID = 0
    var lines: [String] = []
    for _ in 0..<operations {
        let roll = Int(random.next() % 100)
        let allocate = liveIDs.isEmpty || roll < (liveIDs.count < live ? 55 : 40)
        if allocate {
            let size = Int(random.next() % 4096) + (roll % 7 == 0 ? 0 : 1)
            switch roll % 5 {
            case 0: lines.append("m \(nextID) \(size) \(1 << Int(random.next() % 8 + 3))")
            case 1: lines.append("c \(nextID) \(size)")
            default: lines.append("a \(nextID) \(size)")
            }
            liveIDs.append(nextID)
            nextID += 1
        } else if roll < 55 {
            lines.append("r \(liveIDs[Int(random.next() % UInt64(liveIDs.count))]) \(Int(random.next() % 4096) + 1)")
        } else {
            let index = Int(random.next() % UInt64(liveIDs.count))
            lines.append("f \(liveIDs[index])")
            liveIDs.swapAt(index, liveIDs.count - 1)
            liveIDs.removeLast()
        }
    }
    return "20000\n\(nextID)\n\(operations)\n1\n" + lines.joined(separator: "\n") + "\n"
}

/// `check` and `bench --trace` read a trace as a stream (``TraceStream``): the same outcome and
/// the same diagnostics as parsing it whole, whatever the buffer size.
@Suite struct TraceStreamTests {
    /// Buffer sizes that split lines, line endings and the byte order mark everywhere, and the default.
    static let bufferSizes = [1, 2, 3, 5, 7, 64, TraceStream.defaultBufferSize]

    /// Replaces the file at `path` with exactly `bytes`.
    func write(_ bytes: [UInt8], to path: String) {
        let file = fopen(path, "wb")
        _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
    }

    /// The diagnostics of parsing `text` whole, and of streaming it from a file with each buffer size.
    @discardableResult
    func expectSameDiagnostics(_ text: String, _ sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
        try expectSameDiagnostics(bytes: Array(text.utf8), sourceLocation)
    }

    @discardableResult
    func expectSameDiagnostics(bytes: [UInt8], _ sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> String {
        let path = try #require(TemporaryFileForTrace.create(""))
        defer { TemporaryFileForTrace.remove(path) }
        write(bytes, to: path)
        let whole: String
        do {
            _ = try TraceParser.parse(bytes: bytes, file: path)
            whole = "ok"
        } catch {
            whole = error.description
        }
        #expect(whole != "ok", "the text was meant to be bad", sourceLocation: sourceLocation)
        for size in Self.bufferSizes {
            var streamed = "ok"
            do { _ = try TraceStream.scan(path, bufferSize: size) } catch { streamed = error.description }
            #expect(streamed == whole, "buffer \(size)", sourceLocation: sourceLocation)
        }
        return whole
    }

    /// A generated trace checked as a stream leaves the session exactly as running its parsed
    /// script does: same summary, lanes, steps, and every lane's blocks, chunks and bins.
    @Test func aStreamedCheckEndsInTheSameState() throws {
        let text = generatedTrace(operations: 3000)
        let path = try #require(TemporaryFileForTrace.create(text))
        defer { TemporaryFileForTrace.remove(path) }

        let parsed = try TraceParser.parse(text, file: path).sizingLanesFromTrace()
        let runner = try ScriptRunner(script: parsed, recordsHistory: false)
        runner.runToEnd()
        #expect(runner.internalErrors.isEmpty)

        for size in [3, TraceStream.defaultBufferSize] {
            let scanned = try TraceStream.scan(path, bufferSize: size)
            #expect(scanned.trace == parsed.trace)
            #expect(scanned.statements.isEmpty)
            let sized = try scanned.sizingLanesFromTrace()
            #expect(sized.lanes == parsed.lanes)
            #expect(sized.laneSizing == parsed.laneSizing)
            #expect(sized.title == parsed.title)
            let session = Session(lanes: sized.effectiveLanes, title: sized.title, recordsHistory: false)
            let refused = try TraceStream.run(path, on: session, bufferSize: size)
            #expect(refused.isEmpty)
            #expect(session.position == runner.session.position)
            #expect(session.position == 3000)
            // The same blocks, chunks and bins in every lane (the streamed run names blocks
            // by automatic handles, forgotten once freed: the handles differ, not the lanes).
            func lanes(_ session: Session) -> [Substring] {
                fingerprint(session).split(separator: "\n").filter {
                    ["lane ", "  free counts", "  live ", "  chunks", "  bins"].contains(where: $0.hasPrefix)
                }
            }
            #expect(lanes(session) == lanes(runner.session))
            #expect(lanes(session).count >= 6)
            #expect(session.state.handles.liveCount == runner.session.state.handles.liveCount)
            for index in session.configurations.indices {
                #expect(session.laneSnapshot(index).metrics == runner.session.laneSnapshot(index).metrics)
                #expect(session.state.lanes[index].failures == runner.session.state.lanes[index].failures)
                // Freed blocks' handles are forgotten: only the live ones are kept.
                #expect(session.state.lanes[index].handles.count == session.state.handles.liveCount)
            }
            #expect(invariantViolation(session) == nil)
        }
    }

    /// Bad lines in the middle of a long trace get the diagnostics the whole-file parser gives,
    /// free lines of ids freed long before included.
    @Test func badInputMidFileGetsTheSameDiagnostics() throws {
        var lines = generatedTrace(operations: 2000).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A free of the first id, freed (or still live) by then; an unknown operation; a bad
        // size; a realloc of an id never allocated; an allocation of an id used before.
        let firstFree = try #require(lines.firstIndex { $0.hasPrefix("f ") })
        let freedID = String(lines[firstFree].dropFirst(2))
        lines.insert("f \(freedID)", at: 1500)
        lines.insert("x 1 2", at: 1200)
        lines.insert("a 99999 12z", at: 900)
        lines.insert("r 88888 5", at: 800)
        lines.insert("f 0", at: 1700)
        lines.insert("f 0", at: 1701)
        let diagnostics = try expectSameDiagnostics(lines.joined(separator: "\n"))
        #expect(diagnostics.contains("f 0\n") && diagnostics.contains("which was already freed on line"))
        #expect(diagnostics.contains("unknown trace operation 'x'") && diagnostics.contains("which was never allocated (a realloc of NULL"))
        try expectSameDiagnostics(lines.joined(separator: "\r\n"))
        try expectSameDiagnostics("\u{FEFF}" + lines.joined(separator: "\r"))
    }

    /// More than the reported number of errors, a header problem at the end, and an empty trace.
    @Test func limitsHeadersAndEmptyTracesMatch() throws {
        try expectSameDiagnostics("2\n30\n" + (0..<30).map { "f \($0)" }.joined(separator: "\n") + "\n")
        try expectSameDiagnostics("# only a header\n\n1\n2\n3\n")
        try expectSameDiagnostics("")
        try expectSameDiagnostics("# nothing\n")
        try expectSameDiagnostics("1\n1\na 0 1\nf 0\nf 0")
    }

    /// A NUL or invalid UTF-8 anywhere gets the one binary diagnostic, even after other errors.
    @Test func binaryBytesAnywhereAreReportedAlone() throws {
        let body = Array(("2\n30\n" + (0..<25).map { "f \($0)" }.joined(separator: "\n") + "\na 0 1\n").utf8)
        try expectSameDiagnostics(bytes: body + [0x61, 0x20, 0x00, 0x0A])
        let path = try #require(TemporaryFileForTrace.create(""))
        defer { TemporaryFileForTrace.remove(path) }
        for bad in [[0xC3, 0x28] as [UInt8], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xFF]] {
            let bytes = body + [0x61, 0x20] + bad + [0x0D, 0x0A, 0x66, 0x20, 0x31, 0x0A]
            write(bytes, to: path)
            let whole: String
            do { _ = try TraceParser.parse(bytes: bytes, file: path); whole = "ok" } catch { whole = error.description }
            #expect(whole.contains("invalid UTF-8"))
            for size in Self.bufferSizes {
                var streamed = "ok"
                do { _ = try TraceStream.scan(path, bufferSize: size) } catch { streamed = error.description }
                #expect(streamed == whole, "buffer \(size), bytes \(bad)")
            }
        }
    }

    /// Lines come out as ``ScriptParser/splitLines(_:)`` splits the whole file, with their
    /// offsets, whatever buffer boundary falls inside a line, a CRLF pair or the byte order mark.
    @Test func bufferBoundariesDoNotSplitLines() throws {
        let texts = ["a 0 16\nf 0\n", "\u{FEFF}1\r\n2\r\n\r\na 0 1\r\nf 0", "x\ry\r\rz\n\r\nlast", "\n", "\r\n", "\r", "",
                     "no ending", "\u{FEFF}", "long " + String(repeating: "word ", count: 40) + "\nshort\n"]
        let path = try #require(TemporaryFileForTrace.create(""))
        defer { TemporaryFileForTrace.remove(path) }
        for text in texts {
            let bytes = Array(text.utf8)
            write(bytes, to: path)
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
            var expected = ScriptParser.splitLines(body)
            if expected.last == "" { expected.removeLast() }
            for size in 1...9 {
                var lines: [String] = []
                var numbers: [Int] = []
                var offsetsHoldTheLines = true
                let failure = TraceLineReader.forEachLine(path: path, bufferSize: size) { line, lineBytes in
                    lines.append(String(decoding: lineBytes, as: UTF8.self))
                    numbers.append(line.number)
                    if Array(bytes[line.offset..<line.offset + lineBytes.count]) != Array(lineBytes) { offsetsHoldTheLines = false }
                    return true
                }
                #expect(failure == nil)
                #expect(lines == expected, "\(text.debugDescription), buffer \(size)")
                #expect(numbers == Array(1...max(1, expected.count)).prefix(expected.count).map { $0 })
                #expect(offsetsHoldTheLines, "\(text.debugDescription), buffer \(size)")
            }
        }
    }

    /// Traces are recognised by content without reading past their first significant line;
    /// only regular files are streamed.
    @Test func streamableTracesAreRegularFilesThatLookLikeTraces() throws {
        for (text, isTrace) in [("# c\n\n  20\n", true), ("\u{FEFF}2\n", true), ("heap 64KiB\n", false), ("#\n", false)] {
            let path = try #require(TemporaryFileForTrace.create(text, suffix: ".txt"))
            defer { TemporaryFileForTrace.remove(path) }
            #expect(TraceStream.isStreamableTrace(path) == isTrace, "\(text.debugDescription)")
            #expect(TraceParser.looksLikeTrace(Array(text.utf8), file: path) == isTrace)
        }
        #expect(!TraceStream.isStreamableTrace("/dev/null"))
        #expect(!TraceStream.isStreamableTrace("/nonexistent/t.rep"))
    }

    /// The packed operations read from a file are the parsed script's, and slots are reused
    /// once freed: as many slots as ids live at once.
    @Test func packedOperationsMatchTheParsedTraceAndReuseSlots() throws {
        let text = generatedTrace(operations: 2000, live: 50)
        let path = try #require(TemporaryFileForTrace.create(text))
        defer { TemporaryFileForTrace.remove(path) }
        let parsed = try TraceParser.parse(text, file: path)
        let streamed = try TraceStream.operations(path, bufferSize: 5)
        #expect(streamed.summary == parsed.trace)
        #expect(streamed.operations == parsed.traceOperations)
        #expect(streamed.operations.count == 2000)
        var live = 0, peak = 0
        for operation in streamed.operations.operations {
            switch operation {
            case .allocate: live += 1
            case .free: live -= 1
            case .reallocate: break
            }
            peak = max(peak, live)
        }
        #expect(streamed.operations.slotCount == peak)
        #expect(streamed.operations.slotCount < parsed.trace!.idCount)
        let aligned = TraceOperation.allocate(slot: 3, size: TraceParser.maximumSize, alignment: 1 << 40)
        #expect(PackedTraceOperation(aligned).operation == aligned)
        #expect(MemoryLayout<PackedTraceOperation>.stride == 16)
    }
}
