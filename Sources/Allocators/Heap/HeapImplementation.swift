/// The heap implementations by name, for command-line options and script headers (`impl=...`),
/// like ``BuddyImplementation`` for the buddy allocators. Besides the segregated fit, each name
/// is a ``FirstFitHeap`` under one of the textbook policies (see ``firstFitPolicy``).
public enum HeapImplementation: String, CaseIterable, Hashable, Sendable {
    /// ``SegregatedFitHeap``: exact-size smallbins and TLSF large bins (the fast one).
    case segregatedFit = "segregated"
    /// ``FirstFitHeap``: one address-ordered hole list, first fit, coalescing (the teaching baseline).
    case firstFit = "first-fit"
    /// ``FirstFitHeap`` with a LIFO hole list: first fit, freed holes go to the head.
    case firstFitLIFO = "first-fit-lifo"
    /// ``FirstFitHeap`` without coalescing: first fit over an address-ordered list whose holes may touch.
    case firstFitNoCoalescing = "first-fit-no-coalesce"
    /// ``FirstFitHeap`` with next fit: the search resumes where the previous allocation ended.
    case nextFit = "next-fit"
    /// ``FirstFitHeap`` with best fit: the smallest hole that fits.
    case bestFit = "best-fit"
    /// ``FirstFitHeap`` with worst fit: the largest hole.
    case worstFit = "worst-fit"

    /// The name used on the command line (the raw value).
    public var name: String { rawValue }

    /// The implementation called `name`, or nil when there is none.
    public init?(name: String) { self.init(rawValue: name) }

    /// The ``FirstFitHeap/Policy`` this implementation runs, or nil for the segregated fit.
    public var firstFitPolicy: FirstFitHeap.Policy? {
        switch self {
        case .segregatedFit: nil
        case .firstFit: .firstFit
        case .firstFitLIFO: .firstFitLIFO
        case .firstFitNoCoalescing: .firstFitNoCoalescing
        case .nextFit: .nextFit
        case .bestFit: .bestFit
        case .worstFit: .worstFit
        }
    }

    /// A fresh heap of this implementation over a new region of `capacity` bytes.
    /// `exactPointerChecks` turns on ``SegregatedFitHeap/exactPointerChecks``; the first-fit heaps
    /// have no exact mode and ignore it.
    /// - Precondition: the implementation's capacity range (at least 64 bytes, under 2^46).
    public func make(capacity: Int, tracksRequestedSizes: Bool = false, exactPointerChecks: Bool = false) -> any HeapAllocator {
        guard let policy = firstFitPolicy else {
            return SegregatedFitHeap(capacity: capacity, tracksRequestedSizes: tracksRequestedSizes, exactPointerChecks: exactPointerChecks)
        }
        return FirstFitHeap(capacity: capacity, tracksRequestedSizes: tracksRequestedSizes, policy: policy)
    }
}
