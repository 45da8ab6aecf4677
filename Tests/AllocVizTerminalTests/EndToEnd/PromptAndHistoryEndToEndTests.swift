import AllocVizTestSupport
import Testing

/// Prompts, the question before dropping later steps, and the too-small screen, in the real
/// binary in a real terminal (tmux).
@Suite(.serialized, .enabled(if: TmuxSession.tmuxAvailable, "tmux is not installed (.ci/run installs it)"))
struct PromptAndHistoryEndToEndTests {
    private func binary() throws -> String {
        try #require(BuiltBinary.path, "allocviz is not built next to the test executable (swift build builds it)")
    }

    private func demo(_ name: String) throws -> String {
        let file: String = #filePath
        let root = try #require(file.split(separator: "/Tests/").first)
        return root + "/demos/" + name
    }

    @Test func aPromptErrorKeepsThePromptOpenAndEnterRetries() throws {
        let tmux = TmuxSession(command: try binary())
        defer { tmux.close() }
        #expect(tmux.waitFor("MANUAL"))
        tmux.send("a")
        #expect(tmux.waitFor("allocate SIZE"))
        tmux.send("3000 A", literal: true)
        #expect(tmux.waitFor("3000 A▏"))
        #expect(!tmux.screen().contains("▏▏"), "two cursors")
        for _ in 0 ..< 6 { tmux.send("BSpace") }
        tmux.send("abc", literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor("'abc' is not a size"))
        #expect(!tmux.screen().contains("malformed("))
        // Enter again retries the prompt: it never zooms the tree.
        tmux.send("Enter")
        #expect(tmux.waitFor("allocate SIZE"))
        #expect(!tmux.screen().contains("zoomed into"))
        for _ in 0 ..< 3 { tmux.send("BSpace") }
        tmux.send("4KB", literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor("write KiB"))
        for _ in 0 ..< 3 { tmux.send("BSpace") }
        tmux.send("3000 A", literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor("step 1/1"))
        #expect(tmux.waitFor { !$0.contains("allocate SIZE") })
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func aManualKeyDuringPlayAsksBeforeDroppingTheScript() throws {
        let tmux = TmuxSession(command: try binary() + " play --paused " + (try demo("01-buddy-split-cascade.aviz")), width: 120, height: 36)
        defer { tmux.close() }
        #expect(tmux.waitFor("step 0/9"))
        tmux.send("End")
        #expect(tmux.waitFor("step 9/9"))
        tmux.send("[")
        tmux.send("[")
        #expect(tmux.waitFor("step 7/9"))
        tmux.send("n")
        #expect(tmux.waitFor("this drops 2 later steps"))
        #expect(tmux.screen().contains("step 7/9"))
        tmux.send("Escape")
        #expect(tmux.waitFor("kept the 2 later steps"))
        tmux.send("n")
        #expect(tmux.waitFor("this drops 2 later steps"))
        tmux.send("n")
        #expect(tmux.waitFor("step 8/8"))
        #expect(tmux.screen().contains("dropped 2 later steps"))
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func homeThenAnOperationInRunAsksFirst() throws {
        let tmux = TmuxSession(command: try binary())
        defer { tmux.close() }
        #expect(tmux.waitFor("MANUAL"))
        tmux.send("n")
        tmux.send("n")
        #expect(tmux.waitFor("step 2/2"))
        tmux.send("Home")
        #expect(tmux.waitFor("step 0/2"))
        tmux.send("a")
        #expect(tmux.waitFor("this drops 2 later steps"))
        tmux.send("y")
        #expect(tmux.waitFor("allocate SIZE"))
        tmux.send("100 Z", literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor("step 1/1"))
        #expect(tmux.screen().contains("dropped 2 later steps; alloc Z 100"))
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func promptKeysDoNothingOnTheTooSmallScreen() throws {
        let tmux = TmuxSession(command: try binary(), width: 100, height: 30)
        defer { tmux.close() }
        #expect(tmux.waitFor("MANUAL"))
        tmux.resize(width: 60, height: 15)
        #expect(tmux.waitFor("60 x 15"))
        tmux.send("a")
        tmux.send("12", literal: true)
        tmux.resize(width: 100, height: 30)
        #expect(tmux.waitFor("MANUAL"))
        #expect(!tmux.screen().contains("allocate SIZE"), "a prompt opened unseen")
        tmux.send("n")
        #expect(tmux.waitFor("step 1/1"), "keys work again after the resize")
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }
}
