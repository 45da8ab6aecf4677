/// "Did you mean" suggestions for misspelled keywords, metrics and handle names.
public enum NameSuggestion {
    /// The candidate closest to `word` by edit distance (case-insensitive), when the distance
    /// is at most 2 and less than half the word's length; nil otherwise.
    public static func closest(_ word: String, among candidates: [String]) -> String? {
        let lowered = Array(word.lowercased())
        let scored = candidates.map { ($0, distance(lowered, Array($0.lowercased()))) }.filter { $0.1 <= 2 && $0.1 * 2 < lowered.count }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// The Levenshtein distance between `a` and `b`.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
