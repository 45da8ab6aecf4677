/// The heap implementations by name, for command-line options and script headers (`impl=...`).
public enum HeapImplementation: String, CaseIterable, Hashable, Sendable {
    /// ``SegregatedFitHeap``: exact smallbins with alignment sub-bins, TLSF classes above.
    case segregatedFit = "segregated"
    /// ``FirstFitHeap``: one address-ordered hole list, first fit (the teaching baseline).
    case firstFit = "first-fit"

    /// The name used on the command line and in scripts (the raw value).
    public var name: String { rawValue }

    /// A fresh heap of this implementation over a region of `capacity` bytes of its own.
    public func make(capacity: Int, tracksRequestedSizes: Bool = false) -> any HeapAllocator {
        switch self {
        case .segregatedFit: SegregatedFitHeap(capacity: capacity, tracksRequestedSizes: tracksRequestedSizes)
        case .firstFit: FirstFitHeap(capacity: capacity, tracksRequestedSizes: tracksRequestedSizes)
        }
    }
}
