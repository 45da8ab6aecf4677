@testable import AllocVizCore

/// The render and output tests draw their seeded traces from the session's SplitMix64 generator.
typealias RenderTestRandom = SplitMix64Generator
