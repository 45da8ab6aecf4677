import Allocators
import AllocVizCore
import ArgumentParser

/// `--buddy-impl`: the library's buddy implementations by their names (`bitmap`, `array-list`, …).
extension BuddyImplementation: ExpressibleByArgument {}

/// `--heap-impl`: a heap implementation name, one of ``LaneFactory/implementations(of:)``
/// for heaps (the parser lists them in help, errors and completions).
struct HeapImplementationName: ExpressibleByArgument, Hashable, Sendable, CustomStringConvertible {
    /// The implementation's name, e.g. `segregated`.
    var name: String

    /// Nil unless `argument` names a heap implementation.
    init?(argument: String) {
        guard Self.allValueStrings.contains(argument) else { return nil }
        name = argument
    }

    static var allValueStrings: [String] { LaneFactory.implementations(of: .heap) }

    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    var description: String { name }
}
