import AllocVizCore
import AllocVizTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Wide characters in a real terminal (tmux): a note with CJK and emoji keeps the panel's
/// right border in the last column and the panels beside it in place.
@Suite(.serialized, .enabled(if: TmuxSession.tmuxAvailable, "tmux is not installed (.ci/run installs it)"))
struct WideTextEndToEndTests {
    @Test func aNoteWithWideCharactersEndsAtThePanelBorder() throws {
        let path = try #require(TemporaryFile.create(suffix: ".aviz"))
        defer { unlink(path) }
        #expect(AtomicFile.write("alloc ok 100\nnote \"héllo 日本語 ✓ wide emoji 🎉 end\"\n", to: path) == nil)
        let tmux = TmuxSession(command: try TmuxSession.builtBinary() + " play " + path + " --paused", width: 80, height: 24)
        defer { tmux.close() }
        #expect(tmux.waitFor("PAUSED"))
        tmux.send("End")
        #expect(tmux.waitFor("日本語"))
        let lines = tmux.lines()
        let index = try #require(lines.firstIndex { $0.contains("日本語") })
        // The note's 32 columns, 5 spaces, then the border in column 80.
        #expect(lines[index] == "│buddy used 4K/1M  free 1020K          ││ héllo 日本語 ✓ wide emoji 🎉 end     │")
        #expect(DisplayWidth.of(text: lines[index]) == 80)
        // The stats panel's next row is where it belongs, not pushed sideways by a wrap.
        #expect(lines[index + 1].hasPrefix("│      largest 512K"), "\(lines[index + 1])")
        #expect(DisplayWidth.of(text: lines[index + 1]) == 80, "\(lines[index + 1])")
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }
}
