/// The set of ids a trace has used, for their distinct count: a bit per id below
/// ``denseLimit`` (traces number their ids densely from 0, so a million ids take 128 KiB),
/// a hash set above it.
struct TraceIDSet {
    /// Ids below this are kept as bits (at most 16 MiB of them).
    static let denseLimit = 1 << 27

    private var words: [UInt64] = []
    private var sparse: Set<Int> = []
    /// The number of distinct ids inserted.
    private(set) var count = 0

    /// Whether `id` was inserted.
    /// - Complexity: O(1).
    func contains(_ id: Int) -> Bool {
        guard id < Self.denseLimit else { return sparse.contains(id) }
        let word = id >> 6
        return word < words.count && words[word] & (1 << UInt64(id & 63)) != 0
    }

    /// Inserts `id` (at least 0).
    /// - Complexity: O(1) amortised.
    mutating func insert(_ id: Int) {
        guard id < Self.denseLimit else {
            if sparse.insert(id).inserted { count += 1 }
            return
        }
        let word = id >> 6
        if word >= words.count { words.append(contentsOf: repeatElement(0, count: max(word + 1 - words.count, words.count))) }
        let bit: UInt64 = 1 << UInt64(id & 63)
        if words[word] & bit == 0 {
            words[word] |= bit
            count += 1
        }
    }
}
