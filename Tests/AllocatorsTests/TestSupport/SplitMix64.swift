import AllocVizCore

/// The traces use the project's one seeded generator, so every random trace is reproducible
/// on every machine.
typealias SplitMix64 = SplitMix64Generator

extension SplitMix64Generator {
    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}
