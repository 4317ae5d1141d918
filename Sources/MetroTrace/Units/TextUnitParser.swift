/// Reads units written as text: `mg`, `N·m`, `N m`, `N*m`, `N.m`, `L/min`, `nm/K`,
/// `m·°C`, `kg/m³`, `m/s^2`, `m s-2`, `W/(m·K)`, `/K`, `1/K`.
///
/// A prefix binds to its symbol before the exponent applies (`cm³` is (cm)³). Everything
/// after a `/` is the denominator; a second `/` outside parentheses is refused as
/// ambiguous (SI Brochure §5.4.6).
enum TextUnitParser {
    enum Token: Equatable {
        case symbol(String)
        case one
        case exponent(Int)
        case times
        case divide
        case open
        case close
    }

    static func parse(_ text: Substring) throws(UnitError) -> Unit {
        if text.isEmpty { return .one }
        var parser = Parser(tokens: try tokenize(text), text: String(text))
        let unit = try parser.parseQuotient()
        if parser.position < parser.tokens.count {
            throw UnitError(
                .key(
                    "diagnostic.unit.unexpected", ("token", parser.describe(parser.tokens[parser.position])),
                    ("unit", .literal(String(text)))))
        }
        return Unit(
            symbol: String(text), factor: unit.factor, dimension: unit.dimension,
            offset: unit.offset)
    }

    static let superscripts: [Character: Character] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
        "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+",
    ]
    static let multiplicationSigns: Set<Character> = ["·", "*", "⋅", "•", ".", "×", " ", "\t"]

    static func isSymbolCharacter(_ c: Character) -> Bool {
        (c.isLetter || c == "°" || c == "%" || c == "℃" || c == "Ω" || c == "µ" || c == "'")
            && superscripts[c] == nil
    }

    static func tokenize(_ text: Substring) throws(UnitError) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        func readInteger(from start: String.Index) -> (Int, String.Index)? {
            var end = start
            if end < text.endIndex, text[end] == "-" || text[end] == "+" || text[end] == "−" {
                end = text.index(after: end)
            }
            let digitsStart = end
            while end < text.endIndex, text[end].isASCII, text[end].isNumber { end = text.index(after: end) }
            guard end > digitsStart,
                let value = Int(String(text[start..<end].map { $0 == "−" ? "-" : $0 }))
            else { return nil }
            return (value, end)
        }
        while index < text.endIndex {
            let c = text[index]
            if isSymbolCharacter(c) {
                var end = index
                while end < text.endIndex, isSymbolCharacter(text[end]) { end = text.index(after: end) }
                tokens.append(.symbol(String(text[index..<end])))
                index = end
                // A signed integer written straight after a symbol is its exponent (`m2`, `s-1`).
                if let (value, next) = readInteger(from: index) {
                    tokens.append(.exponent(value))
                    index = next
                }
            } else if superscripts[c] != nil {
                var end = index
                var digits = ""
                while end < text.endIndex, let d = superscripts[text[end]] {
                    digits.append(d)
                    end = text.index(after: end)
                }
                guard let value = Int(digits) else {
                    throw UnitError(
                        .key(
                            "diagnostic.unit.malformed-exponent", ("exponent", .literal(String(text[index..<end]))),
                            ("unit", .literal(String(text)))))
                }
                tokens.append(.exponent(value))
                index = end
            } else if c == "^" {
                guard let (value, next) = readInteger(from: text.index(after: index)) else {
                    throw UnitError(.key("diagnostic.unit.caret", ("unit", .literal(String(text)))))
                }
                tokens.append(.exponent(value))
                index = next
            } else if c == "1", tokens.isEmpty || tokens.last == .open || tokens.last == .times {
                tokens.append(.one)
                index = text.index(after: index)
            } else if multiplicationSigns.contains(c) {
                if tokens.last != .times { tokens.append(.times) }
                index = text.index(after: index)
            } else if c == "/" {
                if tokens.last == .times { tokens.removeLast() }
                tokens.append(.divide)
                index = text.index(after: index)
            } else if c == "(" {
                tokens.append(.open)
                index = text.index(after: index)
            } else if c == ")" {
                if tokens.last == .times { tokens.removeLast() }
                tokens.append(.close)
                index = text.index(after: index)
            } else {
                throw UnitError(
                    .key(
                        "diagnostic.unit.unexpected-character", ("character", .literal(String(c))),
                        ("unit", .literal(String(text)))))
            }
        }
        // Spaces around operators are not products.
        var cleaned: [Token] = []
        for token in tokens {
            if token == .times, cleaned.isEmpty || cleaned.last == .divide || cleaned.last == .open {
                continue
            }
            if token == .divide || token == .close, cleaned.last == .times { cleaned.removeLast() }
            cleaned.append(token)
        }
        if cleaned.last == .times { cleaned.removeLast() }
        return cleaned
    }

    struct Parser {
        var tokens: [Token]
        var text: String
        var position = 0

        func describe(_ token: Token) -> LocalizedText {
            switch token {
            case .symbol(let s): return .key("diagnostic.unit.token.symbol", ("symbol", .literal(s)))
            case .one: return "\"1\""
            case .exponent(let e): return .key("diagnostic.unit.token.exponent", ("exponent", .literal("\(e)")))
            case .times: return .key("diagnostic.unit.token.times")
            case .divide: return "\"/\""
            case .open: return "\"(\""
            case .close: return "\")\""
            }
        }

        mutating func parseQuotient() throws(UnitError) -> Unit {
            var numerator = Unit.one
            if position < tokens.count, tokens[position] != .divide {
                numerator = try parseProduct()
            }
            guard position < tokens.count, tokens[position] == .divide else { return numerator }
            position += 1
            let denominator = try parseProduct()
            if position < tokens.count, tokens[position] == .divide {
                throw UnitError(.key("diagnostic.unit.two-slashes", ("unit", .literal(text))))
            }
            return numerator * denominator.power(-1)
        }

        mutating func parseProduct() throws(UnitError) -> Unit {
            var result = try parseFactor()
            var factors = 1
            while position < tokens.count, tokens[position] == .times {
                position += 1
                result = result * (try parseFactor())
                factors += 1
            }
            return factors == 1
                ? result
                : Unit(
                    symbol: result.symbol, factor: result.factor,
                    dimension: result.dimension)
        }

        mutating func parseFactor() throws(UnitError) -> Unit {
            guard position < tokens.count else {
                throw UnitError(.key("diagnostic.unit.ends-early", ("unit", .literal(text))))
            }
            var base: Unit
            switch tokens[position] {
            case .symbol(let symbol):
                guard let unit = UnitCatalog.lookUp(symbol) else {
                    throw UnitError(Self.unknownSymbolMessage(symbol, in: text))
                }
                base = unit
                position += 1
            case .one:
                base = .one
                position += 1
            case .open:
                position += 1
                base = try parseQuotient()
                guard position < tokens.count, tokens[position] == .close else {
                    throw UnitError(.key("diagnostic.unit.parentheses", ("unit", .literal(text))))
                }
                position += 1
                base.offset = 0
            default:
                throw UnitError(
                    .key("diagnostic.unit.unexpected", ("token", describe(tokens[position])), ("unit", .literal(text))))
            }
            if position < tokens.count, case .exponent(let n) = tokens[position] {
                position += 1
                guard let exponent = Int8(exactly: n), exponent != 0 else {
                    throw UnitError(
                        .key("diagnostic.unit.exponent-range", ("exponent", .literal("\(n)")), ("unit", .literal(text)))
                    )
                }
                if exponent != 1 { base = base.power(exponent) }
            }
            return base
        }

        static func unknownSymbolMessage(_ symbol: String, in text: String) -> LocalizedText {
            var pieces: [LocalizedText] = [
                symbol == text
                    ? .key("diagnostic.unit.unknown", ("symbol", .literal(symbol)))
                    : .key("diagnostic.unit.unknown-in", ("symbol", .literal(symbol)), ("unit", .literal(text)))
            ]
            let hints = [
                "Nm": "N·m", "mOHM": "mOhm", "KG": "kg", "Kg": "kg", "sec": "s",
                "hr": "h", "deg": "° / °C", "degF": "°C", "mbars": "mbar",
            ]
            if let hint = hints[symbol] {
                pieces.append(.key("diagnostic.unit.did-you-mean", ("hint", .literal(hint))))
            }
            return .joined(pieces)
        }
    }
}
