import AllocVizCore
import ArgumentParser

/// A frame size given as `COLSxROWS` (each 1...1000), e.g. `100x30`.
struct FrameSize: ExpressibleByArgument, Hashable, Sendable, CustomStringConvertible {
    /// The size.
    var size: GridSize

    /// The largest number of columns or rows.
    static let maximumSide = 1000

    /// A frame of `size`.
    init(_ size: GridSize) { self.size = size }

    /// Parses `argument`; nil when it is not `COLSxROWS` with each in 1...1000.
    init?(argument: String) {
        guard let size = try? FrameSize(parsing: argument) else { return nil }
        self = size
    }

    /// Parses `text`, or throws what was expected (used as the option's transform).
    init(parsing text: String) throws(FrameSizeError) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let cols = Int(parts[0]), let rows = Int(parts[1]),
              (1...Self.maximumSide).contains(cols), (1...Self.maximumSide).contains(rows) else {
            throw FrameSizeError(description: "expected COLSxROWS such as 100x30 (each 1...\(Self.maximumSide))")
        }
        size = GridSize(width: cols, height: rows)
    }

    /// `100x30`.
    var description: String { size.description }

    var defaultValueDescription: String { description }
}

/// Why a command-line value is not a frame size.
struct FrameSizeError: Error, CustomStringConvertible {
    /// What was expected.
    var description: String
}
