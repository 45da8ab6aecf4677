import AllocVizCore
import ArgumentParser

/// What `play --headless` prints besides the final frame: `--frames` (a frame per step) or
/// `--json` (one JSON object per step) or `--json-compact` (the changes between full objects).
/// At most one of them may be given (the same one twice is that one).
enum HeadlessOutput: String, EnumerableFlag {
    /// `--frames`: a frame after every step.
    case frames
    /// `--json`: one JSON object per step.
    case json
    /// `--json-compact`: a full JSON object every 100 steps, the changes in between.
    case jsonCompact

    static func help(for value: HeadlessOutput) -> ArgumentHelp? {
        switch value {
        case .frames: "Print a frame after every step instead of only the final frame."
        case .json: "Print one JSON object per step instead of frames (see docs/json-format.md)."
        case .jsonCompact: "Like --json, but only the changes between full objects every \(JSONStepChanges.defaultKeyframeInterval) steps."
        }
    }

    /// The flag's name on the command line, without the dashes (`json-compact`).
    static func flagName(_ flag: HeadlessOutput) -> String {
        switch flag {
        case .frames: "frames"
        case .json: "json"
        case .jsonCompact: "json-compact"
        }
    }

    /// The player's output mode for this flag, or for none (`nil`: the final frame).
    static func playerOutput(_ flag: HeadlessOutput?) -> HeadlessPlayer.Output {
        switch flag {
        case .frames: .everyFrame
        case .json, .jsonCompact: .json
        case nil: .finalFrame
        }
    }
}
