import Testing
@testable import AllocVizCore

@Suite struct DisplayWidthTests {
    @Test func charactersTakeTheirTerminalWidth() {
        #expect(DisplayWidth.of(Character("a")) == 1)
        #expect(DisplayWidth.of(Character("\u{E9}")) == 1)  // é precomposed
        #expect(DisplayWidth.of(Character("e\u{301}")) == 1)  // é as e and a combining acute
        #expect(DisplayWidth.of(Character("日")) == 2)
        #expect(DisplayWidth.of(Character("🎉")) == 2)
        #expect(DisplayWidth.of(Character("✓")) == 1)  // text presentation
        #expect(DisplayWidth.of(Character("Ａ")) == 2)  // fullwidth A
        #expect(DisplayWidth.of(Character("한")) == 2)
        let family = "👨\u{200D}👩\u{200D}👧"
        #expect(family.count == 1)
        #expect(DisplayWidth.of(Character(family)) == 2)
        #expect(DisplayWidth.of(Character("\u{301}")) == 0)  // a lone combining mark
        #expect(DisplayWidth.of(Character("\u{200D}")) == 0)  // a lone zero-width joiner
        #expect(DisplayWidth.of(Character("\u{FE0F}")) == 0)  // a lone variation selector
        #expect(DisplayWidth.of(Character("\t")) == 1)  // drawn as ·
    }

    @Test func scalarsFollowTheWidthTable() {
        #expect(DisplayWidth.of(scalar: "a") == 1)
        #expect(DisplayWidth.of(scalar: "│") == 1)
        #expect(DisplayWidth.of(scalar: "…") == 1)
        #expect(DisplayWidth.of(scalar: "\u{3000}") == 2)  // ideographic space
        #expect(DisplayWidth.of(scalar: "\u{303F}") == 1)  // half-fill space, not wide
        #expect(DisplayWidth.of(scalar: "\u{4DC0}") == 1)  // a hexagram, between two wide blocks
        #expect(DisplayWidth.of(scalar: "\u{20000}") == 2)
        #expect(DisplayWidth.of(scalar: "\u{1F1EF}") == 1)  // a regional indicator alone
        #expect(DisplayWidth.of(scalar: "\u{1160}") == 0)  // a hangul vowel jamo
    }

    @Test func glyphsAreOneScalarPerCharacter() {
        #expect(DisplayWidth.glyph(of: Character("e\u{301}")) == "\u{E9}")
        #expect(DisplayWidth.glyph(of: Character("👨\u{200D}👩\u{200D}👧")) == "👨")
        #expect(DisplayWidth.glyph(of: Character("❤\u{FE0F}")) == "❤")
        #expect(DisplayWidth.glyph(of: Character("\u{1B}")) == "·")
        #expect(DisplayWidth.glyph(of: Character("\u{200D}")) == nil)
    }

    @Test func textAndPrefixesCountColumns() {
        #expect(DisplayWidth.of(text: "héllo 日本語 ✓ wide emoji 🎉 end") == 32)
        #expect(DisplayWidth.of(text: "") == 0)
        #expect(DisplayWidth.prefix("日本語", columns: 5) == "日本")
        #expect(DisplayWidth.prefix("日本語", columns: 6) == "日本語")
        #expect(DisplayWidth.prefix("a日", columns: 2) == "a")
    }

    @Test func wrappingCountsColumnsAndNeverSplitsACharacter() {
        #expect(DisplayWidth.wrap("日本語 日本語のデモ", width: 8) == ["日本語", "日本語の", "デモ"])
        #expect(DisplayWidth.wrap("日本語", width: 5) == ["日本", "語"])
        #expect(DisplayWidth.wrap("ab 日本 cd", width: 7) == ["ab 日本", "cd"])
        #expect(DisplayWidth.wrap("日a", width: 1) == ["a"])  // a wide character never fits one column
        // Plain text wraps as before.
        #expect(DisplayWidth.wrap("the quick brown fox", width: 9) == ["the quick", "brown fox"])
        #expect(DisplayWidth.wrap("abcdefghij kl", width: 4) == ["abcd", "efgh", "ij", "kl"])
        #expect(DisplayWidth.wrap("a\nb c", width: 10) == ["a", "b c"])
    }
}
