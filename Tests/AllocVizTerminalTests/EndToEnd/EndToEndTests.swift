import AllocVizTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `allocviz` binary in a real terminal (tmux): keys in, screen out.
@Suite(.serialized, .enabled(if: TmuxSession.tmuxAvailable, "tmux is not installed (.ci/run installs it)"))
struct EndToEndTests {
    @Test func allocatesFromThePromptAndQuitsCleanly() throws {
        let tmux = TmuxSession(command: try TmuxSession.builtBinary())
        defer { tmux.close() }
        #expect(tmux.waitFor("MANUAL"))
        #expect(tmux.screen().contains("buddy bitmap 1M/4K"))
        tmux.send("a")
        #expect(tmux.waitFor("allocate SIZE"))
        tmux.send("3000 A", literal: true)
        tmux.send("Enter")
        #expect(tmux.waitFor("alloc A 3000"))
        #expect(tmux.waitFor("at 0x0"))
        tmux.send("n")
        #expect(tmux.waitFor("step 2/2"))
        tmux.send("u")
        #expect(tmux.waitFor("step 1/2"))
        tmux.send("?")
        #expect(tmux.waitFor("undo / redo"))
        tmux.send("Escape")
        #expect(tmux.waitFor { !$0.contains("undo / redo") })
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
        // Back on the normal screen: the frame is gone.
        #expect(!tmux.screen().contains("MANUAL"))
    }

    @Test func tooSmallTerminalSaysSoAndRecoversOnResize() throws {
        let tmux = TmuxSession(command: try TmuxSession.builtBinary(), width: 100, height: 30)
        defer { tmux.close() }
        #expect(tmux.waitFor("MANUAL"))
        tmux.resize(width: 60, height: 15)
        #expect(tmux.waitFor("60 x 15"))
        #expect(tmux.screen().contains("80 x 24"))
        tmux.resize(width: 130, height: 40)
        #expect(tmux.waitFor("MANUAL"))
        tmux.resize(width: 50, height: 10)
        #expect(tmux.waitFor("50 x 10"))
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func terminationSignalsRestoreTheTerminal() throws {
        for (signal, status) in [(SIGTERM, 143), (SIGINT, 130), (SIGSEGV, 139)] {
            let tmux = TmuxSession(command: try TmuxSession.builtBinary())
            defer { tmux.close() }
            #expect(tmux.waitFor("MANUAL"))
            let pid = try #require(tmux.programPID())
            kill(pid, signal)
            #expect(tmux.waitFor("EXIT=\(status)"), "signal \(signal)")
            #expect(!tmux.screen().contains("MANUAL"), "signal \(signal) left the frame on screen")
        }
    }

    /// The crash handler writes the restore bytes the screen took from the terminal's terminfo
    /// entry: on a terminal without an alternate screen (`linux`) they clear the frame (xterm's
    /// bytes, the fallback before a screen is up, would leave it there). The handlers and the
    /// screen share one state record for this to hold.
    @Test func aCrashClearsTheFrameOnATerminalWithoutAnAlternateScreen() throws {
        let tmux = TmuxSession(command: try TmuxSession.builtBinary(), environment: "TERM=linux LANG=C.UTF-8")
        defer { tmux.close() }
        #expect(tmux.waitFor("MANUAL"))
        let pid = try #require(tmux.programPID())
        kill(pid, SIGSEGV)
        #expect(tmux.waitFor("EXIT=139"))
        #expect(!tmux.screen().contains("MANUAL"), "the crash left the frame on screen:\n\(tmux.screen())")
    }

    @Test func suspendAndResumeRepaint() throws {
        let tmux = TmuxSession(command: try TmuxSession.builtBinary())
        defer { tmux.close() }
        #expect(tmux.waitFor("MANUAL"))
        let pid = try #require(tmux.programPID())
        kill(pid, SIGTSTP)
        #expect(tmux.waitFor { !$0.contains("MANUAL") })
        kill(pid, SIGCONT)
        #expect(tmux.waitFor("MANUAL"))
        tmux.send("n")
        #expect(tmux.waitFor("step 1/1"))
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func monochromeWithNoColor() throws {
        let tmux = TmuxSession(command: "NO_COLOR=1 " + (try TmuxSession.builtBinary()))
        defer { tmux.close() }
        #expect(tmux.waitFor("MANUAL"))
        tmux.send("n")
        #expect(tmux.waitFor("step 1/1"))
        let styled = TmuxSession.output("tmux -S \(tmux.socket) capture-pane -e -p")
        #expect(!Self.hasColorSequence(styled))
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func recordWritesAScriptThatReplays() throws {
        let path = try #require(TemporaryFile.create(suffix: ".aviz"))
        defer { unlink(path) }
        let tmux = TmuxSession(command: try TmuxSession.builtBinary() + " --record " + path)
        defer { tmux.close() }
        #expect(tmux.waitFor("MANUAL"))
        tmux.send("a"); tmux.send("12KiB B align=64", literal: true); tmux.send("Enter")
        #expect(tmux.waitFor("step 1/1"))
        for _ in 0..<5 { tmux.send("n") }
        #expect(tmux.waitFor("step 6/6"))
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
        let text = TmuxSession.output("cat \(path)")
        #expect(text.contains("alloc B 12KiB align=64"))
        #expect(TmuxSession.run("\(try TmuxSession.builtBinary()) check \(path) >/dev/null 2>&1") == 0)
    }

    @Test func playsADemoInTheTerminal() throws {
        let file: String = #filePath
        let root = try #require(file.split(separator: "/Tests/").first)
        let demo = root + "/demos/01-buddy-split-cascade.aviz"
        let tmux = TmuxSession(command: try TmuxSession.builtBinary() + " play --speed 64 " + demo, width: 120, height: 36)
        defer { tmux.close() }
        // Each note holds playback until space.
        #expect(tmux.waitFor(seconds: 20) { screen in
            if screen.contains("PAUSED") { tmux.send("Space") }
            return screen.contains("END")
        })
        #expect(tmux.screen().contains("step 9/9"))
        tmux.send("[")
        #expect(tmux.waitFor("step 8/9"))
        tmux.send("Home")
        #expect(tmux.waitFor("step 0/9"))
        tmux.send("]")
        #expect(tmux.waitFor("step 1/9"))
        tmux.send("q")
        #expect(tmux.waitFor("EXIT=0"))
    }

    @Test func playRejectsHeadlessOnlyFlagsAndBadScripts() throws {
        let bin = try TmuxSession.builtBinary()
        // `2>&1 >/dev/null` keeps only standard error; `$?` is the program's exit status.
        let flags = TmuxSession.output("\(bin) play --json /dev/null 2>&1 >/dev/null; echo EXIT=$?")
        #expect(flags.hasPrefix("Error: --frames, --json and --cast need --headless\n"))
        #expect(flags.hasSuffix("\nEXIT=2\n"))
        let path = try #require(TemporaryFile.create(suffix: ".aviz"))
        defer { unlink(path) }
        #expect(TmuxSession.run("printf 'alloc A\\n' > \(path)") == 0)
        let message = TmuxSession.output("\(bin) play \(path) 2>&1 >/dev/null; echo EXIT=$?")
        #expect(message.hasPrefix("\(path):1:"), "\(message)")
        #expect(message.contains(": error: "), "\(message)")
        #expect(message.hasSuffix("\nEXIT=2\n"), "\(message)")
    }

    @Test func unknownTerminalTypeIsAClearError() throws {
        let tmux = TmuxSession(command: try TmuxSession.builtBinary(), environment: "TERM=no-such-terminal LANG=C.UTF-8")
        defer { tmux.close() }
        #expect(tmux.waitFor("EXIT=2"))
        #expect(tmux.screen().contains("TERM=no-such-terminal is unknown"))
    }

    @Test func withoutATerminalItPointsToHeadless() throws {
        let bin = try TmuxSession.builtBinary()
        // Standard input and output are not a terminal (a file and popen's pipe).
        let output = TmuxSession.output("\(bin) </dev/null 2>&1; echo EXIT=$?")
        #expect(output == """
            allocviz run: standard input and output must be a terminal; for output without a terminal use allocviz play SCRIPT --headless
            EXIT=2

            """)
        // In a terminal, TERM=dumb is refused the same way.
        let tmux = TmuxSession(command: bin, environment: "TERM=dumb LANG=C.UTF-8")
        defer { tmux.close() }
        #expect(tmux.waitFor("EXIT=2"))
        #expect(tmux.screen().contains("allocviz run: TERM=dumb cannot draw a full-screen interface"))
    }

    /// Whether `text` holds an SGR sequence that sets a foreground or background colour.
    static func hasColorSequence(_ text: String) -> Bool {
        var rest = Substring(text)
        while let start = rest.firstIndex(of: "\u{1B}") {
            let after = rest[rest.index(after: start)...]
            guard after.first == "[", let end = after.firstIndex(where: { $0.isLetter }) else { rest = after; continue }
            if after[end] == "m" {
                let parameters = after[after.index(after: after.startIndex)..<end].split(separator: ";")
                for p in parameters {
                    if let n = Int(p), (30...37).contains(n) || (40...47).contains(n) || n == 38 || n == 48 || (90...97).contains(n) {
                        return true
                    }
                }
            }
            rest = after[end...]
        }
        return false
    }
}
