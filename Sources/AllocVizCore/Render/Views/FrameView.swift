/// The whole screen: arranges the panels of a ``FrameViewModel`` for any size from 80x24 up.
public enum FrameView {
    /// Paints one frame of `size`. Smaller than ``GridSize/minimum`` gives the
    /// "terminal too small" screen.
    /// - Complexity: proportional to the number of cells (a few source queries per cell),
    ///   never to the number of blocks or chunks.
    public static func paint(_ model: FrameViewModel, size: GridSize) -> CellGrid {
        var grid = CellGrid(size: size)
        if size.width < GridSize.minimum.width || size.height < GridSize.minimum.height {
            TooSmallView.paint(into: &grid, size: size, needed: .minimum)
            return grid
        }
        grid.write(model.title, x: 0, y: 0, maxWidth: size.width, style: CellStyle(.title, attributes: [.bold]))
        return grid
    }
}
