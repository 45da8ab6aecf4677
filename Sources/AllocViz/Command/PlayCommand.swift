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
            In a terminal the script plays step by step: space pauses and resumes, + and - change \
            the speed, [ and ] step back and forward, Home and End seek, and the script's pause \
            lines stop playback. Everything of `allocviz run` works too (? lists the keys). \
            A note holds playback until space is pressed. Each split, merge and coalesce of a step \
            gets a frame of its own before the step's final frame (s toggles, --no-animation turns it off).
            --headless prints the final frame as text (--size COLSxROWS, at least \(GridSize.minimum)); \
            --frames prints step 0 and a frame after every step (sub-steps headed step N.k); --json prints one JSON \
            object per step (docs/json-format.md), --json-compact a full object every 100 steps and only the changes \
            between them. --cast FILE also writes an \
            asciicast v2 recording (notes become markers), --record FILE the session as a script \
            that replays to the identical state. Files are written whole or not at all; an output \
            naming the script or the other output is refused. A script may have at most 8 lanes, \
            together at most --memory-limit (default 1GiB).
            Exit status: 0 ok, 1 an expectation failed, 2 bad usage or bad input.
            """)

    @Argument(help: "The script (*.aviz) or trace (*.rep, docs/traces.md) to play.")
    var script: String

    @Flag(help: "Render without a terminal: the final frame as text (or --frames, --json).")
    var headless = false

    @Flag(help: "Interactive: start paused at step 0 instead of playing.")
    var paused = false

    /// The interactive speeds, in steps per second.
    static let speeds: ClosedRange<Double> = 0.5...256

    @Option(help: ArgumentHelp("Interactive: steps per second (\(DisplayFormat.fixed(speeds.lowerBound, digits: 1)) to \(Int(speeds.upperBound))).",
                               valueName: "steps"))
    var speed: Double = 4

    @Flag(help: "Show each step in one frame: no sub-steps for its splits, merges and coalesces (interactive, --frames, --cast).")
    var noAnimation = false

    @Flag(help: "Interactive: do not capture the mouse.")
    var noMouse = false

    /// `--frames`, `--json` or `--json-compact` as given (each flag's help comes from
    /// ``HeadlessOutput``): collected, so that two different ones get a clear error.
    @Flag var outputs: [HeadlessOutput] = []

    /// The headless output asked for, if any (``validate()`` refuses two different ones).
    var output: HeadlessOutput? { outputs.last }

    /// The default headless frame size.
    static let defaultSize = FrameSize(HeadlessPlayer().size)

    @Option(help: ArgumentHelp("Headless: frame size as COLSxROWS, at least \(GridSize.minimum) (default \(defaultSize)).",
                               valueName: "cols>x<rows"),
            transform: FrameSize.init(parsing:))
    var size = defaultSize

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

    @OptionGroup var budget: LaneBudgetOption

    @OptionGroup var traceLanes: TraceLaneOptions

    /// Refuses option combinations that cannot work, before the script or the terminal is looked at.
    func validate() throws {
        var distinct: [HeadlessOutput] = []
        for flag in outputs where !distinct.contains(flag) { distinct.append(flag) }
        if distinct.count > 1 {
            let names = distinct.map { "--" + HeadlessOutput.flagName($0) }
            throw ValidationError("\(names.dropLast().joined(separator: ", ")) and \(names.last!) are different outputs: give one of them")
        }
        if headless {
            guard size.size.width >= GridSize.minimum.width, size.size.height >= GridSize.minimum.height else {
                throw ValidationError("--size \(size) is smaller than \(GridSize.minimum), the smallest frame allocviz draws")
            }
        } else {
            if output == .jsonCompact { throw ValidationError("--json-compact needs --headless") }
            if output != nil || cast != nil { throw ValidationError("--frames, --json and --cast need --headless") }
            guard Self.speeds.contains(speed) else {
                throw ValidationError("--speed must be between \(DisplayFormat.fixed(Self.speeds.lowerBound, digits: 1)) and \(Int(Self.speeds.upperBound))")
            }
        }
        let outputs = [cast.map { OutputPath.Use("--cast", $0) }, record.map { OutputPath.Use("--record", $0) }].compactMap { $0 }
        if let conflict = OutputPath.conflict(inputs: [OutputPath.Use("the script", script)], outputs: outputs) {
            throw ValidationError(conflict)
        }
    }

    /// Steps from which interactive play reports its preparation on stderr.
    static let progressThreshold = 100_000

    func run() throws {
        var err = StandardError()
        guard headless else {
            let runner: ScriptRunner
            do { runner = try ScriptRunner(script: try traceLanes.load(script, budget: budget)) } catch {
                print(error.description, to: &err)
                throw ExitCode(2)
            }
            runner.prepareForPlayback { done, total in
                // Long scripts and traces take seconds to lay out: say how far it is.
                guard total >= Self.progressThreshold else { return }
                let percent = total == 0 ? 100 : done * 100 / total
                print("\rallocviz play: preparing \(total) steps: \(percent) % (Ctrl-C stops)", terminator: done >= total ? "\n" : "", to: &err)
            }
            let app = InteractiveApp(playing: runner, startPaused: paused, speed: speed)
            app.animates = !noAnimation
            try TerminalLaunch.runInteractive(app, command: "play", record: record, noColor: noColor, noMouse: noMouse,
                                              source: script)
            return
        }
        var player = HeadlessPlayer()
        player.size = size.size
        player.ascii = ascii
        player.animates = !noAnimation
        if noColor || getenv("NO_COLOR").map({ $0.pointee != 0 }) == true { player.castPalette = .monochrome }
        player.output = HeadlessOutput.playerOutput(output)
        if output == .jsonCompact { player.compactJSONKeyframeInterval = JSONStepChanges.defaultKeyframeInterval }
        let result: HeadlessPlayer.Result
        do {
            result = try player.play(try traceLanes.load(script, budget: budget), cast: cast != nil) { print($0) }
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
}
