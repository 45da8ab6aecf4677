import Allocators
import AllocVizCore

/// The visualizer's frames on a long trace: what a step costs on screen once tens of
/// thousands of chunks are live.
enum FrameBenchSuites {
    static var all: [BenchSuite] { [frames] }

    /// `frames`: 200,000 random steps (sizes 16 B ... 1 KiB, 45 % frees; scaled by `--scale`)
    /// on a 16 MiB heap lane and on the default lanes, then the time to build and paint the
    /// 200x60 frame as `play` does (frame model from the session, then the cell grid): at the
    /// end, after a step forward, and after a random seek.
    static let frames = BenchSuite(
        name: "frames",
        summary: "frames of a 200,000-step session (16 MiB heap; default lanes) built and painted at 200x60: ms/frame at the end, a step on, after a seek",
        run: { options, progress in
            let steps = max(1_000, Int(200_000 * options.scale))
            let workload = RandomWorkload(seed: options.seed, sizes: 16...1024, freePercent: 45)
            let size = GridSize(width: 200, height: 60)
            var rows: [BenchResult] = []
            let setups: [(String, [LaneConfiguration])] = [
                ("heap 16MiB", [try LaneConfiguration.heap(capacity: 16 << 20)]),
                ("default lanes", LaneConfiguration.defaults),
            ]
            for (name, lanes) in setups {
                progress("\(name): \(steps) steps")
                let session = Session(lanes: lanes)
                session.performRandom(workload, count: steps)
                let live = session.state.lanes.map { $0.allocator.metrics(requestedBytes: 0).liveBlockCount }.max() ?? 0
                func add(_ subject: String, _ nanoseconds: UInt64) {
                    rows.append(BenchResult(suite: "frames", subject: "\(name) (\(live) live blocks), \(subject)",
                                            value: Double(nanoseconds) / 1e6, unit: "ms/frame"))
                }
                func frame() -> UInt64 {
                    MonotonicClock.measure {
                        let grid = FrameView.paint(SessionFrameBuilder.frame(session), size: size)
                        precondition(grid.size == size)
                    }
                }
                progress("\(name): frames")
                add("frame at the end", (0..<10).map { _ in frame() }.min()!)
                var stepped: [UInt64] = []
                var generator = SplitMix64Generator(seed: options.seed)
                for _ in 0..<20 {
                    session.seek(to: Int(generator.next() % UInt64(steps)))
                    let seek = MonotonicClock.measure { session.seek(to: session.position + 1) }
                    stepped.append(seek + frame())
                }
                add("a step forward and its frame (median of 20)", stepped.sorted()[stepped.count / 2])
                var seeks: [UInt64] = []
                for _ in 0..<20 {
                    let target = Int(generator.next() % UInt64(steps))
                    let seek = MonotonicClock.measure { session.seek(to: target) }
                    seeks.append(seek + frame())
                }
                add("a random seek and its frame (median of 20)", seeks.sorted()[seeks.count / 2])
            }
            return rows
        })
}
