import Allocators

/// A heap benchmark found a broken block (a tag overwritten): the allocator handed out overlapping memory.
struct HeapBenchCorruption: Error, CustomStringConvertible {
    var subject: String
    var count: Int
    var description: String { "\(subject): \(count) blocks had their tags overwritten" }
}

/// The free-list heap suites: W1, W2, W4 in Mops/s against glibc in the same run, and W3
/// fill efficiency (live requested bytes / heap size at the first failed request).
enum HeapBenchSuites {
    static var all: [BenchSuite] {
        [
            BenchSuite(name: "heap-w1", summary: "W1 galloc random_actions, 256 MiB heap: Mops/s vs glibc") { options, progress in
                try timedSuite(.randomActions, name: "heap-w1", options: options, progress: progress)
            },
            BenchSuite(name: "heap-w2", summary: "W2 small churn (8..256 B, align 8/16): Mops/s vs glibc") { options, progress in
                try timedSuite(.smallChurn(alignment: nil), name: "heap-w2", options: options, progress: progress)
            },
            BenchSuite(name: "heap-w4", summary: "W4 small churn aligned to 64: Mops/s vs glibc") { options, progress in
                try timedSuite(.smallChurn(alignment: 64), name: "heap-w4", options: options, progress: progress)
            },
            BenchSuite(name: "heap-w3", summary: "W3 fill efficiency on a 1 MiB heap, mean/min of 50 rounds") { options, progress in
                try fillSuite(options: options, progress: progress)
            },
            HeapWalkBench.suite,
        ]
    }

    /// The timed workloads.
    enum Workload {
        case randomActions
        case smallChurn(alignment: Int?)
    }

    /// Runs `workload` on any subject for `seconds`.
    static func run<S: HeapBenchSubject>(_ workload: Workload, on subject: inout S, seconds: Double, seed: UInt64) -> WorkloadCount {
        switch workload {
        case .randomActions: HeapWorkloads.randomActions(&subject, seconds: seconds, seed: seed)
        case .smallChurn(let alignment): HeapWorkloads.smallChurn(&subject, seconds: seconds, seed: seed, fixedAlignment: alignment)
        }
    }

    /// Front cache depth of the fast configuration measured beside the plain heap.
    static let frontCacheDepth = 16

    /// Heap size for the timed suites: 256 MiB at scale 1 (at least 4 MiB).
    static func heapBytes(_ options: BenchOptions) -> Int {
        max(4 << 20, Int(Double(256 << 20) * options.scale))
    }

    /// Rounds of the timed suites: the subjects take turns, and each keeps its best round, so
    /// a burst of load from elsewhere on the machine hits every subject alike.
    static let rounds = 5

    /// glibc, the segregated-fit heap (with and without the front cache) and the first-fit
    /// baseline on the same trace, `rounds` interleaved rounds of `options.seconds` each
    /// (the baseline runs once).
    static func timedSuite(_ workload: Workload, name: String, options: BenchOptions,
                           progress: (String) -> Void) throws -> [BenchResult] {
        let bytes = heapBytes(options)
        let depths = [frontCacheDepth, 0]
        var glibcBest = 0.0
        var heapBest = [Double](repeating: 0, count: depths.count)
        for round in 1...rounds {
            progress("round \(round)/\(rounds): glibc malloc, \(options.seconds) s")
            var glibc = GlibcSubject()
            let peer = run(workload, on: &glibc, seconds: options.seconds, seed: options.seed)
            try check(peer, "glibc")
            glibcBest = max(glibcBest, peer.mopsPerSecond)
            for (index, depth) in depths.enumerated() {
                progress("round \(round)/\(rounds): \(label(depth)) \(bytes >> 20) MiB, \(options.seconds) s")
                var fast = SegregatedFitSubject(heap: SegregatedFitHeap(capacity: bytes, frontCacheDepth: depth))
                let count = run(workload, on: &fast, seconds: options.seconds, seed: options.seed)
                try check(count, label(depth))
                heapBest[index] = max(heapBest[index], count.mopsPerSecond)
            }
        }
        var rows = [BenchResult(suite: name, subject: "glibc malloc", value: glibcBest, unit: "Mops/s")]
        for (index, depth) in depths.enumerated() {
            rows.append(BenchResult(suite: name, subject: label(depth), value: heapBest[index], unit: "Mops/s",
                                    ratioToPeer: heapBest[index] / glibcBest, peer: "glibc"))
        }
        progress("FirstFitHeap \(bytes >> 20) MiB, \(options.seconds) s")
        var slow = LibraryHeapSubject(heap: FirstFitHeap(capacity: bytes))
        let slowCount = run(workload, on: &slow, seconds: options.seconds, seed: options.seed)
        try check(slowCount, "FirstFitHeap")
        rows.append(BenchResult(suite: name, subject: "FirstFitHeap (baseline)", value: slowCount.mopsPerSecond, unit: "Mops/s",
                                ratioToPeer: slowCount.mopsPerSecond / glibcBest, peer: "glibc"))
        return rows
    }

    /// The row label of a segregated-fit configuration.
    static func label(_ depth: Int) -> String {
        depth == 0 ? "SegregatedFitHeap" : "SegregatedFitHeap cache=\(depth)"
    }

    static func check(_ count: WorkloadCount, _ subject: String) throws {
        if count.corruptions > 0 { throw HeapBenchCorruption(subject: subject, count: count.corruptions) }
    }

    /// W3: mean and minimum fill efficiency over 50 rounds (scaled), for both library heaps.
    static func fillSuite(options: BenchOptions, progress: (String) -> Void) throws -> [BenchResult] {
        let rounds = max(1, Int((50 * options.scale).rounded()))
        let bytes = 1 << 20
        var rows: [BenchResult] = []
        func measure<S: HeapBenchSubject>(_ label: String, _ make: () -> S) throws {
            progress("\(label): \(rounds) rounds on 1 MiB")
            var rng = BenchRandom(seed: options.seed)
            var total = 0.0, minimum = 1.0
            for _ in 0..<rounds {
                var subject = make()
                let (requested, intact) = HeapWorkloads.fillRound(&subject, rng: &rng)
                if !intact { throw HeapBenchCorruption(subject: label, count: 1) }
                let efficiency = Double(requested) / Double(bytes)
                total += efficiency
                minimum = min(minimum, efficiency)
            }
            rows.append(BenchResult(suite: "heap-w3", subject: "\(label) mean", value: total / Double(rounds) * 100, unit: "%"))
            rows.append(BenchResult(suite: "heap-w3", subject: "\(label) min", value: minimum * 100, unit: "%"))
        }
        try measure("SegregatedFitHeap") { SegregatedFitSubject(heap: SegregatedFitHeap(capacity: bytes)) }
        try measure("SegregatedFitHeap cache=\(frontCacheDepth)") {
            SegregatedFitSubject(heap: SegregatedFitHeap(capacity: bytes, frontCacheDepth: frontCacheDepth))
        }
        try measure("FirstFitHeap") { LibraryHeapSubject(heap: FirstFitHeap(capacity: bytes)) }
        return rows
    }
}
