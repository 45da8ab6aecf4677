import Testing
@testable import AllocVizCore

@Suite struct GoldenFrameTests {
    @Test(arguments: GoldenCases.all)
    func frameMatchesGolden(_ key: String) throws {
        let golden = try #require(GoldenFrames.frames[key], "no golden for \(key)")
        let actual = GoldenCases.paint(key).text
        #expect(actual == golden, "frame \(key) changed; new frame:\n\(actual)")
    }

    @Test func everyGoldenHasACase() {
        #expect(Set(GoldenFrames.frames.keys) == Set(GoldenCases.all))
    }

    @Test func goldenRowsHaveTheScreenWidthAtMost() {
        for key in GoldenCases.all {
            let grid = GoldenCases.paint(key)
            for y in 0 ..< grid.height {
                #expect(grid.rowText(y).unicodeScalars.count <= grid.width)
            }
        }
    }
}
