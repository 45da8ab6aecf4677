import Allocators

/// The footer: free block counts per order (`buddyinfo`), the unusable free space index per
/// order under them (one character each, see ``unusableDigit(_:)``; `-` when nothing is free), and the selected node's details (or the extent shown).
extension BuddyPanelView {
    /// Paints the footer rows the layout reserves, at the bottom of the panel.
    static func paintFooter(_ model: BuddyViewModel, view: PanelGeometry, into grid: inout CellGrid) {
        let inner = view.inner
        let rows = view.layout.footerRows
        if rows >= 2 {
            let counts = model.source.freeBlockCounts()
            let y = inner.maxY - rows
            paintOrderColumns("buddyinfo", counts.map { "\($0)" }, roles: counts.map { $0 > 0 ? .free : .dim }, y: y, into: &grid, clip: inner)
            if rows >= 3 {
                let unusable = UnusableFreeSpaceIndex.perOrder(freeCounts: counts)
                let widths = counts.map { "\($0)".unicodeScalars.count }
                // Nothing free: the index has no meaning (the formula gives 1 everywhere).
                let nothingFree = counts.allSatisfy { $0 == 0 }
                let texts = zip(unusable, widths).map { DisplayFormat.padLeft(nothingFree ? "-" : String(unusableDigit($0)), $1) }
                paintOrderColumns("unusable ", texts, roles: unusable.map { $0 > 0 ? .partial : .dim }, y: y + 1, into: &grid, clip: inner)
            }
        }
        if rows >= 1 {
            grid.write(details(model, view: view), x: inner.x, y: inner.maxY - 1, maxWidth: inner.width, style: CellStyle(.normal), clip: inner)
        }
    }

    /// Writes `label` then one space-separated text per order; `…` when they do not fit.
    private static func paintOrderColumns(
        _ label: String, _ texts: [String], roles: [ColorRole], y: Int, into grid: inout CellGrid, clip: GridRect
    ) {
        var x = grid.write(label, x: clip.x, y: y, style: CellStyle(.dim), clip: clip)
        for (text, role) in zip(texts, roles) {
            x = grid.write(" " + text, x: x, y: y, style: CellStyle(role), clip: clip)
        }
        if x > clip.maxX { grid.put("…", x: clip.maxX - 1, y: y, style: CellStyle(.dim), clip: clip) }
    }

    /// One character for an unusable free space index (the share of free memory held in
    /// blocks smaller than the order, 0...1): `0` for none, `*` for all, otherwise the share in
    /// tenths rounded up (`1` up to 10%, ..., `9` up to 90% and beyond, short of all).
    public static func unusableDigit(_ index: Double) -> Character {
        guard index.isFinite, index > 0 else { return "0" }
        if index >= 1 { return "*" }
        let tenths = min(9, max(1, Int((index * 10).rounded(.up))))
        return Character(String(tenths))
    }

    /// The details line: the selected node, or the extent shown.
    static func details(_ model: BuddyViewModel, view: PanelGeometry) -> String {
        let source = model.source
        let minBlock = source.minBlockSize
        guard let node = model.selection else {
            let root = view.root
            let leaves = 1 << root.order
            let prefix = view.autoFocused ? "auto focus" : (root == source.root ? "tree" : "zoom \(root)")
            return "\(prefix) \(rangeText(root, minBlockSize: minBlock)) \(leaves)x\(DisplayFormat.bytes(minBlock))"
        }
        let size = node.size(minBlockSize: minBlock)
        var text = "sel \(node) @\(DisplayFormat.hex(node.offset(minBlockSize: minBlock))) \(DisplayFormat.bytes(size))"
        switch source.state(of: node) {
        case .free: text += " free"
        case .split: text += " split"
        case .insideFree: text += " in free block"
        case .insideAllocated: text += " in allocated block"
        case .allocated:
            text += " allocated"
            if let label = source.label(of: node) { text += " " + label }
            if let requested = source.requestedBytes(of: node) {
                text += " req \(requested) got \(size) waste \(size - requested)"
            }
        }
        if !view.root.contains(node) { text += view.autoFocused ? " (outside the focus)" : " (outside the zoom)" }
        return text
    }
}
