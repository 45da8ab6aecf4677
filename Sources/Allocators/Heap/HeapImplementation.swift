/// The heap implementations by name, for command-line options and script headers (`impl=...`),
/// like ``BuddyImplementation`` for the buddy allocators.
public enum HeapImplementation: String, CaseIterable, Hashable, Sendable {
    /// ``SegregatedFitHeap``: exact-size smallbins and TLSF large bins (the fast one).
    case segregatedFit = "segregated"
    /// ``FirstFitHeap``: one address-ordered hole list, first fit (the teaching baseline).
    case firstFit = "first-fit"

    /// The name used on the command line (the raw value).
    public var name: String { rawValue }

    /// The implementation called `name`, or nil when there is none.
    public init?(name: String) { self.init(rawValue: name) }

    /// A fresh heap of this implementation over a new region of `capacity` bytes.
    /// `exactPointerChecks` turns on ``SegregatedFitHeap/exactPointerChecks``; the first-fit heap
    /// has no exact mode and ignores it.
    /// - Precondition: the implementation's capacity range (at least 64 bytes, under 2^46).
    public func make(capacity: Int, tracksRequestedSizes: Bool = false, exactPointerChecks: Bool = false) -> any HeapAllocator {
        switch self {
        case .segregatedFit:
            SegregatedFitHeap(capacity: capacity, tracksRequestedSizes: tracksRequestedSizes, exactPointerChecks: exactPointerChecks)
        case .firstFit: FirstFitHeap(capacity: capacity, tracksRequestedSizes: tracksRequestedSizes)
        }
    }
}
