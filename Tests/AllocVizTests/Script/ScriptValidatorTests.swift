import Testing
@testable import AllocVizCore

/// Parses and validates `text`; returns the rendered problems, or "" when it can run.
private func problems(_ text: String) throws -> String {
    let script = try ScriptParser.parse(text, file: "v.aviz")
    return ScriptValidator.problems(in: script).map(\.description).joined(separator: "\n")
}

@Suite struct ScriptValidatorTests {
    @Test func aGoodScriptHasNoProblems() throws {
        #expect(try problems("alloc A 1\nrealloc A 2\nfree A\nfree A again\nalloc A 3\nexpect offset(heap, A) >= 0") == "")
    }

    @Test func unknownHandles() throws {
        #expect(try problems("alloc Apple 1\nfree Appel") == """
            v.aviz:2:6: error: unknown handle 'Appel': nothing named Appel has been allocated yet (did you mean 'Apple'?)
             2 | free Appel
               |      ^~~~~
            """)
        #expect(try problems("realloc X 5") == """
            v.aviz:1:9: error: unknown handle 'X': nothing named X has been allocated yet
             1 | realloc X 5
               |         ^
            """)
        #expect(try problems("expect offset(buddy, Q) == 0") == """
            v.aviz:1:22: error: unknown handle 'Q': nothing named Q has been allocated yet
             1 | expect offset(buddy, Q) == 0
               |                      ^
            """)
    }

    @Test func doubleFrees() throws {
        #expect(try problems("alloc A 1\nfree A\nfree A") == """
            v.aviz:3:6: error: A was already freed on line 2; to free it again on purpose (a double free the allocators report), write 'free A again'
             3 | free A
               |      ^
            """)
        #expect(try problems("alloc A 1\nfree A again") == """
            v.aviz:2:8: error: 'free A again' is for a handle that was already freed, but A is live (allocated on line 1); write 'free A'
             2 | free A again
               |        ^~~~~
            """)
    }

    @Test func liveAndFreedHandles() throws {
        #expect(try problems("alloc A 1\nalloc A 2") == """
            v.aviz:2:7: error: handle A is already allocated (allocated on line 1); free it first or choose another name
             2 | alloc A 2
               |       ^
            """)
        #expect(try problems("alloc A 1\nfree A\nrealloc A 9") == """
            v.aviz:3:9: error: A was freed on line 2; realloc needs a live handle (write 'alloc A SIZE' to allocate it again)
             3 | realloc A 9
               |         ^
            """)
        #expect(try problems("alloc A 1\nfree A\nexpect size(heap, A) > 0") == """
            v.aviz:3:19: error: A was freed on line 2; this metric needs a live handle
             3 | expect size(heap, A) > 0
               |                   ^
            """)
        // failed(...) and moved(...) may name a freed handle.
        #expect(try problems("alloc A 1\nfree A\nexpect failed(heap, A) == 0") == "")
    }

    @Test func randomLinesAreSimulated() throws {
        // The first operation of seed 42 allocates @1 then frees it (see SessionTests).
        #expect(try problems("random 2 seed=42 sizes=16..4KiB free=40% realloc=20% align=8..256\nfree @1") == """
            v.aviz:2:6: error: @1 was already freed by a random line; an automatic handle cannot be freed twice
             2 | free @1
               |      ^~
            """)
        #expect(try problems("random 1 seed=42 sizes=16..4KiB free=40% realloc=20% align=8..256\nfree @1\nfree @2") == """
            v.aviz:3:6: error: unknown handle '@2': nothing named @2 has been allocated yet
             3 | free @2
               |      ^~
            """)
    }

    @Test func automaticHandlesAreForgottenOnceFreed() throws {
        #expect(try problems("alloc @1 8\nfree @1\nfree @1 again") == """
            v.aviz:3:6: error: a deliberate double free needs a named handle: automatic handles like @1 forget their blocks once freed
             3 | free @1 again
               |      ^~
            """)
        #expect(try problems("alloc @1 8\nfree @1\nexpect failed(heap, @1) == 0") == """
            v.aviz:3:21: error: @1 was freed on line 2; this metric needs a live handle
             3 | expect failed(heap, @1) == 0
               |                     ^~
            """)
        // Explicit automatic names leave gaps that stay unknown.
        #expect(try problems("alloc @5 8\nfree @3") == """
            v.aviz:2:6: error: unknown handle '@3': nothing named @3 has been allocated yet
             2 | free @3
               |      ^~
            """)
        #expect(try problems("alloc @5 8\nalloc @3 8\nfree @3\nfree @5\nalloc @4 1\nfree @4") == "")
    }

    @Test func theTotalNumberOfStepsIsBounded() throws {
        #expect(try problems("random 600000 seed=1 sizes=1..8\nnote \"x\"\nrandom 400000 seed=2 sizes=1..8") == """
            v.aviz:3:1: error: the script makes more than 1000000 steps by this line; a session keeps every step, so that is the limit
             3 | random 400000 seed=2 sizes=1..8
               | ^~~~~~
            """)
    }

    @Test func everyProblemIsReported() throws {
        let text = try problems("free A\nfree B\nalloc C 1\nalloc C 1")
        #expect(text.split(separator: "\n").filter { $0.contains("error:") } == [
            "v.aviz:1:6: error: unknown handle 'A': nothing named A has been allocated yet",
            "v.aviz:2:6: error: unknown handle 'B': nothing named B has been allocated yet",
            "v.aviz:4:7: error: handle C is already allocated (allocated on line 3); free it first or choose another name",
        ])
    }

    /// A handle problem above a syntax error is reported together with it, not only once the
    /// syntax error is fixed (every problem of a file in one run).
    @Test func handleProblemsAboveASyntaxErrorAreReportedWithIt() throws {
        let text = "alloc A 1\nfree A\nfree A\nalloc B zz\n"
        #expect(throws: ScriptErrors.self) { try ScriptParser.parse(text, file: "v.aviz") }
        do {
            _ = try ScriptParser.parse(text, file: "v.aviz")
        } catch {
            #expect(error.diagnostics.map { "\($0.location.line):\($0.location.column)" } == ["3:6", "4:9"])
            #expect(error.diagnostics[0].message.hasPrefix("A was already freed on line 2"))
        }
    }

    /// Handle problems below a syntax error are reported too: the broken line counts with its
    /// most likely effect (a broken `alloc A …` still allocates A), and nothing is guessed past
    /// a broken line whose effect is unknown.
    @Test func handleProblemsBelowASyntaxErrorAreReportedWithIt() throws {
        func lines(_ text: String) -> [String] {
            do {
                _ = try ScriptParser.parse(text, file: "v.aviz")
                return []
            } catch {
                return error.diagnostics.map { "\($0.location.line): \($0.message)" }
            }
        }
        let found = lines("alloc A 1x\nfree B\nalloc A 100\n")
        #expect(found.count == 3, "\(found)")
        #expect(found[0].hasPrefix("1: "))
        #expect(found[1].hasPrefix("2: unknown handle 'B'"))
        #expect(found[2].hasPrefix("3: handle A is already allocated"))
        // A broken random line: its effect on automatic handles is unknown, so nothing after it.
        #expect(lines("random 5 seed=1\nfree @1\nfree Z\n").count == 1)
    }
}
