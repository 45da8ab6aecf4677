import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Interactive `play` in a real terminal: a note holds playback until space.
@Suite(.serialized, .enabled(if: TmuxSession.tmuxAvailable, "tmux is not installed (.ci/run installs it)")) struct PacingEndToEndTests {
    @Test func aNoteHoldsPlaybackUntilSpace() throws {
        let file: String = #filePath
        let root = try #require(file.split(separator: "/Tests/").first)
        let demo = root + "/demos/01-buddy-split-cascade.aviz"
        // At 64 steps/s the whole demo would be over in well under a second without holds.
        let tmux = TmuxSession(command: try TmuxSession.builtBinary() + " play --speed 64 " + demo, width: 120, height: 36)
        defer { tmux.close() }
        #expect(tmux.waitFor("note: read it, then space continues"))
        #expect(tmux.screen().contains("The region is one free block"))
        #expect(tmux.screen().contains("step 1/9"))
        usleep(1_000_000)  // a second of 64 steps/s: the note still holds
        #expect(tmux.screen().contains("step 1/9"))
        #expect(tmux.screen().contains("The region is one free block"))
        tmux.send("Space")
        // alloc A plays its eight splits, then the next note holds.
        #expect(tmux.waitFor("Eight splits"))
        #expect(tmux.waitFor("step 3/9"))
        #expect(tmux.screen().contains("note: read it"))
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }
}
