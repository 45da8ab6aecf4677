import AllocVizCore
import ArgumentParser

/// A byte count given on the command line, written as scripts write sizes (``SizeLiteral``):
/// `4096`, `4KiB`, `1MiB`, `0x1000`.
struct ByteCount: ExpressibleByArgument, Hashable, Sendable, CustomStringConvertible {
    /// The number of bytes.
    var bytes: Int

    /// A count of `bytes` bytes.
    init(_ bytes: Int) { self.bytes = bytes }

    /// Parses `argument` (surrounding spaces ignored); nil when it is not a size.
    init?(argument: String) {
        guard let count = try? ByteCount(parsing: argument) else { return nil }
        self = count
    }

    /// Parses `text` (surrounding spaces ignored), or throws why it is not a size, in words
    /// (used as the options' transform, so the parser's error carries the reason).
    init(parsing text: String) throws(ByteCountError) {
        let trimmed = String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        switch SizeLiteral.parse(trimmed) {
        case .success(let bytes): self.bytes = bytes
        case .failure(let error):
            // The parser's own message starts by quoting the value; the argument parser
            // already quotes it ("The value '1EiB' is invalid for '--buddy <size>': …").
            var reason = error.message
            if reason.hasPrefix("'\(trimmed)': ") { reason.removeFirst(trimmed.count + 4) }
            throw ByteCountError(description: reason)
        }
    }

    /// The shortest exact form: `4KiB`, `1536`, `1MiB`.
    var description: String { SizeLiteral.format(bytes) }

    var defaultValueDescription: String { description }
}

/// Why a command-line value is not a byte count, in plain words.
struct ByteCountError: Error, CustomStringConvertible {
    /// The reason, e.g. "unknown unit 'EiB'; use B, KiB, MiB, GiB or TiB".
    var description: String
}
