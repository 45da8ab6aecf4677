import AllocVizCore
import AllocVizTerminal
import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// `allocviz play SCRIPT`: play a demo script; `--headless` renders without a terminal.
struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play a demo script in the visualizer, or headless (text frames, JSON, asciicast).",
        discussion: """
            In a terminal the script plays step by step: space pauses and resumes, + and - change             the speed, [ and ] step back and forward, Home and End seek, and the script's pause             lines stop playback. Everything of `allocviz run` works too (? lists the keys).
            --headless prints the final frame as text; --frames prints a frame after every step; \
            --json prints one JSON object per step (docs/json-format.md). --cast FILE also writes an \
            asciicast v2 recording (notes become markers), --record FILE the session as a script \
            that replays to the identical state.
            Exit status: 0 ok, 1 an expectation failed, 2 bad usage or bad input.
            """)

    @Argument(help: "The script to play (*.aviz).")
    var script: String

    @Flag(help: "Render without a terminal: the final frame as text (or --frames, --json).")
    var headless = false

    @Flag(help: "Interactive: start paused at step 0 instead of playing.")
    var paused = false

    @Option(help: ArgumentHelp("Interactive: steps per second (0.5 to 256).", valueName: "steps"))
    var speed: Double = 4

    @Flag(help: "Interactive: do not capture the mouse.")
    var noMouse = false

    @Flag(help: "Print a frame after every step instead of only the final frame.")
    var frames = false

    @Flag(help: "Print one JSON object per step instead of frames (see docs/json-format.md).")
    var json = false

    @Option(help: ArgumentHelp("Frame size as COLSxROWS.", valueName: "cols>x<rows"))
    var size = "100x30"

    @Flag(help: "Draw frames with ASCII only (no box-drawing or shade glyphs).")
    var ascii = false

    @Option(help: ArgumentHelp("Also write an asciicast v2 recording to FILE.", valueName: "file"))
    var cast: String?

    @Flag(help: "Monochrome screen and asciicast (also when NO_COLOR is set).")
    var noColor = false

    @Option(help: ArgumentHelp("Also write the played session to FILE as a script that replays to the identical state.", valueName: "file"))
    var record: String?

    @Flag(help: "With --record, keep whole random batches as their 'random' lines instead of concrete operations.")
    var recordRandomLines = false

    func run() throws {
        var err = StandardError()
        func usage(_ message: String) -> ExitCode {
            print("allocviz play: \(message)", to: &err)
            return ExitCode(2)
        }
        guard headless else {
            if frames || json || cast != nil {
                throw usage("--frames, --json and --cast need --headless")
            }
            guard speed >= 0.5 && speed <= 256 else { throw usage("--speed must be between 0.5 and 256") }
            let runner: ScriptRunner
            do { runner = try ScriptRunner(script: try ScriptFile.load(script)) } catch {
                print(error.description, to: &err)
                throw ExitCode(2)
            }
            runner.prepareForPlayback()
            let app = InteractiveApp(playing: runner, startPaused: paused, speed: speed)
            try TerminalLaunch.runInteractive(app, command: "play", record: record, noColor: noColor, noMouse: noMouse,
                                              source: script)
            return
        }
        if frames && json { throw usage("--frames and --json cannot be combined") }
        guard let gridSize = Self.parseSize(size) else {
            throw usage("--size expects COLSxROWS such as 100x30 (each 1...1000), got '\(size)'")
        }
        var player = HeadlessPlayer()
        player.size = gridSize
        player.ascii = ascii
        if noColor || getenv("NO_COLOR").map({ $0.pointee != 0 }) == true { player.castPalette = .monochrome }
        player.output = json ? .json : (frames ? .everyFrame : .finalFrame)
        let result: HeadlessPlayer.Result
        do {
            result = try player.play(try ScriptFile.load(script), cast: cast != nil) { print($0) }
        } catch {
            print(error.description, to: &err)
            throw ExitCode(2)
        }
        if let cast, let text = result.cast, let problem = ScriptFile.write(text, to: cast) {
            print("allocviz play: \(problem)", to: &err)
            throw ExitCode(2)
        }
        if let record {
            let text = Recorder.script(for: result.runner.session, style: recordRandomLines ? .randomLines : .concrete,
                                       comment: "recorded by allocviz play from \(script)")
            if let problem = ScriptFile.write(text, to: record) {
                print("allocviz play: \(problem)", to: &err)
                throw ExitCode(2)
            }
        }
        if !result.runner.internalErrors.isEmpty {
            for problem in result.runner.internalErrors { print(problem.description, to: &err) }
            throw ExitCode(2)
        }
        for failure in result.failures { print(failure.message, to: &err) }
        if !result.failures.isEmpty { throw ExitCode(1) }
    }

    /// `COLSxROWS` with each in 1...1000.
    static func parseSize(_ text: String) -> GridSize? {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let cols = Int(parts[0]), let rows = Int(parts[1]),
              (1...1000).contains(cols), (1...1000).contains(rows) else { return nil }
        return GridSize(width: cols, height: rows)
    }
}
