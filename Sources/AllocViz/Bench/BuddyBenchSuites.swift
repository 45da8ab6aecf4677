import Allocators

/// The buddy allocator suites.
enum BuddyBenchSuites {
    static var all: [BenchSuite] { [] }
}
