extension FirstFitHeap {
    /// The knobs of the textbook free-list allocators (those of OSTEP's free-space simulator):
    /// which hole serves a request, in what order the hole list is kept, and whether a freed
    /// chunk merges with the holes beside it.
    ///
    /// ``firstFit`` (address order, first fit, coalescing) is the heap's original behaviour and
    /// keeps its own tuned paths; every other policy takes the general paths, which are also
    /// O(holes) per operation.
    public struct Policy: Hashable, Sendable, CustomStringConvertible {
        /// Which fitting hole a request takes.
        public enum Fit: String, Hashable, Sendable, CaseIterable {
            /// The first hole in list order where the aligned chunk fits.
            case first
            /// Like first fit, but the search starts where the previous allocation ended (the
            /// rover) and wraps around. In an address-ordered list the rover is an address: the
            /// search starts at the first hole at or after it. In a LIFO list it is the hole that
            /// followed the previous allocation; when that hole is gone the search starts at the head.
            case next
            /// The smallest hole where the chunk fits (the first such in list order on ties).
            case best
            /// The largest hole where the chunk fits (the first such in list order on ties).
            case worst
        }

        /// The order of the hole list.
        public enum Order: String, Hashable, Sendable, CaseIterable {
            /// Sorted by address.
            case address
            /// Last in, first out: a freed (and merged) hole goes to the head of the list. A hole
            /// left over by a split keeps the list position of the hole it came from.
            case lifo
        }

        /// Which hole a request takes.
        public var fit: Fit
        /// The order of the hole list.
        public var order: Order
        /// Whether a freed chunk merges with free neighbours. Without it adjacent holes stay
        /// apart, and a request larger than every single hole fails even when neighbours would fit it.
        public var coalesces: Bool

        /// Creates a policy; the defaults are ``firstFit``.
        public init(fit: Fit = .first, order: Order = .address, coalesces: Bool = true) {
            self.fit = fit
            self.order = order
            self.coalesces = coalesces
        }

        /// First fit over an address-ordered list, coalescing (the original heap).
        public static let firstFit = Policy()
        /// First fit over a LIFO list, coalescing.
        public static let firstFitLIFO = Policy(order: .lifo)
        /// First fit over an address-ordered list without coalescing.
        public static let firstFitNoCoalescing = Policy(coalesces: false)
        /// Next fit over an address-ordered list, coalescing.
        public static let nextFit = Policy(fit: .next)
        /// Best fit over an address-ordered list, coalescing.
        public static let bestFit = Policy(fit: .best)
        /// Worst fit over an address-ordered list, coalescing.
        public static let worstFit = Policy(fit: .worst)

        /// For example `best fit, address order, coalescing`.
        public var description: String {
            "\(fit.rawValue) fit, \(order == .address ? "address order" : "LIFO order"), \(coalesces ? "coalescing" : "no coalescing")"
        }
    }

    /// The bin the hole list reports itself as: ``HeapBin/holeList`` when address-ordered,
    /// ``HeapBin/lifoHoleList`` when LIFO.
    @inline(__always) var holeBin: HeapBin { policy.order == .lifo ? .lifoHoleList : .holeList }
}
