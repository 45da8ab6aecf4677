#if canImport(Glibc)
import Glibc
#endif
import Allocators
import AllocVizCore

/// The session suite: how a long trace goes through the visualizer's session.
enum TraceBenchSuites {
    static var all: [BenchSuite] { [trace] }

    /// `trace`: 200,000 random steps (sizes 16 B ... 1 KiB, 45 % frees; scaled by `--scale`)
    /// through a session on a 16 MiB heap lane and on the default lanes: steps per second
    /// without history (what `check` does) and with it (what `play` does), resident bytes
    /// the history adds per step (its steps, the snapshots within their budget and the cached
    /// records), the steps' and the snapshots' shares of it, the mean latency of 200 seeded
    /// random seeks (each computes the records of the window before its target, as a frame
    /// needs them) and of reading 200 random steps' records away from the position (one replay
    /// from a snapshot each).
    static let trace = BenchSuite(
        name: "trace",
        summary: "200,000 random steps through a session (16 MiB heap; default lanes): steps/s with and without history, bytes kept per step, seek latency",
        run: { options, progress in
            let steps = max(1_000, Int(200_000 * options.scale))
            let workload = RandomWorkload(seed: options.seed, sizes: 16...1024, freePercent: 45)
            var rows: [BenchResult] = []
            let setups: [(String, [LaneConfiguration])] = [
                ("heap 16MiB", [try LaneConfiguration.heap(capacity: 16 << 20)]),
                ("default lanes", LaneConfiguration.defaults),
            ]
            for (name, lanes) in setups {
                func add(_ subject: String, _ value: Double, _ unit: String) {
                    rows.append(BenchResult(suite: "trace", subject: "\(name), \(subject)", value: value, unit: unit))
                }
                progress("\(name): \(steps) steps without history")
                let streamed = Session(lanes: lanes, recordsHistory: false)
                let streamedTime = MonotonicClock.measure { streamed.performRandom(workload, count: steps) }
                add("no history", Double(steps) / (Double(streamedTime) / 1e9), "steps/s")

                progress("\(name): \(steps) steps with history")
                let heldBefore = residentBytes()
                let full = Session(lanes: lanes)
                let fullTime = MonotonicClock.measure { full.performRandom(workload, count: steps) }
                add("history", Double(steps) / (Double(fullTime) / 1e9), "steps/s")
                add("history kept", Double(max(0, residentBytes() - heldBefore)) / Double(steps), "B/step")
                add("history steps", Double(full.estimatedHistoryBytes) / Double(steps), "B/step")
                add("snapshots (\(full.snapshotCount), every \(full.snapshotInterval) steps)",
                    Double(full.snapshotCount * full.state.estimatedSnapshotBytes) / Double(steps), "B/step")

                progress("\(name): 200 random seeks")
                var generator = SplitMix64Generator(seed: options.seed)
                let seeks = 200
                let seekTime = MonotonicClock.measure {
                    for _ in 0..<seeks { full.seek(to: Int(generator.next() % UInt64(steps + 1))) }
                }
                add("seek", Double(seekTime) / Double(seeks) / 1e3, "µs/seek")

                progress("\(name): 200 records away from the position")
                var checksum = 0
                let recordTime = MonotonicClock.measure {
                    for _ in 0..<seeks { checksum &+= full.record(at: Int(generator.next() % UInt64(steps))).lanes.count }
                }
                precondition(checksum == seeks * lanes.count)
                add("record away", Double(recordTime) / Double(seeks) / 1e3, "µs/record")
            }
            return rows
        })

    /// The process's resident bytes (the second field of `/proc/self/statm`, in pages), 0 when
    /// it cannot be read. Records, snapshots and the lanes' regions are all resident once written.
    static func residentBytes() -> Int {
        #if canImport(Glibc)
        let descriptor = open("/proc/self/statm", O_RDONLY)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return 0 }
        let fields = buffer[..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        return 0
        #endif
    }
}
