import Testing
#if canImport(Glibc)
import Glibc
#endif

/// allocviz started from a real shell in tmux: after quitting (directly, or after Ctrl-Z and
/// `fg`) the shell's prompt starts on a fresh line, nothing the shell printed before is
/// overwritten, and no part of the frame is left on screen.
@Suite(.serialized, .enabled(if: TmuxSession.tmuxAvailable, "tmux is not installed (.ci/run installs it)"))
struct TerminalSlipsTests {
    /// The terminal types tried: one with an alternate screen, one without (`linux`).
    static let terminals = ["screen-256color", "linux"]

    /// A shell that printed `BEFORE`; returns once its next prompt is up.
    private func shell(term: String) -> TmuxSession {
        let tmux = TmuxSession(shellWidth: 100, height: 30, environment: "TERM=\(term) LANG=C.UTF-8")
        #expect(tmux.waitFor { $0.contains("$") })
        tmux.send("echo BEFORE", literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor { Self.index(of: "BEFORE", in: $0) != nil && Self.endsWithPrompt($0) })
        return tmux
    }

    static func index(of line: String, in screen: String) -> Int? {
        screen.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { String($0).trimmingSuffix(" ") == line }
    }

    /// Whether the last non-blank line of the pane is the bare prompt.
    static func endsWithPrompt(_ screen: String) -> Bool {
        let last = screen.split(separator: "\n").last { !$0.allSatisfy { $0 == " " } }
        return last.map { String($0).trimmingSuffix(" ") == "$" } ?? false
    }

    /// Runs `echo MARK` at the prompt allocviz left and checks what the pane then shows.
    private func expectCleanPromptAfterExit(_ tmux: TmuxSession, keeping earlier: [String]) {
        #expect(tmux.waitFor { !$0.contains("MANUAL") && Self.endsWithPrompt($0) }, "no clean prompt after quitting:\n\(tmux.screen())")
        tmux.send("echo MARK", literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor { Self.index(of: "MARK", in: $0) != nil && Self.endsWithPrompt($0) })
        let lines = tmux.lines()
        guard let mark = lines.firstIndex(of: "MARK") else { return }
        #expect(mark > 0 && lines[mark - 1] == "$ echo MARK", "MARK is not below its command:\n\(lines.joined(separator: "\n"))")
        #expect(mark + 1 < lines.count && lines[mark + 1] == "$", "the prompt after MARK is not on its own line")
        for text in earlier {
            let row = lines.firstIndex { $0.contains(text) }
            #expect(row != nil, "\(text) was overwritten:\n\(lines.joined(separator: "\n"))")
            if let row { #expect(row < mark - 1, "\(text) is not above the new prompt") }
        }
        for frameText in ["MANUAL", "q:quit", "buddy", "┘", "step "] {
            #expect(!lines.contains { $0.contains(frameText) }, "the frame (\(frameText)) is still on screen:\n\(lines.joined(separator: "\n"))")
        }
    }

    @Test(arguments: terminals)
    func quitLeavesTheShellPromptOnAFreshLine(term: String) throws {
        let tmux = shell(term: term)
        defer { tmux.close() }
        tmux.send(try TmuxSession.builtBinary(), literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor("MANUAL"))
        tmux.send("q")
        // Without an alternate screen the frame is cleared, and what the shell printed with it.
        expectCleanPromptAfterExit(tmux, keeping: term == "linux" ? [] : ["BEFORE"])
    }

    @Test(arguments: terminals)
    func suspendResumeQuitLeavesTheShellPromptOnAFreshLine(term: String) throws {
        let tmux = shell(term: term)
        defer { tmux.close() }
        tmux.send(try TmuxSession.builtBinary(), literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor("MANUAL"))
        tmux.send("C-z")
        #expect(tmux.waitFor { $0.contains("Stopped") && Self.endsWithPrompt($0) && !$0.contains("MANUAL") },
                "Ctrl-Z did not give the shell back:\n\(tmux.screen())")
        #expect(tmux.format("#{mouse_button_flag}#{mouse_all_flag}#{mouse_sgr_flag}") == "000",
                "mouse reporting stays on while suspended")
        tmux.send("fg", literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor("MANUAL"))
        tmux.send("n")
        #expect(tmux.waitFor("step 1/1"))
        tmux.send("q")
        expectCleanPromptAfterExit(tmux, keeping: term == "linux" ? [] : ["BEFORE", "Stopped"])
    }
}
