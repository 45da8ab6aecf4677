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
            """)

    @Option(help: "Buddy lane size (0 for no buddy lane).")
    var buddy = "1MiB"

    @Option(help: "Buddy minimum block size (a power of two).")
    var min = "4KiB"

    @Option(help: "Heap lane size (0 for no heap lane).")
    var heap = "64KiB"

    @Option(help: "Buddy implementation: \(LaneConfiguration.implementationNames(of: .buddy).joined(separator: ", ")).")
    var buddyImpl: String?

    @Option(help: "Heap implementation: \(LaneConfiguration.implementationNames(of: .heap).joined(separator: ", ")).")
    var heapImpl: String?

    @Option(help: "Seed of the random operations (n, space).")
    var seed: UInt64?

    @Option(help: "When you quit, write what you did to FILE as a script that replays to the same state.")
    var record: String?

    @Flag(help: "Monochrome: reverse video, bold and shade glyphs instead of colours (also NO_COLOR=1).")
    var noColor = false

    @Flag(help: "Do not capture the mouse.")
    var noMouse = false

    func run() throws {
        let lanes = try TerminalLaunch.lanes(buddy: buddy, minimumBlock: min, heap: heap, buddyImpl: buddyImpl, heapImpl: heapImpl)
        let session = Session(lanes: lanes)
        if let seed { session.interactiveGenerator = SplitMix64Generator(seed: seed) }
        let app = InteractiveApp(session: session)
        try TerminalLaunch.runInteractive(app, command: "run", record: record, noColor: noColor, noMouse: noMouse, source: nil)
    }
}
