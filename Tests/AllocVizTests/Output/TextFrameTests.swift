import Testing
@testable import AllocVizCore

@Suite struct TextFrameTests {
    @Test func plainTextIsTheGridText() {
        let grid = FrameView.paint(RenderFixtures.frame, size: GridSize(width: 80, height: 24))
        #expect(TextFrame.render(grid) == grid.text)
    }

    @Test func asciiFallbackLeavesOnlyASCIIAndKeepsLayout() {
        let grid = FrameView.paint(RenderFixtures.frame, size: GridSize(width: 80, height: 24))
        let ascii = TextFrame.render(grid, ascii: true)
        let allASCII = ascii.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII)
        // Every glyph any view draws has a real ASCII stand-in (unknown ones become "?").
        for key in GoldenCases.all {
            let grid = GoldenCases.paint(key)
            let original = Array(grid.text.unicodeScalars), fallback = Array(TextFrame.render(grid, ascii: true).unicodeScalars)
            #expect(original.count == fallback.count)
            for (o, f) in zip(original, fallback) where f == "?" { #expect(o == "?", "\(key): \(o) has no stand-in") }
        }
        let rows = ascii.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.count == 24)
        #expect(rows[1].hasPrefix("+- buddy tree 1M/4K -"))
        #expect(rows.allSatisfy { $0.count <= 80 })
    }

    @Test func framesAreLabelled() {
        let a = CellGrid(text: "one", width: 5, height: 1), b = CellGrid(text: "two", width: 5, height: 1)
        #expect(TextFrame.render(frames: [("step 1", a), ("step 2", b)]) == "── step 1 ──\none\n── step 2 ──\ntwo")
    }
}
