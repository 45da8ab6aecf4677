/// SplitMix64: a tiny, fast, seedable generator that gives the same sequence on every machine.
public struct SplitMix64Generator: RandomNumberGenerator, Sendable, Hashable {
    /// The generator's whole state.
    public private(set) var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    /// - Complexity: O(1).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value uniform in `0..<bound` (multiply-high; `bound` must be positive).
    /// - Complexity: O(1).
    public mutating func below(_ bound: UInt64) -> UInt64 {
        next().multipliedFullWidth(by: bound).high
    }

    /// A number in `0..<bound` (`bound` > 0).
    /// - Complexity: O(1).
    public mutating func below(_ bound: Int) -> Int {
        Int(below(UInt64(bound)))
    }

    /// A value uniform in the closed range.
    /// - Complexity: O(1).
    public mutating func uniform(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
        if span == 0 { return Int(bitPattern: UInt(next())) }  // the full 64-bit range
        return range.lowerBound &+ Int(bitPattern: UInt(below(span)))
    }
}
