extension ScriptParser {
    /// The functions an `expect` line may call, with what each takes after the lane.
    static let metricFunctions: [(name: String, argument: String?)] = [
        ("extfrag", nil), ("intfrag", nil), ("free", nil), ("used", nil), ("requested", nil), ("largest", nil),
        ("live", nil), ("free-blocks", "order=N"), ("unusable", "order=N"), ("utilisation", nil), ("sawicki", nil),
        ("failures", nil), ("offset", "NAME"), ("size", "NAME"), ("failed", "NAME"), ("moved", "NAME"), ("align", "NAME"), ("bin-count", "size=N"),
    ]

    mutating func parseExpect(_ cursor: inout TokenCursor, at location: SourceLocation) throws(LineFailure) {
        let function = try cursor.word("a metric such as extfrag(heap)")
        let names = Self.metricFunctions.map(\.name)
        guard names.contains(function.text) else {
            let suggestion = Self.closest(function.text, among: names).map { " (did you mean '\($0)'?)" } ?? ""
            throw LineFailure("unknown metric '\(function.text)'\(suggestion); expected one of \(names.joined(separator: ", "))", at: function)
        }
        _ = try cursor.symbol("(", "'(' after \(function.text)")
        let laneToken = try cursor.word("a lane name")
        let lanes = script.effectiveLanes
        guard let lane = lanes.first(where: { $0.name == laneToken.text }) else {
            throw LineFailure("unknown lane '\(laneToken.text)'; the lanes are \(lanes.map(\.name).joined(separator: ", "))", at: laneToken)
        }
        var metric: ScriptMetric
        switch function.text {
        case "extfrag": metric = .externalFragmentation
        case "intfrag": metric = .internalFragmentation
        case "free": metric = .freeBytes
        case "used": metric = .usedBytes
        case "requested": metric = .requestedBytes
        case "largest": metric = .largestFree
        case "live": metric = .liveBlocks
        case "utilisation": metric = .utilisation
        case "sawicki": metric = .sawicki
        case "failures": metric = .failures
        case "free-blocks", "unusable":
            var order: Int?
            if cursor.take(symbol: ",") {
                let key = try cursor.word("order=N")
                guard key.text == "order" else { throw LineFailure("expected order=N, found '\(key.text)'", at: key) }
                _ = try cursor.symbol("=", "'=' after order")
                let value = try cursor.word("an order number")
                let maxOrder = lane.kind == .buddy ? LaneFactory.maxOrder(of: lane) : 0
                guard let number = Int(value.text), number >= 0 else {
                    throw LineFailure("expected an order number, found '\(value.text)'", at: value)
                }
                guard lane.kind == .buddy else {
                    throw LineFailure("order=N applies to buddy lanes; '\(lane.name)' is a heap", at: key)
                }
                guard number <= maxOrder else {
                    throw LineFailure("order \(number) does not exist in '\(lane.name)': orders are 0...\(maxOrder)", at: value)
                }
                order = number
            }
            if function.text == "unusable" {
                guard lane.kind == .buddy else { throw LineFailure("unusable(...) applies to buddy lanes; '\(lane.name)' is a heap", at: function) }
                guard let order else { throw LineFailure("unusable needs an order: unusable(\(lane.name), order=N)", column: cursor.peek?.column ?? cursor.endColumn) }
                metric = .unusableIndex(order: order)
            } else {
                metric = .freeBlocks(order: order)
            }
        case "bin-count":
            guard lane.kind == .heap else { throw LineFailure("bin-count(...) applies to heap lanes; '\(lane.name)' is a buddy", at: function) }
            _ = try cursor.symbol(",", "', size=N': bin-count(\(lane.name), size=N)")
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
                throw LineFailure("bin-count needs size=N, the smallbin's chunk size (header included)", column: cursor.peek?.column ?? cursor.endColumn)
            }
            let size = try Self.size(sizeToken)
            var sub: Int?
            if let (_, subToken) = options["sub"] {
                guard let value = Int(subToken.text), (0...7).contains(value) else {
                    throw LineFailure("expected a sub-bin number 0...7, found '\(subToken.text)'", at: subToken)
                }
                sub = value
            }
            metric = .binCount(chunkSize: size, subBin: sub)
        default:
            _ = try cursor.symbol(",", "',' and a handle name: \(function.text)(\(lane.name), NAME)")
            let handle = try handleName(&cursor)
            switch function.text {
            case "offset": metric = .offset(handle: handle)
            case "size": metric = .blockSize(handle: handle)
            case "failed": metric = .failed(handle: handle)
            case "align": metric = .alignment(handle: handle)
            default: metric = .moved(handle: handle)
            }
        }
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
        let text = String(String.UnicodeScalarView(scalars[(function.column - 1)..<(last.column - 1 + last.length)]))
        add(.expect(Expectation(metric: metric, lane: lane.name, comparison: comparison, value: value, text: text)), at: location)
    }

    /// A plain decimal number (`0.5`, `-1`, `12`), not a size with a unit.
    static func number(_ text: String) -> Double? {
        guard text.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true,
              text.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "." }) else { return nil }
        return Double(text)
    }
}
