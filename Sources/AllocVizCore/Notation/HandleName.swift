/// The rules for handle and lane names, shared by sessions, scripts and prompts.
///
/// A handle is a name (a letter, then letters, digits, `_` and `-`) or an automatic handle
/// `@N` (N a positive number without leading zeros, at most 18 digits). Lane names follow the
/// name rule.
public enum HandleName {
    /// Whether `text` is a valid handle: a name or `@N`.
    public static func isValid(_ text: String) -> Bool {
        if text.hasPrefix("@") {
            let digits = text.dropFirst()
            return !digits.isEmpty && digits.count <= 18 && digits.allSatisfy { $0.isASCII && $0.isNumber } && !digits.hasPrefix("0")
        }
        return isIdentifier(text)
    }

    /// Whether `text` is a name: a letter, then letters, digits, `_` and `-` (ASCII).
    public static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    /// The `N` of an automatic handle `@N`, or nil for a named handle.
    public static func automaticNumber(_ name: String) -> Int? {
        name.hasPrefix("@") ? Int(name.dropFirst()) : nil
    }

    /// The automatic handle numbered `number`: `@N`.
    public static func automatic(_ number: Int) -> String { "@\(number)" }

    /// What a valid handle looks like, for error messages.
    public static let rule = "letters, digits, '_' and '-', starting with a letter, or @N"
}
