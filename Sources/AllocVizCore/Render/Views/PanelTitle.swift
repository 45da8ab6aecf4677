/// Builds a panel title from parts in priority order, so a narrow panel drops whole parts
/// (`(auto)`, the implementation name, …) instead of cutting a number in the middle.
enum PanelTitle {
    /// One word group of a title, kept or dropped as a whole.
    struct Part: Hashable {
        /// The text of the part (no leading or trailing space).
        var text: String
        /// 0 for parts that always stay; a higher number is dropped earlier.
        var priority: Int

        /// Creates a part.
        init(_ text: String, priority: Int) {
            self.text = text
            self.priority = priority
        }
    }

    /// The parts joined by spaces, after dropping the highest-priority-number parts (the last
    /// such part first) until the text is at most `width` columns. Parts of priority 0 always
    /// stay (the box cuts them when even they do not fit).
    /// - Complexity: O(parts²).
    static func fit(_ parts: [Part], width: Int) -> String {
        var kept = parts.filter { !$0.text.isEmpty }
        func joined() -> String { kept.map(\.text).joined(separator: " ") }
        while DisplayWidth.of(text: joined()) > width,
              let worst = kept.map(\.priority).max(), worst > 0,
              let index = kept.lastIndex(where: { $0.priority == worst }) {
            kept.remove(at: index)
        }
        return joined()
    }

    /// The columns a title may take in the top edge of a box `boxWidth` wide
    /// (`┌─ title ─┐`: two corner-side columns and a space each side).
    static func width(inBoxOf boxWidth: Int) -> Int { max(0, boxWidth - 6) }

    /// A lane title (`"name implementation"`) as a kept name part and a droppable
    /// implementation part of priority `implementationPriority`.
    static func laneParts(_ title: String, implementationPriority: Int) -> [Part] {
        guard let space = title.firstIndex(of: " ") else { return [Part(title, priority: 0)] }
        return [Part(String(title[..<space]), priority: 0),
                Part(String(title[title.index(after: space)...]), priority: implementationPriority)]
    }
}

/// How a handle name fits a block or chunk of a given number of cells, the same in every panel:
/// the whole name, or for a name (not a generated `@N`) its first characters and `…` (at least
/// one character and the `…`), or nothing. A generated `@N` is never cut: its `@` and all its
/// digits show, or none of it.
enum HandleLabelFit {
    /// The text to draw in `width` cells for `label`, or nil when nothing fits.
    static func text(_ label: String, width: Int) -> String? {
        let scalars = label.unicodeScalars
        guard width > 0, !scalars.isEmpty else { return nil }
        if scalars.count <= width { return label }
        if label.hasPrefix("@") && scalars.dropFirst().allSatisfy({ ("0" ... "9").contains($0) }) { return nil }
        guard width >= 2 else { return nil }
        return String(String.UnicodeScalarView(scalars.prefix(width - 1))) + "…"
    }
}
