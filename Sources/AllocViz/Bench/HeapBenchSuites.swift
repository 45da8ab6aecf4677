import Allocators

/// The free-list heap suites.
enum HeapBenchSuites {
    static var all: [BenchSuite] { [] }
}
