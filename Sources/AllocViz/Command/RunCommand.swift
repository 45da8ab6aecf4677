import Allocators
import AllocVizCore
import AllocVizTerminal
import ArgumentParser

/// `allocviz run` (the default): the live visualizer on a buddy lane and a heap lane.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "The live visualizer (default): a buddy allocator and a heap side by side, driven by your keys.",
        discussion: """
            Keys: ? help, q quit, a allocate, f free, r reallocate, n one random operation, \
            space play random operations, + - speed, u U undo redo, [ ] step through history, \
            arrows/hjkl move, Enter Backspace zoom, Tab next panel.
            Sizes accept 4096, 4KiB, 1MiB, 0x1000.
            Exit status: 0 ok, 2 bad options or no usable terminal.
            """)

    /// The default lanes of `run`.
    static let defaultBuddy = LaneConfiguration.defaultBuddy
    static let defaultHeap = LaneConfiguration.defaultHeap

    @Option(help: ArgumentHelp("Buddy lane size (0 for no buddy lane; default \(ByteCount(defaultBuddy.size))).",
                               valueName: "size"),
            transform: ByteCount.init(parsing:))
    var buddy = ByteCount(defaultBuddy.size)

    @Option(name: .customLong("min"),
            help: ArgumentHelp("Buddy minimum block size, a power of two (default \(ByteCount(defaultBuddy.minimumBlock))).",
                               valueName: "size"),
            transform: ByteCount.init(parsing:))
    var minimumBlock = ByteCount(defaultBuddy.minimumBlock)

    @Option(help: ArgumentHelp("Heap lane size (0 for no heap lane; default \(ByteCount(defaultHeap.size))).",
                               valueName: "size"),
            transform: ByteCount.init(parsing:))
    var heap = ByteCount(defaultHeap.size)

    @Option(help: "Buddy implementation (default \(LaneFactory.implementations(of: .buddy)[0])).")
    var buddyImpl: BuddyImplementation?

    @Option(help: "Heap implementation (default \(LaneFactory.implementations(of: .heap)[0])).")
    var heapImpl: HeapImplementationName?

    @Option(help: "Seed of the random operations (n, space).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("When you quit, write what you did to FILE as a script that replays to the same state.",
                               valueName: "file"))
    var record: String?

    @Flag(help: "Monochrome: reverse video, bold and shade glyphs instead of colours (also NO_COLOR=1).")
    var noColor = false

    @Flag(help: "Do not capture the mouse.")
    var noMouse = false

    /// Refuses lanes that cannot be built, before the terminal is looked at.
    func validate() throws {
        _ = try laneConfigurations()
    }

    /// The lanes the options ask for: a buddy unless `--buddy 0`, a heap unless `--heap 0`.
    func laneConfigurations() throws(ValidationError) -> [LaneConfiguration] {
        var lanes: [LaneConfiguration] = []
        if buddy.bytes > 0 {
            lanes.append(LaneConfiguration(kind: .buddy, name: Self.defaultBuddy.name, size: buddy.bytes,
                                           minimumBlock: minimumBlock.bytes, implementation: buddyImpl?.name))
        }
        if heap.bytes > 0 {
            lanes.append(LaneConfiguration(kind: .heap, name: Self.defaultHeap.name, size: heap.bytes,
                                           implementation: heapImpl?.name))
        }
        guard !lanes.isEmpty else { throw ValidationError("--buddy 0 and --heap 0 leave nothing to show") }
        for lane in lanes {
            if let problem = LaneFactory.problem(with: lane) { throw ValidationError(problem) }
        }
        return lanes
    }

    func run() throws {
        let session: Session
        do { session = try Session(lanes: try laneConfigurations()) } catch {
            throw TerminalLaunch.usage("run", "\(error)")
        }
        if let seed { session.interactiveGenerator = SplitMix64Generator(seed: seed) }
        let app = InteractiveApp(session: session)
        try TerminalLaunch.runInteractive(app, command: "run", record: record, noColor: noColor, noMouse: noMouse, source: nil)
    }
}
