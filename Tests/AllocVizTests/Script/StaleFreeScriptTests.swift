import Allocators
import Testing
@testable import AllocVizCore

/// `free B again` where B's old place now lies inside another block: every heap refuses it,
/// and nothing is corrupted.
@Suite struct StaleFreeScriptTests {
    @Test(arguments: HeapImplementation.allCases)
    func aDoubleFreeInsideABiggerBlockIsRefused(implementation: HeapImplementation) throws {
        let script = try ScriptParser.parse("""
            heap 64KiB name=h impl=\(implementation.name)
            alloc A 48
            alloc B 48
            alloc C 48
            free A
            free B
            free C
            alloc BIG 1000
            free B again
            alloc X 40
            expect failures(h) == 1
            """, file: "stale.aviz")
        let runner = try ScriptRunner(script: script)
        runner.runToEnd()
        #expect(runner.internalErrors.isEmpty)
        #expect(runner.failures.map(\.message) == [])
        #expect(runner.results.count == 1)
        #expect(invariantViolation(runner.session) == nil)
        let handles = runner.session.state.lanes[0].handles
        let big = try #require(handles["BIG"]?.block), x = try #require(handles["X"]?.block)
        #expect(x.offset + x.requested <= big.offset || x.offset >= big.offset + big.requested, "X at \(x.offset) inside BIG at \(big.offset)")
    }
}
