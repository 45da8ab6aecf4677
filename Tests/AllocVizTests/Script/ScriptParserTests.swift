import Allocators
import Testing
@testable import AllocVizCore

/// Parses `text` and returns the rendered diagnostics, or "" when it parses.
private func errors(_ text: String) -> String {
    do {
        _ = try ScriptParser.parse(text, file: "t.aviz")
        return ""
    } catch {
        return error.description
    }
}

private func statements(_ text: String) throws -> [ScriptStatement.Kind] {
    try ScriptParser.parse(text, file: "t.aviz").statements.map(\.kind)
}

@Suite struct ScriptParserStatementTests {
    @Test func headerDeclaresTitleAndLanes() throws {
        let script = try ScriptParser.parse("""
            title "Splits"   # a comment
            buddy 1MiB min=4KiB name=b1 impl=array-list
            heap 64KiB impl=segregated
            alloc A 3000
            """, file: "t.aviz")
        #expect(script.title == "Splits")
        #expect(script.lanes == [
            try! LaneConfiguration.buddy(name: "b1", size: 1 << 20, minimumBlock: 4096, implementation: BuddyImplementation(rawValue: "array-list")!),
            try! LaneConfiguration.heap(name: "heap", capacity: 65536, implementation: HeapImplementation(rawValue: "segregated")!),
        ])
        #expect(script.laneLocations == [SourceLocation(line: 2, column: 1), SourceLocation(line: 3, column: 1)])
        #expect(script.statements.map(\.location) == [SourceLocation(line: 4, column: 1)])
    }

    @Test func noHeaderMeansTheDefaultLanes() throws {
        let script = try ScriptParser.parse("alloc A 1", file: "t.aviz")
        #expect(script.lanes.isEmpty)
        #expect(script.effectiveLanes == LaneConfiguration.defaults)
    }

    @Test func operations() throws {
        #expect(try statements("""
            alloc A 3000
            alloc B 12KiB align=64
            free A
            free A again
            realloc B 0x5000
            note "A \\"quoted\\" note"
            pause
            """) == [
            .alloc(handle: "A", size: 3000, alignment: nil),
            .alloc(handle: "B", size: 12288, alignment: 64),
            .free(handle: "A", again: false),
            .free(handle: "A", again: true),
            .realloc(handle: "B", size: 0x5000),
            .note("A \"quoted\" note"),
            .pause,
        ])
    }

    @Test func randomLines() throws {
        #expect(try statements("random 200 seed=7 sizes=16..4KiB free=40%") == [
            .random(count: 200, workload: RandomWorkload(seed: 7, sizes: 16...4096, freePercent: 40)),
        ])
        #expect(try statements("random 5 sizes=1..2 seed=0xff realloc=10% free=20 align=8..4KiB") == [
            .random(count: 5, workload: RandomWorkload(seed: 255, sizes: 1...2, freePercent: 20, reallocPercent: 10, alignments: 8...4096)),
        ])
    }

    @Test func expectations() throws {
        let kinds = try statements("""
            buddy 64KiB
            heap 4KiB
            expect extfrag(heap) < 0.5
            expect free-blocks(buddy, order=0) == 1
            expect free-blocks(heap) >= 2
            expect free(buddy) == 60KiB
            expect utilisation(heap) <= 25%
            expect offset(buddy, A) != 0x1000
            expect failed(heap, @3) == 1
            expect unusable(buddy, order=2) > 0
            expect intfrag(buddy) == 1096
            expect used(heap) > 0
            expect largest(heap) >= 1
            expect live(buddy) == 0
            expect requested(buddy) == 0
            expect sawicki(heap) < 1
            expect failures(heap) == 0
            expect size(buddy, A) == 4KiB
            expect moved(heap, A) == 0
            expect align(heap, A) >= 64
            expect bin-count(heap, size=48) == 1
            expect bin-count(heap, sub=3, size=48) == 0
            """)
        let expected: [(ScriptMetric, String, ComparisonOperator, Double)] = [
            (.externalFragmentation, "heap", .less, 0.5),
            (.freeBlocks(order: 0), "buddy", .equal, 1),
            (.freeBlocks(order: nil), "heap", .greaterOrEqual, 2),
            (.freeBytes, "buddy", .equal, 61440),
            (.utilisation, "heap", .lessOrEqual, 0.25),
            (.offset(handle: "A"), "buddy", .notEqual, 4096),
            (.failed(handle: "@3"), "heap", .equal, 1),
            (.unusableIndex(order: 2), "buddy", .greater, 0),
            (.internalFragmentation, "buddy", .equal, 1096),
            (.usedBytes, "heap", .greater, 0),
            (.largestFree, "heap", .greaterOrEqual, 1),
            (.liveBlocks, "buddy", .equal, 0),
            (.requestedBytes, "buddy", .equal, 0),
            (.sawicki, "heap", .less, 1),
            (.failures, "heap", .equal, 0),
            (.blockSize(handle: "A"), "buddy", .equal, 4096),
            (.moved(handle: "A"), "heap", .equal, 0),
            (.alignment(handle: "A"), "heap", .greaterOrEqual, 64),
            (.binCount(chunkSize: 48, subBin: nil), "heap", .equal, 1),
            (.binCount(chunkSize: 48, subBin: 3), "heap", .equal, 0),
        ]
        #expect(kinds.count == expected.count)
        for (kind, want) in zip(kinds, expected) {
            guard case .expect(let e) = kind else { Issue.record("not an expect: \(kind)"); continue }
            #expect(e.metric == want.0)
            #expect(e.lane == want.1)
            #expect(e.comparison == want.2)
            #expect(e.value == want.3)
        }
        guard case .expect(let first) = kinds[0], case .expect(let second) = kinds[1] else { return }
        #expect(first.text == "extfrag(heap) < 0.5")
        #expect(second.text == "free-blocks(buddy, order=0) == 1")
    }

    @Test func blankLinesCommentsCRLFAndBOM() throws {
        let script = try ScriptParser.parse("\u{FEFF}# intro\r\n\r\n   alloc A 1   # trailing\r\nfree A\r\n", file: "t.aviz")
        #expect(script.statements.map(\.kind) == [.alloc(handle: "A", size: 1, alignment: nil), .free(handle: "A", again: false)])
        #expect(script.statements.map(\.location.line) == [3, 4])
        #expect(script.statements[0].location.column == 4)
    }

    @Test func comparisonOperators() {
        #expect(ComparisonOperator.less.holds(1, 2))
        #expect(!ComparisonOperator.less.holds(2, 2))
        #expect(ComparisonOperator.lessOrEqual.holds(2, 2))
        #expect(ComparisonOperator.equal.holds(0.1 + 0.2, 0.3))
        #expect(ComparisonOperator.notEqual.holds(1, 2))
        #expect(ComparisonOperator.greaterOrEqual.holds(3, 2))
        #expect(!ComparisonOperator.greater.holds(2, 2))
    }
}

@Suite struct SizeLiteralTests {
    @Test func accepted() {
        let cases: [(String, Int)] = [
            ("4096", 4096), ("0x1000", 4096), ("0X10_00", 4096), ("4KiB", 4096), ("4K", 4096), ("4kib", 4096),
            ("1MiB", 1 << 20), ("1M", 1 << 20), ("2GiB", 2 << 30), ("1TiB", 1 << 40), ("64B", 64),
            ("1.5KiB", 1536), ("0.5MiB", 1 << 19), ("1_048_576", 1 << 20),
        ]
        for (text, value) in cases { #expect(SizeLiteral.parse(text) == .success(value), "\(text)") }
    }

    @Test func rejected() {
        #expect(SizeLiteral.parse("4KB") == .failure(.malformed("'4KB': write KiB (sizes are binary, 1 KiB = 1024 bytes)")))
        #expect(SizeLiteral.parse("1.3KiB") == .failure(.malformed("'1.3KiB' is not a whole number of bytes")))
        #expect(SizeLiteral.parse("1.5") == .failure(.malformed("'1.5' is not a whole number of bytes")))
        #expect(SizeLiteral.parse("4Kx") == .failure(.malformed("'4Kx': unknown unit 'Kx'; use B, KiB, MiB, GiB or TiB")))
        #expect(SizeLiteral.parse("abc") == .failure(.malformed("expected a size such as 4096, 4KiB or 0x1000, found 'abc'")))
        #expect(SizeLiteral.parse("0x") == .failure(.malformed("'0x' is not a hexadecimal number")))
        #expect(SizeLiteral.parse("1.2.3K") == .failure(.malformed("'1.2.3K' is not a number")))
        #expect(SizeLiteral.parse("99999999999999999999") == .failure(.overflow("'99999999999999999999' is too large: sizes must fit in 63 bits")))
        #expect(SizeLiteral.parse("9000000TiB") == .failure(.overflow("'9000000TiB' is too large: sizes must fit in 63 bits")))
        #expect(SizeLiteral.parse("0x8000000000000000") == .failure(.overflow("'0x8000000000000000' is too large: sizes must fit in 63 bits")))
    }

    @Test func format() {
        #expect(SizeLiteral.format(4096) == "4KiB")
        #expect(SizeLiteral.format(1536) == "1536")
        #expect(SizeLiteral.format(1 << 20) == "1MiB")
        #expect(SizeLiteral.format(0) == "0")
    }
}

@Suite struct ScriptParserErrorTests {
    @Test func unknownStatementSuggestsTheClosest() {
        #expect(errors("aloc A 4") == """
            t.aviz:1:1: error: unknown statement 'aloc' (did you mean 'alloc'?); expected one of title, buddy, heap, alloc, free, realloc, random, note, pause, expect, replay
             1 | aloc A 4
               | ^~~~
            """)
    }

    @Test func badSize() {
        #expect(errors("alloc A abc") == """
            t.aviz:1:9: error: expected a size such as 4096, 4KiB or 0x1000, found 'abc'
             1 | alloc A abc
               |         ^~~
            """)
    }

    @Test func overflowingSize() {
        #expect(errors("alloc A 99999999999999999999") == """
            t.aviz:1:9: error: '99999999999999999999' is too large: sizes must fit in 63 bits
             1 | alloc A 99999999999999999999
               |         ^~~~~~~~~~~~~~~~~~~~
            """)
    }

    @Test func missingSize() {
        #expect(errors("alloc A") == """
            t.aviz:1:8: error: expected a size in bytes before the end of the line
             1 | alloc A
               |        ^
            """)
    }

    @Test func zeroSize() {
        #expect(errors("alloc A 0") == """
            t.aviz:1:9: error: a size must be at least 1 byte
             1 | alloc A 0
               |         ^
            """)
    }

    @Test func badAlignment() {
        #expect(errors("alloc A 8 align=48") == """
            t.aviz:1:17: error: the alignment must be a power of two, found 48
             1 | alloc A 8 align=48
               |                 ^~
            """)
        #expect(errors("alloc A 8 alin=8") == """
            t.aviz:1:11: error: unexpected 'alin' in alloc; expected one of align= or the end of the line
             1 | alloc A 8 alin=8
               |           ^~~~
            """)
    }

    @Test func badHandleName() {
        #expect(errors("free 9lives") == """
            t.aviz:1:6: error: expected a handle name (letters, digits, '_' and '-', starting with a letter, or @N), found '9lives'
             1 | free 9lives
               |      ^~~~~~
            """)
    }

    @Test func trailingTokens() {
        #expect(errors("free A B") == """
            t.aviz:1:8: error: unexpected 'B' after the handle (a deliberate double free is written 'free A again')
             1 | free A B
               |        ^
            """)
        #expect(errors("pause now") == """
            t.aviz:1:7: error: unexpected 'now' after pause
             1 | pause now
               |       ^~~
            """)
    }

    @Test func strings() {
        #expect(errors("note \"open") == """
            t.aviz:1:6: error: unterminated string: expected a closing '"' before the end of the line
             1 | note "open
               |      ^~~~~
            """)
        #expect(errors("note \"a\\qb\"") == """
            t.aviz:1:8: error: unknown escape '\\q' in a string; use \\" \\\\ \\n or \\t
             1 | note "a\\qb"
               |        ^~
            """)
        #expect(errors("note \"a\u{1}b\"") == """
            t.aviz:1:8: error: control character U+1 in a string; use \\n or \\t
             1 | note "a?b"
               |        ^
            """)
        #expect(errors("note hello") == """
            t.aviz:1:6: error: expected a quoted note such as "A took 4 KiB"
             1 | note hello
               |      ^~~~~
            """)
        #expect(errors("title \"a\"\ntitle \"b\"") == """
            t.aviz:2:1: error: the title is already set on line 1
             2 | title "b"
               | ^~~~~
            """)
    }

    @Test func unexpectedCharacter() {
        #expect(errors("alloc A 8 ; free A") == """
            t.aviz:1:11: error: unexpected character ';'
             1 | alloc A 8 ; free A
               |           ^
            """)
    }

    @Test func lanes() {
        #expect(errors("buddy 1MiB\nbuddy 2MiB") == """
            t.aviz:2:1: error: a lane named 'buddy' is already declared on line 1; give this one another name with name=...
             2 | buddy 2MiB
               | ^~~~~
            """)
        #expect(errors("buddy 1MiB name=x\nheap 4KiB name=x") == """
            t.aviz:2:16: error: a lane named 'x' is already declared on line 1
             2 | heap 4KiB name=x
               |                ^
            """)
        #expect(errors("buddy 3MiB") == """
            t.aviz:1:7: error: total size must be a power of two, got 3145728
             1 | buddy 3MiB
               |       ^~~~
            """)
        #expect(errors("buddy 1MiB min=3000") == """
            t.aviz:1:16: error: minimum block size must be a power of two, got 3000
             1 | buddy 1MiB min=3000
               |                ^~~~
            """)
        #expect(errors("buddy 1MiB impl=fast") == """
            t.aviz:1:17: error: unknown buddy implementation 'fast'; expected one of \(LaneConfiguration.implementationNames(of: .buddy).joined(separator: ", "))
             1 | buddy 1MiB impl=fast
               |                 ^~~~
            """)
        #expect(errors("heap 64KiB min=8") == """
            t.aviz:1:12: error: unexpected 'min' in a heap lane; expected one of name=, impl= or the end of the line
             1 | heap 64KiB min=8
               |            ^~~
            """)
        #expect(errors("heap 2GiB") == """
            t.aviz:1:6: error: a heap lane may have at most 256MiB, found 2GiB
             1 | heap 2GiB
               |      ^~~~
            """)
        #expect(errors("alloc A 1\nheap 4KiB") == """
            t.aviz:2:1: error: lanes must be declared before the first operation (line 1)
             2 | heap 4KiB
               | ^~~~
            """)
    }

    @Test func randomErrors() {
        #expect(errors("random 10 sizes=1..8") == """
            t.aviz:1:21: error: random needs seed=N (the same seed always gives the same operations)
             1 | random 10 sizes=1..8
               |                     ^
            """)
        #expect(errors("random 10 seed=1") == """
            t.aviz:1:17: error: random needs sizes=A..B (request sizes, e.g. sizes=16..4KiB)
             1 | random 10 seed=1
               |                 ^
            """)
        #expect(errors("random 10 seed=1 sizes=9..8") == """
            t.aviz:1:24: error: the range 9..8 is empty: 9 > 8
             1 | random 10 seed=1 sizes=9..8
               |                        ^~~~
            """)
        #expect(errors("random 10 seed=1 sizes=8..1x") == """
            t.aviz:1:27: error: '1x': unknown unit 'x'; use B, KiB, MiB, GiB or TiB
             1 | random 10 seed=1 sizes=8..1x
               |                           ^~
            """)
        #expect(errors("random 10 seed=1 sizes=8..16 free=70% realloc=40%") == """
            t.aviz:1:47: error: free=70% and realloc=40% add up to more than 100%
             1 | random 10 seed=1 sizes=8..16 free=70% realloc=40%
               |                                               ^~~
            """)
        #expect(errors("random 0 seed=1 sizes=8..16") == """
            t.aviz:1:8: error: expected the number of operations (a whole number of at least 1), found '0'
             1 | random 0 seed=1 sizes=8..16
               |        ^
            """)
        #expect(errors("random 1 seed=-1 sizes=8..16") == """
            t.aviz:1:15: error: expected a seed between 0 and 2^64-1, found '-1'
             1 | random 1 seed=-1 sizes=8..16
               |               ^~
            """)
        #expect(errors("random 1 seed=1 sizes=8..16 align=8..24") == """
            t.aviz:1:35: error: alignments must be powers of two, found 24
             1 | random 1 seed=1 sizes=8..16 align=8..24
               |                                   ^~~~~
            """)
        #expect(errors("random 1 seed=1 seed=2 sizes=8..16") == """
            t.aviz:1:17: error: seed= is given twice
             1 | random 1 seed=1 seed=2 sizes=8..16
               |                 ^~~~
            """)
    }

    @Test func expectErrors() {
        #expect(errors("expect extfrag(disk) < 1") == """
            t.aviz:1:16: error: unknown lane 'disk'; the lanes are buddy, heap
             1 | expect extfrag(disk) < 1
               |                ^~~~
            """)
        #expect(errors("expect exfrag(heap) < 1") == """
            t.aviz:1:8: error: unknown metric 'exfrag' (did you mean 'extfrag'?); expected one of extfrag, intfrag, free, used, requested, largest, live, free-blocks, unusable, utilisation, sawicki, failures, offset, size, failed, moved, align, bin-count
             1 | expect exfrag(heap) < 1
               |        ^~~~~~
            """)
        #expect(errors("expect extfrag(heap) = 1") == """
            t.aviz:1:22: error: expected a comparison (< <= == != >= >), found '=' (did you mean '=='?)
             1 | expect extfrag(heap) = 1
               |                      ^
            """)
        #expect(errors("expect free-blocks(heap, order=1) == 1") == """
            t.aviz:1:26: error: order=N applies to buddy lanes; 'heap' is a heap
             1 | expect free-blocks(heap, order=1) == 1
               |                          ^~~~~
            """)
        #expect(errors("expect free-blocks(buddy, order=9) == 1") == """
            t.aviz:1:33: error: order 9 does not exist in 'buddy': orders are 0...8
             1 | expect free-blocks(buddy, order=9) == 1
               |                                 ^
            """)
        #expect(errors("expect offset(buddy) == 1") == """
            t.aviz:1:20: error: expected ',' and a handle name: offset(buddy, NAME), found ')'
             1 | expect offset(buddy) == 1
               |                    ^
            """)
        #expect(errors("expect free(heap) < lots") == """
            t.aviz:1:21: error: expected a number such as 0.5, 25%, 4096 or 4KiB, found 'lots'
             1 | expect free(heap) < lots
               |                     ^~~~
            """)
        #expect(errors("expect free(heap) <") == """
            t.aviz:1:20: error: expected a number to compare with before the end of the line
             1 | expect free(heap) <
               |                    ^
            """)
        #expect(errors("expect bin-count(buddy, size=48) == 1") == """
            t.aviz:1:8: error: bin-count(...) applies to heap lanes; 'buddy' is a buddy
             1 | expect bin-count(buddy, size=48) == 1
               |        ^~~~~~~~~
            """)
        #expect(errors("expect bin-count(heap, size=48, sub=9) == 1") == """
            t.aviz:1:37: error: expected a sub-bin number 0...7, found '9'
             1 | expect bin-count(heap, size=48, sub=9) == 1
               |                                     ^
            """)
        #expect(errors("expect unusable(buddy) < 1") == """
            t.aviz:1:22: error: unusable needs an order: unusable(buddy, order=N)
             1 | expect unusable(buddy) < 1
               |                      ^
            """)
    }

    @Test func moreStatementErrors() {
        #expect(errors("buddy 1MiB name=9x") == """
            t.aviz:1:17: error: expected a lane name of letters, digits, '_' and '-', starting with a letter; found '9x'
             1 | buddy 1MiB name=9x
               |                 ^~
            """)
        #expect(errors("heap 64KiB impl=tlsf") == """
            t.aviz:1:17: error: unknown heap implementation 'tlsf'; expected one of \(LaneConfiguration.implementationNames(of: .heap).joined(separator: ", "))
             1 | heap 64KiB impl=tlsf
               |                 ^~~~
            """)
        #expect(errors("title Hello") == """
            t.aviz:1:7: error: expected a quoted title such as "Buddy splits"
             1 | title Hello
               |       ^~~~~
            """)
        #expect(errors("random 2000000 seed=1 sizes=1..2") == """
            t.aviz:1:8: error: at most 1000000 operations per random line
             1 | random 2000000 seed=1 sizes=1..2
               |        ^~~~~~~
            """)
        #expect(errors("expect free heap < 1") == """
            t.aviz:1:13: error: expected '(' after free, found 'heap'
             1 | expect free heap < 1
               |             ^~~~
            """)
        #expect(errors("buddy 1MiB min=2MiB") == """
            t.aviz:1:16: error: total size 1048576 is smaller than the minimum block size 2097152
             1 | buddy 1MiB min=2MiB
               |                ^~~~
            """)
        #expect(errors("heap 100") == """
            t.aviz:1:6: error: a heap needs at least 256 bytes, found 100
             1 | heap 100
               |      ^~~
            """)
        #expect(errors("alloc A 1 align=8 align=16") == """
            t.aviz:1:19: error: align= is given twice
             1 | alloc A 1 align=8 align=16
               |                   ^~~~~
            """)
    }

    @Test func emptyFiles() {
        #expect(errors("") == "t.aviz:1:1: error: empty script: the file is empty; expected statements such as 'alloc A 4KiB'")
        #expect(errors("# only a comment\n\n") == "t.aviz:1:1: error: empty script: the file has only comments and blank lines; expected statements such as 'alloc A 4KiB'")
    }

    @Test func binaryFiles() throws {
        #expect(throws: ScriptErrors.self) { try ScriptParser.parse(bytes: [0x61, 0x0A, 0x62, 0x00, 0x63], file: "b.bin") }
        let nul = (try? ScriptParser.parse(bytes: [0x61, 0x0A, 0x62, 0x00, 0x63], file: "b.bin")) == nil
        #expect(nul)
        do {
            _ = try ScriptParser.parse(bytes: [0x61, 0x0A, 0x62, 0x00, 0x63], file: "b.bin")
        } catch {
            #expect(error.description == "b.bin:2:2: error: this is not a text script: NUL byte at byte offset 3 (a binary file?)")
        }
        do {
            _ = try ScriptParser.parse(bytes: Array("alloc A 1\nnote \"".utf8) + [0xC3, 0x28], file: "b.bin")
            Issue.record("invalid UTF-8 accepted")
        } catch {
            #expect(error.description == "b.bin:2:7: error: this is not a text script: invalid UTF-8 at byte offset 16 (a binary file?)")
        }
        // Valid multi-byte UTF-8 in a note is fine.
        #expect(try statements("note \"café ✓\"") == [.note("café ✓")])
    }

    @Test func aLineOfAMegabyte() {
        let long = "note \"" + String(repeating: "x", count: 1 << 20) + "\""
        let message = errors("alloc A 1\n" + long)
        let lines = message.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "t.aviz:2:4097: error: line is 1048583 characters long; the limit is 4096")
        #expect(lines[1].count < 130)
        #expect(lines[1].hasPrefix(" 2 | ...xxx"))
        #expect(lines[2].hasSuffix("^"))
        // The caret sits under the column it names (after "..." and the cut).
        #expect(lines[2].count == " 2 | ".count + 3 + ScriptDiagnostic.shownLineWidth / 2 + 1)
    }

    @Test func everyErrorOfAFileIsReportedInOrder() {
        let message = errors("alloc A x\nfree\nalloc B 1\nbogus")
        #expect(message.split(separator: "\n").filter { $0.contains("error:") }.map { String($0.prefix(10)) } == ["t.aviz:1:9", "t.aviz:2:5", "t.aviz:4:1"])
    }

    @Test func errorsStopAtTheLimit() {
        let message = errors(String(repeating: "bogus\n", count: 100))
        // The first `limit` lines are reported, in order, and nothing after them.
        #expect(message.split(separator: "\n").filter { $0.contains("error:") }
                == (1 ... ScriptErrors.limit).map {
                    "t.aviz:\($0):1: error: unknown statement 'bogus'; expected one of title, buddy, heap, alloc, free, realloc, random, note, pause, expect, replay"
                })
    }
}
