/// A number and the unit it was written in (VIM 1.19 "quantity value"), with its value
/// in the coherent SI unit of its dimension.
///
/// `59 mg` keeps 59 and `mg` (for display and lossless export) and holds 5.9 × 10⁻⁵ kg
/// as ``si``. `23.5 °C` read on the `.absolute` scale is 296.65 K; `0.5 °C` read as an
/// `.interval` (an uncertainty, tolerance or drift) is 0.5 K.
public struct QuantityValue: Hashable, Sendable, CustomStringConvertible {
    /// The number as written.
    public var number: Double
    /// The unit the number was written in.
    public var unit: Unit
    /// The value in the coherent SI unit of ``dimension``.
    public var si: Double

    /// Creates a value from a number in a unit.
    public init(_ number: Double, _ unit: Unit, scale: ValueScale) {
        self.number = number
        self.unit = unit
        self.si = unit.toSI(number, scale: scale)
    }

    /// Creates a value from its coherent SI number and dimension.
    public init(si: Double, dimension: Dimension) {
        self.number = si
        self.unit = Unit(symbol: dimension.description, factor: 1, dimension: dimension)
        self.si = si
    }

    /// A pure number.
    public static func number(_ value: Double) -> QuantityValue {
        QuantityValue(value, .one, scale: .interval)
    }

    /// The dimension of the value.
    public var dimension: Dimension { unit.dimension }

    /// Parses a number followed by an optional unit: `10.000025 kg`, `59 mg`,
    /// `0.075 µm`, `20 N·m`, `101.325 kPa`, `23.5 °C`, `0.02 %`, `2e-6`, `5 mΩ`,
    /// `10 L/min`, `-575 nm/K`, `0.58×10⁻⁶ /K`, `12 \milli\gram`.
    ///
    /// - Parameters:
    ///   - text: the number and its unit.
    ///   - scale: whether an affine unit (°C) shifts the value (`.absolute`) or not
    ///     (`.interval`).
    /// - Throws: ``UnitError`` naming what could not be read.
    public static func parse(_ text: some StringProtocol, scale: ValueScale) throws(UnitError)
        -> QuantityValue
    {
        let (number, unitText) = try splitNumber(text)
        let value = QuantityValue(number, try Unit.parse(unitText), scale: scale)
        guard value.si.isFinite else {
            throw UnitError(
                .key("diagnostic.value.overflows", ("value", .literal("\"\(text.trimmingWhitespace())\""))))
        }
        return value
    }

    /// Splits `"-575 nm/K"` into `-575` and `"nm/K"`.
    /// - Throws: ``UnitError`` when the text does not start with a number.
    public static func splitNumber(_ text: some StringProtocol) throws(UnitError)
        -> (number: Double, unit: Substring)
    {
        let trimmed = text.trimmingWhitespace()
        var index = trimmed.startIndex
        var ascii = ""
        func peek() -> Character? { index < trimmed.endIndex ? trimmed[index] : nil }
        func advance() { index = trimmed.index(after: index) }
        func readDigits() -> Int {
            var count = 0
            while let c = peek(), c.isASCII, c.isNumber {
                ascii.append(c)
                advance()
                count += 1
            }
            return count
        }
        if let c = peek(), c == "-" || c == "+" || c == "−" {
            ascii.append(c == "+" ? "+" : "-")
            advance()
        }
        var digits = readDigits()
        if peek() == "." {
            ascii.append(".")
            advance()
            digits += readDigits()
        }
        guard digits > 0 else {
            throw UnitError(.key("diagnostic.value.no-number", ("text", .literal(String(trimmed)))))
        }
        if let c = peek(), c == "e" || c == "E" {
            // An exponent only when digits follow; "2 eV" has a unit, not an exponent.
            let mark = index
            let markASCII = ascii
            ascii.append("e")
            advance()
            if let s = peek(), s == "-" || s == "+" || s == "−" {
                ascii.append(s == "+" ? "+" : "-")
                advance()
            }
            if readDigits() == 0 {
                index = mark
                ascii = markASCII
            }
        }
        guard var number = Double(ascii), number.isFinite else {
            throw UnitError(.key("diagnostic.value.no-finite-number", ("text", .literal(String(trimmed)))))
        }
        // Scientific notation as printed: 0.58×10⁻⁶, 1.2 x 10^-3, 5·10^3.
        let afterMantissa = index
        while peek() == " " { advance() }
        if let c = peek(), c == "×" || c == "x" || c == "·" || c == "*" {
            advance()
            while peek() == " " { advance() }
            if trimmed[index...].hasPrefix("10") {
                advance(); advance()
                var exponentText = ""
                if peek() == "^" { advance() }
                while let c = peek(),
                    let d = TextUnitParser.superscripts[c]
                        ?? (c.isASCII && (c.isNumber || c == "-" || c == "+") ? c : nil)
                {
                    exponentText.append(d)
                    advance()
                }
                guard let exponent = Int(exponentText) else {
                    throw UnitError(.key("diagnostic.value.malformed-power", ("text", .literal(String(trimmed)))))
                }
                number *= pow10(exponent)
            } else {
                index = afterMantissa
            }
        } else {
            index = afterMantissa
        }
        guard number.isFinite else {
            throw UnitError(.key("diagnostic.value.not-finite", ("text", .literal(String(trimmed)))))
        }
        return (number, trimmed[index...].trimmingWhitespace())
    }

    static func pow10(_ exponent: Int) -> Double {
        Double("1e\(exponent)") ?? .infinity
    }

    /// The number and unit as written, e.g. `59 mg`.
    public var description: String {
        let text = NumberFormatting.shortest(number)
        return unit.symbol == "1" || unit.symbol.isEmpty ? text : text + " " + unit.symbol
    }
}
