/// A size in cells.
public struct GridSize: Hashable, Sendable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int
    /// Creates a size.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
    /// `"80x24"`.
    public var description: String { "\(width)x\(height)" }
    /// The smallest screen the full layout supports: 80 x 24.
    public static let minimum = GridSize(width: 80, height: 24)
}

/// A rectangle of cells: origin (column `x`, row `y`) and size.
public struct GridRect: Hashable, Sendable {
    /// Left column.
    public var x: Int
    /// Top row.
    public var y: Int
    /// Width in columns.
    public var width: Int
    /// Height in rows.
    public var height: Int

    /// Creates a rectangle.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// One past the right column.
    public var maxX: Int { x + width }
    /// One past the bottom row.
    public var maxY: Int { y + height }
    /// `true` when the rectangle has no cells.
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The rectangle shrunk by `d` cells on every side.
    public func inset(by d: Int) -> GridRect {
        GridRect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d)
    }

    /// Splits off the top `rows` rows: (top, rest).
    public func splitTop(_ rows: Int) -> (GridRect, GridRect) {
        let r = min(max(0, rows), height)
        return (GridRect(x: x, y: y, width: width, height: r), GridRect(x: x, y: y + r, width: width, height: height - r))
    }

    /// Splits off the bottom `rows` rows: (rest, bottom).
    public func splitBottom(_ rows: Int) -> (GridRect, GridRect) {
        let r = min(max(0, rows), height)
        return (GridRect(x: x, y: y, width: width, height: height - r), GridRect(x: x, y: y + height - r, width: width, height: r))
    }

    /// Splits off the left `columns` columns: (left, rest).
    public func splitLeft(_ columns: Int) -> (GridRect, GridRect) {
        let c = min(max(0, columns), width)
        return (GridRect(x: x, y: y, width: c, height: height), GridRect(x: x + c, y: y, width: width - c, height: height))
    }
}
