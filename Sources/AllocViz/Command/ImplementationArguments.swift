import Allocators
import ArgumentParser

/// `--buddy-impl`: the library's buddy implementations by their names (`bitmap`, `array-list`, …).
extension BuddyImplementation: ExpressibleByArgument {}

/// `--heap-impl`: the library's heap implementations by their names (`segregated`, `first-fit`).
extension HeapImplementation: ExpressibleByArgument {}
