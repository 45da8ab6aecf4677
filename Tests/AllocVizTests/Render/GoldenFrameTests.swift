// Golden frames: Tests/AllocVizTests/Goldens/ holds the exact text of frames, one .txt file each.
//   fixtures/VIEW@WxH.txt   a view painted from the written-down states of RenderFixtures (GoldenCases)
//   demos/NAME@100x30.txt   the final frame of `allocviz play demos/NAME.aviz --headless --size 100x30`
//   demos/NAME@100x30.frames.txt   every frame of the same with `--frames` (DemoGoldens.everyFrame)
// After a deliberate change to the drawing, regenerate them all, then review `git diff`:
//   ALLOCVIZ_UPDATE_GOLDENS=1 swift test --filter GoldenFrame
import Testing
@testable import AllocVizCore

@Suite struct GoldenFrameTests {
    @Test(arguments: GoldenCases.all)
    func fixtureFrameMatchesGolden(_ key: String) {
        GoldenFile.check(GoldenCases.paint(key).text + "\n", name: GoldenCases.goldenName(key))
    }

    @Test(arguments: DemoGoldens.demos)
    func demoFinalFrameMatchesGolden(_ demo: String) throws {
        GoldenFile.check(try DemoGoldens.output(of: demo, everyFrame: false), name: DemoGoldens.goldenName(demo, everyFrame: false))
    }

    @Test(arguments: DemoGoldens.everyFrame)
    func demoEveryFrameMatchesGolden(_ demo: String) throws {
        GoldenFile.check(try DemoGoldens.output(of: demo, everyFrame: true), name: DemoGoldens.goldenName(demo, everyFrame: true))
    }

    /// Every golden file belongs to a case (stale ones are removed when regenerating), and the
    /// demos are all there.
    @Test func everyGoldenFileHasACase() {
        #expect(DemoGoldens.demos.count >= 9)
        #expect(DemoGoldens.everyFrame.allSatisfy(DemoGoldens.demos.contains))
        let expected = Set(GoldenCases.all.map(GoldenCases.goldenName)
            + DemoGoldens.demos.map { DemoGoldens.goldenName($0, everyFrame: false) }
            + DemoGoldens.everyFrame.map { DemoGoldens.goldenName($0, everyFrame: true) })
        let files = Set(GoldenFile.names(in: "fixtures") + GoldenFile.names(in: "demos"))
        for stale in files.subtracting(expected).sorted() { GoldenFile.removeStale(stale) }
        if !GoldenFile.updating {
            #expect(files.subtracting(expected).sorted() == [], "golden files without a case")
            #expect(expected.subtracting(files).sorted() == [], "cases without a golden file")
        }
    }

    @Test func goldenRowsHaveTheScreenWidthAtMost() {
        for key in GoldenCases.all {
            let grid = GoldenCases.paint(key)
            for y in 0 ..< grid.height {
                #expect(grid.rowText(y).unicodeScalars.count <= grid.width, "\(key) row \(y)")
            }
        }
    }

    /// The failure message of a changed frame names the first differing line, both versions of it,
    /// and how many lines differ.
    @Test func aChangedFrameIsReportedByItsFirstDifferingLine() {
        #expect(GoldenFile.difference(expected: "a\nb\nc\n", actual: "a\nb\nc\n") == nil)
        #expect(GoldenFile.difference(expected: "a\nb\nc\n", actual: "a\nB\nC\n") == """
            line 2 is the first of 2 differing lines (expected 3 lines, got 3)
              expected: |b|
              actual:   |B|
            """)
        #expect(GoldenFile.difference(expected: "a\n", actual: "a\nb\n") == """
            line 2 is the first of 1 differing lines (expected 1 lines, got 2)
              expected: (none: the text has 1 lines)
              actual:   |b|
            """)
    }
}

/// The demo scripts' goldens: frames `play --headless` prints at 100x30, rendered in process
/// through the same HeadlessPlayer the command uses.
enum DemoGoldens {
    static let size = GridSize(width: 100, height: 30)

    /// Demos whose every frame (`--frames`) is kept too.
    static let everyFrame = ["02-buddy-merge-cascade"]

    /// The demo names (file names without `.aviz`), sorted.
    static let demos: [String] = (DemoFiles.paths() ?? []).map { path in
        String(path.split(separator: "/").last!.dropLast(".aviz".count))
    }

    static func goldenName(_ demo: String, everyFrame: Bool) -> String {
        "demos/\(demo)@\(size)\(everyFrame ? ".frames" : "").txt"
    }

    /// What `allocviz play demos/DEMO.aviz --headless --size 100x30 [--frames]` prints.
    static func output(of demo: String, everyFrame: Bool) throws -> String {
        let path = try #require(DemoFiles.paths()?.first { $0.hasSuffix("/\(demo).aviz") }, "no demo \(demo)")
        var player = HeadlessPlayer()
        player.size = size
        player.output = everyFrame ? .everyFrame : .finalFrame
        var printed = ""
        _ = try player.play(try ScriptFile.load(path)) { printed += $0 + "\n" }
        return printed
    }
}
