import Allocators

extension ScriptParser {
    static let statementKeywords = ["title", "buddy", "heap", "alloc", "free", "realloc", "random", "note", "pause", "expect", "replay"]

    mutating func parseStatement(_ cursor: inout TokenCursor) throws(LineFailure) {
        let keyword = try cursor.next("a statement")
        let location = SourceLocation(line: cursor.line, column: keyword.column)
        guard keyword.kind == .word else {
            throw LineFailure("expected a statement (\(Self.statementKeywords.joined(separator: ", "))), found '\(keyword.text)'", at: keyword)
        }
        switch keyword.text {
        case "title":
            let text = try cursor.next("a quoted title")
            guard text.kind == .string else { throw LineFailure("expected a quoted title such as \"Buddy splits\"", at: text) }
            try cursor.expectEnd("the title")
            if let previous = titleLine { throw LineFailure("the title is already set on line \(previous)", at: keyword) }
            titleLine = cursor.line
            script.title = text.text
        case "buddy", "heap":
            try parseLane(kind: keyword.text == "buddy" ? .buddy : .heap, keyword: keyword, &cursor)
        case "alloc":
            let handle = try handleName(&cursor)
            let size = try positiveSize(&cursor, what: "a size in bytes")
            let options = try cursor.options(allowed: ["align"], statement: "alloc")
            var alignment: Int?
            if let (_, value) = options["align"] { alignment = try Self.powerOfTwo(value, what: "alignment") }
            add(.alloc(handle: handle, size: size, alignment: alignment), at: location)
        case "free":
            let handle = try handleName(&cursor)
            var again = false
            if let token = cursor.peek, token.kind == .word, token.text == "again" { again = true; cursor.index += 1 }
            try cursor.expectEnd("the handle (a deliberate double free is written 'free \(handle) again')")
            add(.free(handle: handle, again: again), at: location)
        case "realloc":
            let handle = try handleName(&cursor)
            let size = try positiveSize(&cursor, what: "the new size in bytes")
            try cursor.expectEnd("the size")
            add(.realloc(handle: handle, size: size), at: location)
        case "random":
            try parseRandom(&cursor, at: location)
        case "note":
            let text = try cursor.next("a quoted note")
            guard text.kind == .string else { throw LineFailure("expected a quoted note such as \"A took 4 KiB\"", at: text) }
            try cursor.expectEnd("the note")
            add(.note(text.text), at: location)
        case "pause":
            try cursor.expectEnd("pause")
            add(.pause, at: location)
        case "expect":
            try parseExpect(&cursor, at: location)
        case "replay":
            let path = try cursor.next("a quoted trace file name")
            guard path.kind == .string else { throw LineFailure("expected a quoted trace file name such as \"traces/t.rep\"", at: path) }
            try cursor.expectEnd("the file name")
            try replay(path, at: location)
        default:
            let suggestion = NameSuggestion.closest(keyword.text, among: Self.statementKeywords).map { " (did you mean '\($0)'?)" } ?? ""
            throw LineFailure("unknown statement '\(keyword.text)'\(suggestion); expected one of \(Self.statementKeywords.joined(separator: ", "))", at: keyword)
        }
    }

    mutating func add(_ kind: ScriptStatement.Kind, at location: SourceLocation) {
        if firstOperationLine == nil { firstOperationLine = location.line }
        script.statements.append(ScriptStatement(kind, at: location))
    }

    mutating func parseLane(kind: LaneKind, keyword: ScriptToken, _ cursor: inout TokenCursor) throws(LineFailure) {
        if let first = firstOperationLine {
            throw LineFailure("lanes must be declared before the first operation (line \(first))", at: keyword)
        }
        let sizeToken = try cursor.word("the \(kind.rawValue)'s total size, such as 1MiB")
        let size = try Self.size(sizeToken)
        let allowed = kind == .buddy ? ["min", "name", "impl"] : ["name", "impl"]
        let options = try cursor.options(allowed: allowed, statement: "a \(kind.rawValue) lane")
        var name = kind.rawValue
        var nameToken = keyword
        if let (_, value) = options["name"] {
            guard HandleName.isIdentifier(value.text) else {
                throw LineFailure("expected a lane name of letters, digits, '_' and '-', starting with a letter; found '\(value.text)'", at: value)
            }
            name = value.text
            nameToken = value
        }
        var implementationName: String?
        if let (_, value) = options["impl"] {
            let known = LaneConfiguration.implementationNames(of: kind)
            guard known.contains(value.text) else {
                throw LineFailure("unknown \(kind.rawValue) implementation '\(value.text)'; expected one of \(known.joined(separator: ", "))", at: value)
            }
            implementationName = value.text
        }
        let minimum = try options["min"].map { (_, token) throws(LineFailure) in try Self.size(token) } ?? 4096
        let configuration: LaneConfiguration
        do throws(LaneConfigurationError) {
            switch kind {
            case .buddy:
                configuration = try .buddy(name: name, size: size, minimumBlock: minimum,
                                           implementation: implementationName.flatMap(BuddyImplementation.init(rawValue:)) ?? .bitmap)
            case .heap:
                configuration = try .heap(name: name, capacity: size,
                                          implementation: implementationName.flatMap(HeapImplementation.init(rawValue:)) ?? .segregatedFit)
            }
        } catch {
            throw LineFailure(error.description, at: error.concernsMinimumBlock ? (options["min"]?.1 ?? sizeToken) : sizeToken)
        }
        if let previous = laneLocations[configuration.name] {
            let hint = options["name"] == nil ? "; give this one another name with name=..." : ""
            throw LineFailure("a lane named '\(configuration.name)' is already declared on line \(previous.line)\(hint)", at: nameToken)
        }
        laneLocations[configuration.name] = SourceLocation(line: cursor.line, column: keyword.column)
        script.lanes.append(configuration)
    }

    mutating func parseRandom(_ cursor: inout TokenCursor, at location: SourceLocation) throws(LineFailure) {
        let countToken = try cursor.word("the number of operations")
        guard let count = Int(countToken.text), count >= 1 else {
            throw LineFailure("expected the number of operations (a whole number of at least 1), found '\(countToken.text)'", at: countToken)
        }
        guard count <= Self.maximumRandomCount else {
            throw LineFailure("at most \(Self.maximumRandomCount) operations per random line", at: countToken)
        }
        let options = try cursor.options(allowed: ["seed", "sizes", "free", "realloc", "align"], statement: "random")
        guard let (_, seedToken) = options["seed"] else {
            throw LineFailure("random needs seed=N (the same seed always gives the same operations)", column: cursor.endColumn)
        }
        guard let seed = Self.unsigned(seedToken.text) else {
            throw LineFailure("expected a seed between 0 and 2^64-1, found '\(seedToken.text)'", at: seedToken)
        }
        guard let (_, sizesToken) = options["sizes"] else {
            throw LineFailure("random needs sizes=A..B (request sizes, e.g. sizes=16..4KiB)", column: cursor.endColumn)
        }
        let sizes = try Self.range(sizesToken, what: "sizes")
        guard sizes.lowerBound >= 1 else { throw LineFailure("sizes must be at least 1 byte", at: sizesToken) }
        let freePercent = try options["free"].map { (_, token) throws(LineFailure) in try Self.percent(token) } ?? 40
        let reallocPercent = try options["realloc"].map { (_, token) throws(LineFailure) in try Self.percent(token) } ?? 0
        if freePercent + reallocPercent > 100 {
            throw LineFailure("free=\(freePercent)% and realloc=\(reallocPercent)% add up to more than 100%", at: options["realloc"]!.1)
        }
        var alignments: ClosedRange<Int>?
        if let (_, token) = options["align"] {
            let range = try Self.range(token, what: "align")
            for bound in [range.lowerBound, range.upperBound] where bound <= 0 || bound & (bound - 1) != 0 {
                throw LineFailure("alignments must be powers of two, found \(bound)", at: token)
            }
            alignments = range
        }
        let workload = RandomWorkload(seed: seed, sizes: sizes, freePercent: freePercent,
                                      reallocPercent: reallocPercent, alignments: alignments)
        add(.random(count: count, workload: workload), at: location)
    }

    // MARK: values

    func handleName(_ cursor: inout TokenCursor) throws(LineFailure) -> String {
        let token = try cursor.word("a handle name such as A")
        guard HandleName.isValid(token.text) else {
            throw LineFailure("expected a handle name (\(HandleName.rule)), found '\(token.text)'", at: token)
        }
        return token.text
    }

    func positiveSize(_ cursor: inout TokenCursor, what: String) throws(LineFailure) -> Int {
        let token = try cursor.word(what)
        let size = try Self.size(token)
        guard size >= 1 else { throw LineFailure("a size must be at least 1 byte", at: token) }
        return size
    }

    static func size(_ token: ScriptToken) throws(LineFailure) -> Int {
        switch SizeLiteral.parse(token.text) {
        case .success(let value): return value
        case .failure(let failure): throw LineFailure(failure.message, at: token)
        }
    }

    static func powerOfTwo(_ token: ScriptToken, what: String) throws(LineFailure) -> Int {
        let value = try size(token)
        guard value > 0, value & (value - 1) == 0 else { throw LineFailure("the \(what) must be a power of two, found \(value)", at: token) }
        return value
    }

    static func range(_ token: ScriptToken, what: String) throws(LineFailure) -> ClosedRange<Int> {
        let parts = token.text.split(separator: "..", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw LineFailure("expected \(what)=A..B, a range such as 16..4KiB, found '\(token.text)'", at: token)
        }
        let low = try size(ScriptToken(kind: .word, text: parts[0], column: token.column, length: parts[0].count))
        let high = try size(ScriptToken(kind: .word, text: parts[1], column: token.column + parts[0].count + 2, length: parts[1].count))
        guard low <= high else { throw LineFailure("the range \(token.text) is empty: \(low) > \(high)", at: token) }
        return low...high
    }

    static func percent(_ token: ScriptToken) throws(LineFailure) -> Int {
        let digits = token.text.hasSuffix("%") ? String(token.text.dropLast()) : token.text
        guard let value = Int(digits), (0...100).contains(value) else {
            throw LineFailure("expected a percentage from 0% to 100%, found '\(token.text)'", at: token)
        }
        return value
    }

    static func unsigned(_ text: String) -> UInt64? {
        let lower = text.lowercased().filter { $0 != "_" }
        if lower.hasPrefix("0x") { return UInt64(lower.dropFirst(2), radix: 16) }
        return UInt64(lower)
    }
}
