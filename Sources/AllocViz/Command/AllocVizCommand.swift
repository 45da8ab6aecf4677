import AllocVizCore
import ArgumentParser

/// The root command: `allocviz [SUBCOMMAND]`.
@main
struct AllocVizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocviz",
        abstract: "A terminal visualizer of memory allocators: buddy trees and free-list heaps.",
        version: AllocVizCore.version,
        subcommands: [RunCommand.self, PlayCommand.self, CheckCommand.self, BenchCommand.self, TraceCommand.self],
        defaultSubcommand: RunCommand.self)
}
