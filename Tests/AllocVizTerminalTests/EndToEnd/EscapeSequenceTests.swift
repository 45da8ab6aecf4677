import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Escape sequences and mouse reports from a real terminal (tmux): sequences allocviz does not
/// use are discarded whole, mouse reports become clicks and wheel turns.
@Suite(.serialized, .enabled(if: TmuxSession.tmuxAvailable, "tmux is not installed (.ci/run installs it)"))
struct EscapeSequenceTests {
    /// allocviz after three random steps: the status line says `step 3/3`, and a stray `[`
    /// (step back) would make it `step 2/3`.
    private func sessionAtStepThree(arguments: String = "") throws -> TmuxSession {
        let tmux = TmuxSession(command: try TmuxSession.builtBinary() + arguments)
        #expect(tmux.waitFor("MANUAL"))
        for _ in 0..<3 { tmux.send("n") }
        #expect(tmux.waitFor("step 3/3"))
        return tmux
    }

    /// Opens and closes the help overlay: once it has shown, every byte sent before it was handled.
    private func drain(_ tmux: TmuxSession) {
        tmux.send("?")
        #expect(tmux.waitFor("undo / redo"))
        tmux.send("Escape")
        #expect(tmux.waitFor { !$0.contains("undo / redo") })
    }

    private func statusLine(_ tmux: TmuxSession) -> String {
        tmux.lines().last { !$0.isEmpty } ?? ""
    }

    @Test(arguments: [
        ("Ctrl-Left", [0x1B, 0x5B, 0x31, 0x3B, 0x35, 0x44] as [UInt8]),   // ESC [ 1 ; 5 D
        ("Shift-F3", [0x1B, 0x5B, 0x31, 0x3B, 0x32, 0x52]),               // ESC [ 1 ; 2 R
        ("Alt-u", [0x1B, 0x75]),                                          // ESC u
        ("SGR mouse press and release on the status line", Array("\u{1B}[<0;2;30M\u{1B}[<0;2;30m".utf8)),
        ("SGR wheel", Array("\u{1B}[<64;2;30M".utf8)),
        ("CSI with intermediates", Array("\u{1B}[ q".utf8)),
        ("SS3 unknown", [0x1B, 0x4F, 0x5B]),                              // ESC O [
    ])
    func unknownSequencesAreDiscardedWhole(name: String, bytes: [UInt8]) throws {
        let tmux = try sessionAtStepThree()
        defer { tmux.close() }
        tmux.send(bytes: bytes)
        drain(tmux)
        #expect(statusLine(tmux).contains("step 3/3"), "\(name) acted as a key: \(statusLine(tmux))")
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func tmuxKeyNamesForModifiedKeysAreDiscarded() throws {
        let tmux = try sessionAtStepThree()
        defer { tmux.close() }
        for key in ["C-Left", "S-F3", "M-Left", "C-Up"] {
            tmux.send(key)
            drain(tmux)
            #expect(statusLine(tmux).contains("step 3/3"), "\(key) acted as a key: \(statusLine(tmux))")
        }
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func altBracketIsDiscarded() throws {
        let tmux = try sessionAtStepThree()
        defer { tmux.close() }
        // ESC [ is also how a control sequence starts: the `~` after it either ends that
        // sequence (when it arrives at once) or is a key allocviz does not use.
        tmux.send("M-[")
        tmux.send("~", literal: true)
        drain(tmux)
        #expect(statusLine(tmux).contains("step 3/3"), "Alt-[ acted as a key: \(statusLine(tmux))")
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func loneEscapeStillClosesThePrompt() throws {
        let tmux = TmuxSession(command: try TmuxSession.builtBinary())
        defer { tmux.close() }
        #expect(tmux.waitFor("MANUAL"))
        tmux.send("a")
        #expect(tmux.waitFor("allocate SIZE"))
        tmux.send("Escape")
        #expect(tmux.waitFor("cancelled"))
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func knownKeysStillWork() throws {
        let tmux = try sessionAtStepThree()
        defer { tmux.close() }
        tmux.send("Home")
        #expect(tmux.waitFor("step 0/3"))
        tmux.send("End")
        #expect(tmux.waitFor("step 3/3"))
        tmux.send("F1")
        #expect(tmux.waitFor("undo / redo"))
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func mouseUsesButtonEventTrackingWithSGRReports() throws {
        let tmux = TmuxSession(command: try TmuxSession.builtBinary())
        defer { tmux.close() }
        #expect(tmux.waitFor("MANUAL"))
        let modes = "#{mouse_standard_flag}#{mouse_button_flag}#{mouse_all_flag}#{mouse_sgr_flag}"
        #expect(tmux.format(modes) == "0101", "1000, 1002, 1003, 1006 should be off, on, off, on")
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
        #expect(tmux.format(modes) == "0000", "mouse reporting stays on after quitting")
    }

    @Test func noMouseRequestsNoMouseReports() throws {
        let tmux = TmuxSession(command: try TmuxSession.builtBinary() + " --no-mouse")
        defer { tmux.close() }
        #expect(tmux.waitFor("MANUAL"))
        #expect(tmux.format("#{mouse_standard_flag}#{mouse_button_flag}#{mouse_all_flag}#{mouse_sgr_flag}") == "0000")
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }

    /// xterm-256color's terminfo names `ESC [ <` as the mouse key (`kmous`): the report must
    /// still reach the decoder whole.
    @Test(arguments: ["screen-256color", "xterm-256color"])
    func clickOnAHeapChunkSelectsIt(term: String) throws {
        let tmux = TmuxSession(command: try TmuxSession.builtBinary(), environment: "TERM=\(term) LANG=C.UTF-8")
        defer { tmux.close() }
        #expect(tmux.waitFor("MANUAL"))
        tmux.send("a")
        #expect(tmux.waitFor("allocate SIZE"))
        tmux.send("3000 A", literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor("step 1/1"))
        // The first payload cell of the heap map, below the heap panel's title.
        let lines = tmux.lines()
        let title = try #require(lines.firstIndex { $0.contains("heap ") })
        let titleCells = Array(lines[title])
        let column = try #require(titleCells.indices.first { Array(titleCells[$0...].prefix(5)) == Array("heap ") })
        var target: (x: Int, y: Int)?
        for y in (title + 1)..<lines.count where target == nil {
            let cells = Array(lines[y])
            if let x = cells.indices.first(where: { $0 >= column - 3 && cells[$0] == "█" }) { target = (x, y) }
        }
        let cell = try #require(target, "no payload cell in the heap map")
        #expect(!statusLine(tmux).contains("handle A"))
        tmux.send(bytes: Array("\u{1B}[<0;\(cell.x + 1);\(cell.y + 1)M\u{1B}[<0;\(cell.x + 1);\(cell.y + 1)m".utf8))
        #expect(tmux.waitFor { screen in
            let last = screen.split(separator: "\n").last { !$0.allSatisfy { $0 == " " } } ?? ""
            return last.contains("handle A")
        }, "the click did not select chunk A: \(statusLine(tmux))")
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }
}
