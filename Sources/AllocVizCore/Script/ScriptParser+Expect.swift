/// A function an `expect` line may call: its name, what it takes after the lane, and the
/// metric it reads. The one table of metric names: parsing, messages and docs all read it.
struct MetricFunction: Sendable {
    /// What follows the lane name inside the parentheses.
    enum Argument: Sendable {
        /// Nothing: `extfrag(heap)`.
        case none
        /// An optional `order=N` (buddy lanes): `free-blocks(buddy, order=2)`.
        case optionalOrder
        /// A required `order=N` (buddy lanes): `unusable(buddy, order=2)`.
        case requiredOrder
        /// A handle name: `offset(heap, A)`.
        case handle
        /// `size=N` and an optional `sub=J` (heap lanes): `bin-count(heap, size=48, sub=3)`.
        case smallbin
    }

    /// What the argument parsed to.
    struct Arguments {
        var order: Int?
        var handle = ""
        var chunkSize = 0
        var subBin: Int?
    }

    let name: String
    let argument: Argument
    let make: @Sendable (Arguments) -> ScriptMetric

    /// How the argument is written, for messages (`order=N`, `NAME`, `size=N`).
    var argumentSyntax: String? {
        switch argument {
        case .none: nil
        case .optionalOrder, .requiredOrder: "order=N"
        case .handle: "NAME"
        case .smallbin: "size=N"
        }
    }

    static let all: [MetricFunction] = [
        MetricFunction(name: "extfrag", argument: .none) { _ in .externalFragmentation },
        MetricFunction(name: "intfrag", argument: .none) { _ in .internalFragmentation },
        MetricFunction(name: "free", argument: .none) { _ in .freeBytes },
        MetricFunction(name: "used", argument: .none) { _ in .usedBytes },
        MetricFunction(name: "requested", argument: .none) { _ in .requestedBytes },
        MetricFunction(name: "largest", argument: .none) { _ in .largestFree },
        MetricFunction(name: "live", argument: .none) { _ in .liveBlocks },
        MetricFunction(name: "free-blocks", argument: .optionalOrder) { .freeBlocks(order: $0.order) },
        MetricFunction(name: "unusable", argument: .requiredOrder) { .unusableIndex(order: $0.order ?? 0) },
        MetricFunction(name: "utilisation", argument: .none) { _ in .utilisation },
        MetricFunction(name: "sawicki", argument: .none) { _ in .sawicki },
        MetricFunction(name: "failures", argument: .none) { _ in .failures },
        MetricFunction(name: "offset", argument: .handle) { .offset(handle: $0.handle) },
        MetricFunction(name: "size", argument: .handle) { .blockSize(handle: $0.handle) },
        MetricFunction(name: "failed", argument: .handle) { .failed(handle: $0.handle) },
        MetricFunction(name: "moved", argument: .handle) { .moved(handle: $0.handle) },
        MetricFunction(name: "align", argument: .handle) { .alignment(handle: $0.handle) },
        MetricFunction(name: "bin-count", argument: .smallbin) { .binCount(chunkSize: $0.chunkSize, subBin: $0.subBin) },
    ]
}

extension ScriptParser {
    mutating func parseExpect(_ cursor: inout TokenCursor, at location: SourceLocation) throws(LineFailure) {
        let functionToken = try cursor.word("a metric such as extfrag(heap)")
        let names = MetricFunction.all.map(\.name)
        guard let function = MetricFunction.all.first(where: { $0.name == functionToken.text }) else {
            let suggestion = NameSuggestion.closest(functionToken.text, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw LineFailure("unknown metric '\(functionToken.text)'\(suggestion); expected one of \(names.joined(separator: ", "))", at: functionToken)
        }
        _ = try cursor.symbol("(", "'(' after \(function.name)")
        let laneToken = try cursor.word("a lane name")
        let lanes = script.effectiveLanes
        guard let lane = lanes.first(where: { $0.name == laneToken.text }) else {
            throw LineFailure("unknown lane '\(laneToken.text)'; the lanes are \(lanes.map(\.name).joined(separator: ", "))", at: laneToken)
        }
        var arguments = MetricFunction.Arguments()
        switch function.argument {
        case .none:
            break
        case .optionalOrder, .requiredOrder:
            if cursor.take(symbol: ",") {
                arguments.order = try order(&cursor, lane: lane)
            }
            if case .requiredOrder = function.argument {
                guard lane.kind == .buddy else { throw LineFailure("\(function.name)(...) applies to buddy lanes; '\(lane.name)' is a heap", at: functionToken) }
                guard arguments.order != nil else {
                    throw LineFailure("\(function.name) needs an order: \(function.name)(\(lane.name), order=N)", column: cursor.peek?.column ?? cursor.endColumn)
                }
            }
        case .handle:
            _ = try cursor.symbol(",", "',' and a handle name: \(function.name)(\(lane.name), NAME)")
            arguments.handle = try handleName(&cursor)
        case .smallbin:
            guard lane.kind == .heap else { throw LineFailure("\(function.name)(...) applies to heap lanes; '\(lane.name)' is a buddy", at: functionToken) }
            _ = try cursor.symbol(",", "', size=N': \(function.name)(\(lane.name), size=N)")
            (arguments.chunkSize, arguments.subBin) = try smallbin(&cursor, function: function.name)
        }
        let metric = function.make(arguments)
        _ = try cursor.symbol(")", "')'")
        let opToken = try cursor.next("a comparison (< <= == != >= >)")
        guard opToken.kind == .symbol, let comparison = ComparisonOperator(rawValue: opToken.text) else {
            let hint = opToken.text == "=" ? " (did you mean '=='?)" : ""
            throw LineFailure("expected a comparison (< <= == != >= >), found '\(opToken.text)'\(hint)", at: opToken)
        }
        let valueToken = try cursor.word("a number to compare with")
        var value: Double
        if cursor.take(symbol: "%") {
            guard let percent = Double(valueToken.text) else {
                throw LineFailure("expected a percentage such as 50%, found '\(valueToken.text)%'", at: valueToken)
            }
            value = percent / 100
        } else if let number = Self.number(valueToken.text) {
            value = number
        } else {
            switch SizeLiteral.parse(valueToken.text) {
            case .success(let bytes): value = Double(bytes)
            case .failure:
                throw LineFailure("expected a number such as 0.5, 25%, 4096 or 4KiB, found '\(valueToken.text)'", at: valueToken)
            }
        }
        try cursor.expectEnd("the expectation")
        let scalars = Array(lines[cursor.line - 1].unicodeScalars)
        let last = cursor.tokens[cursor.tokens.count - 1]
        let text = String(String.UnicodeScalarView(scalars[(functionToken.column - 1)..<(last.column - 1 + last.length)]))
        add(.expect(Expectation(metric: metric, lane: lane.name, comparison: comparison, value: value, text: text)), at: location)
    }

    /// `order=N` for a buddy lane, checked against its orders.
    func order(_ cursor: inout TokenCursor, lane: LaneConfiguration) throws(LineFailure) -> Int {
        let key = try cursor.word("order=N")
        guard key.text == "order" else { throw LineFailure("expected order=N, found '\(key.text)'", at: key) }
        _ = try cursor.symbol("=", "'=' after order")
        let value = try cursor.word("an order number")
        guard let number = Int(value.text), number >= 0 else {
            throw LineFailure("expected an order number, found '\(value.text)'", at: value)
        }
        guard let shape = lane.buddyShape else {
            throw LineFailure("order=N applies to buddy lanes; '\(lane.name)' is a heap", at: key)
        }
        guard number <= shape.maxOrder else {
            throw LineFailure("order \(number) does not exist in '\(lane.name)': orders are 0...\(shape.maxOrder)", at: value)
        }
        return number
    }

    /// `size=N[, sub=J]` of a smallbin.
    func smallbin(_ cursor: inout TokenCursor, function: String) throws(LineFailure) -> (size: Int, subBin: Int?) {
        var options: [String: (ScriptToken, ScriptToken)] = [:]
        repeat {
            let key = try cursor.word("size=N or sub=J")
            guard key.text == "size" || key.text == "sub" else {
                throw LineFailure("expected size=N or sub=J, found '\(key.text)'", at: key)
            }
            _ = try cursor.symbol("=", "'=' after \(key.text)")
            let value = try cursor.word("a value for \(key.text)=")
            if options[key.text] != nil { throw LineFailure("\(key.text)= is given twice", at: key) }
            options[key.text] = (key, value)
        } while cursor.take(symbol: ",")
        guard let (_, sizeToken) = options["size"] else {
            throw LineFailure("\(function) needs size=N, the smallbin's chunk size (header included)", column: cursor.peek?.column ?? cursor.endColumn)
        }
        let size = try Self.size(sizeToken)
        var sub: Int?
        if let (_, subToken) = options["sub"] {
            guard let value = Int(subToken.text), (0...7).contains(value) else {
                throw LineFailure("expected a sub-bin number 0...7, found '\(subToken.text)'", at: subToken)
            }
            sub = value
        }
        return (size, sub)
    }

    /// A plain decimal number (`0.5`, `-1`, `12`), not a size with a unit.
    static func number(_ text: String) -> Double? {
        guard text.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true,
              text.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "." }) else { return nil }
        return Double(text)
    }
}
