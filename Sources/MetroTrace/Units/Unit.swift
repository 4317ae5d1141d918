/// A unit of measurement as a conversion to the coherent SI unit of its dimension.
///
/// A value `x` expressed in this unit is `x · factor` in coherent SI units when it is
/// a difference (an uncertainty, a tolerance, a sensitivity), and `x · factor + offset`
/// when it is a value on an absolute scale. Only the degree Celsius standing alone has
/// an offset (273.15 K): `23.5 °C` is 296.65 K, but an uncertainty of `0.1 °C` is
/// 0.1 K and `0.05 m·°C` is 0.05 m·K.
public struct Unit: Hashable, Sendable, CustomStringConvertible {
    /// The unit as it was written, normalised only in surrounding whitespace.
    public var symbol: String
    /// The factor that converts a value in this unit to the coherent SI unit.
    public var factor: Double
    /// The dimension of the unit.
    public var dimension: Dimension
    /// The offset of an affine scale (273.15 for a lone `°C`), zero otherwise.
    public var offset: Double

    /// Creates a unit from its parts.
    public init(symbol: String, factor: Double, dimension: Dimension, offset: Double = 0) {
        self.symbol = symbol
        self.factor = factor
        self.dimension = dimension
        self.offset = offset
    }

    /// The unit one (a pure number).
    public static let one = Unit(symbol: "1", factor: 1, dimension: .one)

    /// Parses a unit written in text (`mg`, `N·m`, `L/min`, `nm/K`, `µm`, `°C`, `%`)
    /// or as a PTB D-SI unit string (`\milli\gram`, `\kilogram\metre\tothe{-1}`).
    ///
    /// An empty string is the unit one.
    /// - Throws: ``UnitError`` naming the symbol that could not be read.
    public static func parse(_ text: some StringProtocol) throws(UnitError) -> Unit {
        let trimmed = text.trimmingWhitespace()
        if trimmed.first == "\\" {
            return try DSIUnitParser.parse(trimmed)
        }
        return try TextUnitParser.parse(trimmed)
    }

    /// The value in coherent SI units of a number expressed in this unit.
    /// - Parameters:
    ///   - number: the number in this unit.
    ///   - scale: `.absolute` applies the offset of an affine unit (°C), `.interval`
    ///     does not.
    public func toSI(_ number: Double, scale: ValueScale) -> Double {
        number * factor + (scale == .absolute ? offset : 0)
    }

    /// The number that expresses a coherent SI value in this unit.
    public func fromSI(_ value: Double, scale: ValueScale) -> Double {
        (value - (scale == .absolute ? offset : 0)) / factor
    }

    public var description: String { symbol }

    /// The product of two units; the result has no affine offset.
    static func * (lhs: Unit, rhs: Unit) -> Unit {
        Unit(
            symbol: lhs.symbol + "·" + rhs.symbol, factor: lhs.factor * rhs.factor,
            dimension: lhs.dimension * rhs.dimension)
    }

    /// This unit raised to an integer power; the result has no affine offset.
    func power(_ n: Int8) -> Unit {
        var factor = 1.0
        for _ in 0..<abs(Int(n)) { factor *= self.factor }
        return Unit(
            symbol: symbol, factor: n < 0 ? 1 / factor : factor,
            dimension: dimension.power(n))
    }
}

/// Whether a value lies on an absolute scale or is a difference of two values.
///
/// The distinction matters only for affine units: a temperature of 23.5 °C is
/// 296.65 K, but an uncertainty, tolerance or drift of 0.5 °C is 0.5 K.
public enum ValueScale: Sendable, Codable {
    /// A value on the quantity's scale: nominal values, results, ranges, `at`.
    case absolute
    /// A difference: uncertainties, tolerances, drifts, CMCs, sensitivities.
    case interval
}

/// A unit string that could not be read.
public struct UnitError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, naming the offending symbol, in either language.
    public var text: LocalizedText

    /// Creates an error with a message.
    public init(_ text: LocalizedText) { self.text = text }

    /// What went wrong, in English.
    public var message: String { text.rendered(in: .english) }

    public var description: String { message }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let start = firstIndex(where: { !isSpace($0) }) else { return Substring() }
        let end = lastIndex(where: { !isSpace($0) })!
        return Substring(self[start...end])
    }
}
