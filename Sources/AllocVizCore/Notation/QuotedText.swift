/// Double-quoted text as scripts write it (titles, notes).
public enum QuotedText {
    /// `text` in double quotes with `\"`, `\\`, `\n` and `\t` escaped; other control
    /// characters become spaces.
    public static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case _ where scalar.value < 32 || scalar.value == 127: result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
