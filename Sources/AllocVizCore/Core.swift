/// AllocVizCore: sessions, demo scripts, pure views and headless outputs.
public enum AllocVizCore {
    /// The version of the visualizer core.
    public static let version = "0.1.0"
}
