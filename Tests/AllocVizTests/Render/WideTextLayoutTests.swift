import Testing
@testable import AllocVizCore

/// Wide characters (CJK, emoji) in a script's note and title: they take two columns of the
/// screen, so every row keeps the frame's width and the borders stay in their columns.
@Suite struct WideTextLayoutTests {
    static let size = GridSize(width: 80, height: 24)

    /// The final headless frame of `script` at 80x24, as `allocviz play --headless` prints it.
    static func headlessFrame(_ script: String) throws -> [String] {
        var player = HeadlessPlayer()
        player.size = size
        player.output = .finalFrame
        var printed = ""
        _ = try player.play(try ScriptParser.parse(script, file: "wide.aviz")) { printed += $0 }
        return printed.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func aNoteWithWideCharactersKeepsThePanelBorderInTheLastColumn() throws {
        let rows = try Self.headlessFrame("alloc ok 100\nnote \"héllo 日本語 ✓ wide emoji 🎉 end\"\n")
        // The note's text is 32 columns wide: 5 spaces then the border reach column 80.
        let noteRow = try #require(rows.first { $0.contains("日本語") })
        #expect(noteRow == "│buddy used 4K/1M  free 1020K          ││ héllo 日本語 ✓ wide emoji 🎉 end     │")
        // The stats panel's next row is not pushed sideways.
        let index = try #require(rows.firstIndex(of: noteRow))
        #expect(rows[index + 1].hasPrefix("│      largest 512K"))
        #expect(rows[index + 1].hasSuffix("││                                      │"))
        // Every row is at most the frame's width, and the panel rows (with borders) exactly it.
        #expect(rows.count == Self.size.height)
        for (y, row) in rows.enumerated() {
            let columns = DisplayWidth.of(text: row)
            if y == 0 || y == rows.count - 1 {
                #expect(columns <= Self.size.width, "row \(y): \(row)")
            } else {
                #expect(columns == Self.size.width, "row \(y): \(row)")
            }
        }
    }

    @Test func aWideTitleTakesTwoColumnsPerCharacterInTheHeader() throws {
        let rows = try Self.headlessFrame("title \"日本語のデモ 🎉\"\nalloc ok 100\n")
        // " allocviz · " (12) + title (15), spaces up to the hint at column 65.
        #expect(rows[0] == " allocviz · 日本語のデモ 🎉" + String(repeating: " ", count: 38) + "? help  q quit")
    }

    @Test func aLongWideTitleIsCutAtAColumnBoundaryBeforeTheHint() {
        var model = RenderFixtures.frame
        model.title = String(repeating: "日本語", count: 20)
        let grid = FrameView.paint(model, size: Self.size)
        // 64 columns for the text: " allocviz · " (12), 25 wide characters (50) and "…" (1);
        // a 26th would need a 65th column.
        let kept = String(String(repeating: "日本語", count: 9).prefix(25))
        #expect(grid.rowText(0) == " allocviz · " + kept + "…  ? help  q quit")
        #expect(DisplayWidth.of(text: grid.rowText(0)) == 79)
    }

    @Test func theNoteBoxWrapsWideTextByColumns() {
        var grid = CellGrid(width: 20, height: 6)
        NoteBoxView.paint("日本語のデモです 🎉🎉 ok", over: grid.bounds, limitTop: 0, into: &grid)
        #expect(grid.rowText(0) == "╭─ note " + String(repeating: "─", count: 11) + "╮")
        #expect(grid.rowText(1) == "│ 日本語のデモです │")
        #expect(grid.rowText(2) == "│ 🎉🎉 ok" + String(repeating: " ", count: 10) + "│")
        #expect(grid.rowText(5) == "╰" + String(repeating: "─", count: 18) + "╯")
    }

    @Test func aLongWideWordIsCutBetweenCharactersNeverInsideOne() {
        // 15 columns of text: 7 wide characters (14 columns) fit, the 8th goes on the next line.
        var grid = CellGrid(width: 19, height: 5)
        NoteBoxView.paint("日本語のデモですよ", over: grid.bounds, limitTop: 0, into: &grid)
        #expect(grid.rowText(1) == "│ 日本語のデモで  │")
        #expect(grid.rowText(2) == "│ すよ" + String(repeating: " ", count: 12) + "│")
        for y in 0 ..< grid.height { #expect(DisplayWidth.of(text: grid.rowText(y)) == 19, "row \(y)") }
    }
}
