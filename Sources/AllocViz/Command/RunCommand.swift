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

    @Option(help: ArgumentHelp("Buddy lane size (0 for no buddy lane; default \(ByteCount(defaultBuddy.capacity))).",
                               valueName: "size"),
            transform: ByteCount.init(parsing:))
    var buddy = ByteCount(defaultBuddy.capacity)

    @Option(name: .customLong("min"),
            help: ArgumentHelp("Buddy minimum block size, a power of two (default \(ByteCount(defaultBuddy.buddyShape!.minimumBlockSize))).",
                               valueName: "size"),
            transform: ByteCount.init(parsing:))
    var minimumBlock = ByteCount(defaultBuddy.buddyShape!.minimumBlockSize)

    @Option(help: ArgumentHelp("Heap lane size (0 for no heap lane; default \(ByteCount(defaultHeap.capacity))).",
                               valueName: "size"),
            transform: ByteCount.init(parsing:))
    var heap = ByteCount(defaultHeap.capacity)

    @Option(help: "Buddy implementation (default \(BuddyImplementation.bitmap.name)).")
    var buddyImpl: BuddyImplementation?

    @Option(help: "Heap implementation (default \(HeapImplementation.segregatedFit.name)).")
    var heapImpl: HeapImplementation?

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
            do {
                lanes.append(try .buddy(name: Self.defaultBuddy.name, size: buddy.bytes, minimumBlock: minimumBlock.bytes,
                                        implementation: buddyImpl ?? .bitmap))
            } catch {
                let option = error.concernsMinimumBlock ? "--min \(SizeLiteral.format(minimumBlock.bytes))" : "--buddy \(SizeLiteral.format(buddy.bytes))"
                throw ValidationError("\(option): \(error.description)")
            }
        }
        if heap.bytes > 0 {
            do {
                lanes.append(try .heap(name: Self.defaultHeap.name, capacity: heap.bytes, implementation: heapImpl ?? .segregatedFit))
            } catch {
                throw ValidationError("--heap \(SizeLiteral.format(heap.bytes)): \(error.description)")
            }
        }
        guard !lanes.isEmpty else { throw ValidationError("--buddy 0 and --heap 0 leave nothing to show") }
        return lanes
    }

    func run() throws {
        let session = Session(lanes: try laneConfigurations())
        if let seed { session.interactiveGenerator = SplitMix64Generator(seed: seed) }
        let app = InteractiveApp(session: session)
        try TerminalLaunch.runInteractive(app, command: "run", record: record, noColor: noColor, noMouse: noMouse, source: nil)
    }
}
