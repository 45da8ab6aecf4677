import Foundation

/// A JSON value as Foundation's `JSONSerialization` reads it: the tests' independent reader of the
/// JSON that allocviz writes (`--json`, asciicast). Accessors return nil when the value has
/// another type, so a wrong type fails the comparison that uses it.
struct ReadJSON {
    /// What `JSONSerialization` produced: `[String: Any]`, `[Any]`, `String`, `NSNumber` or `NSNull`.
    let value: Any

    /// Parses one JSON text (any value at the top, as RFC 8259 allows). Throws on any syntax
    /// error, including trailing characters.
    static func parse(_ text: String) throws -> ReadJSON {
        ReadJSON(value: try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]))
    }

    /// The member named `key` of an object.
    subscript(key: String) -> ReadJSON? {
        (value as? [String: Any])?[key].map(ReadJSON.init)
    }

    /// The element at `index` of an array.
    subscript(index: Int) -> ReadJSON? {
        guard let items = value as? [Any], items.indices.contains(index) else { return nil }
        return ReadJSON(value: items[index])
    }

    /// The elements of an array.
    var array: [ReadJSON]? { (value as? [Any])?.map(ReadJSON.init) }
    /// The members of an object.
    var object: [String: ReadJSON]? { (value as? [String: Any])?.mapValues(ReadJSON.init) }
    /// The member names of an object, sorted (JSON objects are unordered once read).
    var keys: [String]? { (value as? [String: Any])?.keys.sorted() }
    /// A string.
    var string: String? { value as? String }
    /// A number that is a whole number (not a boolean).
    var int: Int? { number.flatMap { Int(exactly: $0) } }
    /// A number (not a boolean).
    var double: Double? { number }
    /// `true` or `false` (not the numbers 1 or 0).
    var bool: Bool? { isBoolean ? (value as? NSNumber)?.boolValue : nil }
    /// Whether the value is `null`.
    var isNull: Bool { value is NSNull }

    private var number: Double? {
        guard !isBoolean, let number = value as? NSNumber else { return nil }
        return number.doubleValue
    }

    /// JSONSerialization reads `true`/`false` as NSNumbers of Objective-C type `c` (char).
    private var isBoolean: Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }
}
