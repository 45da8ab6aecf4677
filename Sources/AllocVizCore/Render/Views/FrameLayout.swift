/// Where the panels of a frame go for a screen size: a title row, the lanes (side by side on
/// wide screens, stacked on tall ones), stats and log below them (split where the lanes
/// are when two sit side by side), the status line last.
public struct FrameLayout: Hashable, Sendable {
    /// The title row.
    public var titleBar: GridRect
    /// One rectangle per lane.
    public var lanes: [GridRect]
    /// The stats panel.
    public var stats: GridRect
    /// The log panel.
    public var log: GridRect
    /// The status line.
    public var statusBar: GridRect
    /// `true` when lanes sit side by side.
    public var lanesSideBySide: Bool

    /// Computes the layout for `laneCount` lanes on a screen of `size` (at least 80x24).
    public init(size: GridSize, laneCount: Int) {
        let w = size.width, h = size.height
        titleBar = GridRect(x: 0, y: 0, width: w, height: 1)
        statusBar = GridRect(x: 0, y: h - 1, width: w, height: 1)
        let bodyHeight = h - 2
        let bottomHeight = max(8, min(24, h / 3))
        let lanesArea = GridRect(x: 0, y: 1, width: w, height: bodyHeight - bottomHeight)
        let bottom = GridRect(x: 0, y: 1 + lanesArea.height, width: w, height: bottomHeight)
        let statsWidth = w < 120 ? w / 2 : max(60, min(100, w * 2 / 5))
        (stats, log) = bottom.splitLeft(statsWidth)

        let n = max(1, laneCount)
        // Side by side on wide screens (each lane at least 40 columns), or whenever stacking
        // would leave a lane fewer than 8 rows and columns of 26 still fit.
        let stackedTallEnough = lanesArea.height / n >= 8
        lanesSideBySide = n > 1 && ((w / n >= 40 && (w >= 2 * h + 20 || !stackedTallEnough)) || (!stackedTallEnough && w / n >= 26))
        // Every lane gets the same width (side by side) or height (stacked), so lanes of the
        // same configuration draw alike: the columns left over stay a gap on the right, the rows
        // left over go to the stats and log below.
        var rects: [GridRect] = []
        if lanesSideBySide || n == 1 {
            let laneWidth = w / n
            for i in 0 ..< laneCount {
                rects.append(GridRect(x: i * laneWidth, y: lanesArea.y, width: laneWidth, height: lanesArea.height))
            }
        } else {
            let laneHeight = lanesArea.height / n
            let spare = lanesArea.height - laneHeight * n
            for i in 0 ..< laneCount {
                rects.append(GridRect(x: 0, y: lanesArea.y + i * laneHeight, width: w, height: laneHeight))
            }
            let grown = GridRect(x: 0, y: bottom.y - spare, width: w, height: bottom.height + spare)
            (stats, log) = grown.splitLeft(statsWidth)
        }
        if lanesSideBySide && n == 2 {
            // Two lanes side by side: stats and log split where the lanes do, so the panel
            // edges below line up with the lanes above.
            (stats, log) = GridRect(x: 0, y: stats.y, width: w, height: stats.height).splitLeft(w / 2)
        }
        lanes = rects
    }

    /// The area all lanes share (for overlays such as the note box).
    public var lanesArea: GridRect {
        GridRect(x: 0, y: titleBar.maxY, width: titleBar.width, height: stats.y - titleBar.maxY)
    }
}
