import Foundation

/// How many terminal columns text takes, and which single scalar a cell shows for a
/// character.
///
/// A cell of the ``CellGrid`` holds one Unicode scalar, and the terminal (ncurses, tmux, the
/// C library's `wcwidth`) measures what it is sent scalar by scalar. So a character (a
/// grapheme cluster) is drawn as one scalar, its *glyph*, and takes that scalar's width:
/// - 2 for East Asian Wide and Fullwidth characters (CJK ideographs, kana, hangul
///   syllables, fullwidth forms) and for emoji with emoji presentation (🎉);
/// - 0 for combining marks, enclosing marks and format characters (zero-width joiner,
///   variation selectors are marks, zero-width space), and hangul medial and final jamo;
/// - 1 for everything else, including control characters, which are drawn as `·`.
///
/// The glyph of a character of several scalars is its precomposed form when there is one
/// (`e` + U+0301 is drawn as `é`), else its first scalar that has a width: an emoji
/// sequence joined by zero-width joiners shows its first emoji, `❤️` (text-style heart and
/// a variation selector) shows `❤`, one column, as `wcwidth` measures it.
public enum DisplayWidth {
    /// The scalar ranges of width 2 other than emoji (East Asian Wide and Fullwidth in the
    /// Unicode character database, gathered into blocks).
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100 ... 0x115F,    // hangul jamo leading consonants
        0x2E80 ... 0x303E,    // CJK radicals, Kangxi radicals, CJK symbols and punctuation
        0x3041 ... 0x3247,    // hiragana, katakana, bopomofo, hangul compatibility jamo, kanbun, enclosed CJK
        0x3250 ... 0x4DBF,    // enclosed CJK, CJK compatibility, CJK extension A
        0x4E00 ... 0xA4CF,    // CJK unified ideographs, Yi
        0xA960 ... 0xA97F,    // hangul jamo extended A
        0xAC00 ... 0xD7A3,    // hangul syllables
        0xF900 ... 0xFAFF,    // CJK compatibility ideographs
        0xFE10 ... 0xFE19,    // vertical forms
        0xFE30 ... 0xFE6F,    // CJK compatibility forms, small form variants
        0xFF00 ... 0xFF60,    // fullwidth ASCII variants
        0xFFE0 ... 0xFFE6,    // fullwidth signs
        0x16FE0 ... 0x18DFF,  // ideographic symbols, Tangut
        0x1AFF0 ... 0x1B2FF,  // kana extended and supplement, Nushu
        0x1F200 ... 0x1F2FF,  // enclosed ideographic supplement
        0x20000 ... 0x3FFFD,  // CJK extensions B and later
    ]

    /// The regional indicator letters: emoji only in pairs (flags); alone each is one column.
    static let regionalIndicators: ClosedRange<UInt32> = 0x1F1E6 ... 0x1F1FF

    /// The columns `scalar` takes when sent alone: 0, 1 or 2 (see ``DisplayWidth``).
    /// - Complexity: O(log n) in the number of ranges; O(1) below U+0300.
    public static func of(scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }  // ASCII, Latin-1, Latin extended: no marks, no wide forms
        if 0x1160 ... 0x11FF ~= value { return 0 }  // hangul vowel and final jamo join the leading one
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation && !regionalIndicators.contains(value) { return 2 }
        var low = 0, high = wideRanges.count
        while low < high {
            let mid = (low + high) / 2
            if wideRanges[mid].upperBound < value { low = mid + 1 } else { high = mid }
        }
        return low < wideRanges.count && wideRanges[low].contains(value) ? 2 : 1
    }

    /// The one scalar a cell shows for `character`, or nil when it takes no column (a lone
    /// combining mark, joiner or variation selector). Control characters show as `·`.
    public static func glyph(of character: Character) -> Unicode.Scalar? {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return nil }
        if first.value < 0x20 || first.value == 0x7F { return "·" }
        if scalars.count == 1 { return of(scalar: first) == 0 ? nil : first }
        let composed = String(character).precomposedStringWithCanonicalMapping.unicodeScalars
        if composed.count == 1, let single = composed.first, of(scalar: single) > 0 { return single }
        return scalars.first { of(scalar: $0) > 0 }
    }

    /// The columns `character` takes: its glyph's width, 0 without a glyph.
    public static func of(_ character: Character) -> Int {
        if character.asciiValue != nil { return 1 }  // printable, or a control drawn as `·`
        return glyph(of: character).map(of(scalar:)) ?? 0
    }

    /// The columns `text` takes: the sum over its characters.
    /// - Complexity: O(n) in the characters of `text`.
    public static func of(text: some StringProtocol) -> Int {
        var columns = 0
        for character in text { columns += of(character) }
        return columns
    }

    /// The longest start of `text` (whole characters) that takes at most `columns` columns.
    /// - Complexity: O(n) in the characters kept.
    public static func prefix(_ text: Substring, columns: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            used += of(text[index])
            if used > columns { break }
            end = text.index(after: index)
        }
        return text[..<end]
    }
}
