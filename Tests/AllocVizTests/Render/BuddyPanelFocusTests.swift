import Testing
@testable import AllocVizCore

/// The buddy panel keeps small orders legible: auto-focus on the blocks the last operation
/// touched, a selection that shows without colour, the unusable free space index per order.
@Suite struct BuddyPanelFocusTests {
    static let splitCascade = """
        buddy 1MiB min=4KiB
        alloc A 4KiB
        alloc B 4KiB
        """

    private func run(_ script: String) throws -> Session {
        let runner = try ScriptRunner(script: try ScriptParser.parse(script, file: "t.aviz"))
        runner.runToEnd()
        return runner.session
    }

    /// The rows of lane `lane`'s panel in the frame painted with `options`.
    private func laneRows(
        _ session: Session, lane: Int = 0, size: GridSize = GridSize(width: 100, height: 30),
        options: SessionFrameBuilder.Options = SessionFrameBuilder.Options()
    ) -> [String] {
        let model = SessionFrameBuilder.frame(session, options: options)
        let grid = FrameView.paint(model, size: size)
        let rect = FrameLayout(size: size, laneCount: model.lanes.count).lanes[lane]
        return (rect.y ..< rect.maxY).map { y in
            String(String.UnicodeScalarView(grid.rowText(y).unicodeScalars.dropFirst(rect.x).prefix(rect.width)))
        }
    }

    // MARK: auto-focus (failed before: orders 1 and 0 were folded into the map, A and B unnamed)

    @Test(arguments: [GridSize(width: 100, height: 30), GridSize(width: 80, height: 24), GridSize(width: 250, height: 70)])
    func smallBlocksTheLastStepTouchedAreDrawnWithTheirNames(_ size: GridSize) throws {
        let session = try run(Self.splitCascade)
        let rows = laneRows(session, size: size)
        #expect(rows[0].contains("(auto)"), "no auto-focus in the title: \(rows[0])")
        #expect(rows.contains { $0.contains("▏A") || $0.contains("A█") }, "A is not named:\n\(rows.joined(separator: "\n"))")
        #expect(rows.contains { $0.contains("▏B") || $0.contains("B█") }, "B is not named:\n\(rows.joined(separator: "\n"))")
    }

    @Test func theFocusAt100ColumnsIsTheLargestSubtreeWhereOrderZeroIsLegible() throws {
        let rows = laneRows(try run(Self.splitCascade))
        #expect(rows[0].contains("focus 0x0-0x10000 (auto)"))
        #expect(rows.contains { $0.hasPrefix("│auto focus 0x0-0x10000 16x4K") })
        // Order 0 gets 88 / 16 columns: free order-0 and order-1 blocks are told apart.
        #expect(rows.contains { $0.contains("4K  0") })
        #expect(rows.contains { $0.contains("▏A███▏B████") }, "\(rows.joined(separator: "\n"))")
    }

    @Test func aNoteKeepsTheFocusOfTheOperationBeforeIt() throws {
        let session = try run(Self.splitCascade + "\nnote \"two blocks\"\npause\n")
        #expect(laneRows(session)[0].contains("focus 0x0-0x10000 (auto)"))
    }

    @Test func coarseStepsShowTheWholeTree() throws {
        let session = try run("buddy 1MiB min=4KiB\nalloc X 512KiB\n")
        let rows = laneRows(session)
        #expect(!rows[0].contains("(auto)"))
        #expect(rows.contains { $0.hasPrefix("│tree 0x0-0x100000") })
    }

    @Test func autoFocusCanBeTurnedOffAndAZoomByHandOverridesIt() throws {
        let session = try run(Self.splitCascade)
        var off = SessionFrameBuilder.Options()
        off.buddyAutoFocus = false
        let whole = laneRows(session, options: off)
        #expect(!whole[0].contains("(auto)"))
        #expect(whole.contains { $0.hasPrefix("│tree 0x0-0x100000") })
        var zoomed = SessionFrameBuilder.Options()
        zoomed.buddyZoom[0] = BuddyNodeID(order: 7, index: 0)
        let rows = laneRows(session, options: zoomed)
        #expect(rows[0].contains("zoom o7#0") && !rows[0].contains("(auto)"))
    }

    @Test func aClickInTheFocusedIcicleSelectsTheBlockDrawnThere() throws {
        let session = try run(Self.splitCascade)
        let size = GridSize(width: 100, height: 30)
        let model = SessionFrameBuilder.frame(session)
        let grid = FrameView.paint(model, size: size)
        let rect = FrameLayout(size: size, laneCount: 1).lanes[0]
        guard case .buddy(let buddy) = model.lanes[0].content else { Issue.record("not a buddy lane"); return }
        var found = false
        for y in rect.y ..< rect.maxY {
            let row = Array(grid.rowText(y).unicodeScalars)
            guard let x = row.firstIndex(of: "B"), row.indices.contains(x - 1), row[x - 1] == "▏" else { continue }
            #expect(BuddyPanelView.node(atX: x, y: y, model: buddy, rect: rect) == BuddyNodeID(order: 0, index: 1))
            found = true
        }
        #expect(found)
    }

    // MARK: selection without colour (failed before: a selected, touched free block looked unselected)

    private func paintPanel(_ model: BuddyViewModel, width: Int = 100, height: Int = 20) -> CellGrid {
        var grid = CellGrid(size: GridSize(width: width, height: height))
        BuddyPanelView.paint(model, title: "buddy", in: grid.bounds, into: &grid)
        return grid
    }

    private var source: ArrayBuddyTreeSource {
        ArrayBuddyTreeSource(minBlockSize: 4096, maxOrder: 8, blocks: [
            .init(offset: 0, order: 0, requested: 4096, label: "A"),
            .init(offset: 0x8000, order: 3, requested: 30000, label: "C"),
        ])
    }

    @Test func aSelectedTouchedFreeBlockIsBracketedAndMarked() {
        let free = BuddyNodeID(order: 4, index: 1)  // free 64 KiB at 0x10000
        let touched = [BuddyHighlight(node: free, kind: .free)]
        let plain = paintPanel(BuddyViewModel(source: source, highlights: touched, autoFocus: false))
        let selected = paintPanel(BuddyViewModel(source: source, selection: free, highlights: touched, autoFocus: false))
        #expect(plain.text != selected.text)
        let row = selected.text.split(separator: "\n").first { $0.contains(" 64K  4") }!
        #expect(row.contains("4▶▸") && row.contains("[░░░░]"), "\(selected.text)")
        // Monochrome: the selection is underlined reverse video, the highlight bold reverse.
        let y = selected.text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(" 64K  4") }!
        let x = Array(String(row).unicodeScalars).firstIndex(of: "[")!
        let cell = selected[x + 1, y]
        #expect(ANSIPalette.monochrome.parameters(cell).contains(4))
        #expect(ANSIPalette.monochrome.parameters(plain[x + 1, y]) != ANSIPalette.monochrome.parameters(cell))
    }

    @Test func aSelectionInTheOccupancyMapIsMarkedInTheGutter() {
        let a = BuddyNodeID(order: 0, index: 0)
        let grid = paintPanel(BuddyViewModel(source: source, selection: a, autoFocus: false), width: 60, height: 16)
        let rows = grid.text.split(separator: "\n")
        let mapRow = rows.first { $0.hasPrefix("│map") }
        #expect(mapRow?.hasPrefix("│map▸█") == true, "\(grid.text)")
    }

    // MARK: the unusable free space index (failed before: not on screen)

    @Test func theUnusableIndexIsAlignedUnderBuddyinfo() throws {
        for size in [GridSize(width: 100, height: 30), GridSize(width: 80, height: 24)] {
            let rows = laneRows(try run("buddy 1MiB min=4KiB\nalloc A 4KiB\n"), size: size)
            #expect(rows.contains { $0.hasPrefix("│buddyinfo 1 1 1 1 1 1 1 1 0") })
            #expect(rows.contains { $0.hasPrefix("│unusable  0 1 1 1 1 2 3 5 *") }, "\(rows.joined(separator: "\n"))")
        }
    }

    @Test func unusableDigitsAreTenthsRoundedUp() {
        #expect(BuddyPanelView.unusableDigit(0) == "0")
        #expect(BuddyPanelView.unusableDigit(0.01) == "1")
        #expect(BuddyPanelView.unusableDigit(0.5) == "5")
        #expect(BuddyPanelView.unusableDigit(0.99) == "9")
        #expect(BuddyPanelView.unusableDigit(1) == "*")
    }
}
