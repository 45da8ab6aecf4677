/// Reads a fuzzer's input as a stream of small decisions; past the end every read is 0, so any
/// input (the empty one included) decodes to a finite operation sequence.
struct FuzzInput {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(_ data: UnsafePointer<UInt8>?, _ count: Int) {
        bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : count)
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { position >= bytes.count }

    /// The next byte (0 past the end).
    mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// The next 16-bit little-endian value.
    mutating func uint16() -> Int { Int(byte()) | Int(byte()) << 8 }

    /// A value in `0 ..< bound` (bound >= 1).
    mutating func below(_ bound: Int) -> Int { uint16() % bound }
}

/// Stops the fuzzer with a message (libFuzzer saves the input as a crash file).
func fuzzFailure(_ message: String) -> Never {
    fatalError("fuzz: " + message)
}
