/// The dimension of a quantity as exponents of the seven SI base quantities
/// (length, mass, time, electric current, thermodynamic temperature, amount of
/// substance, luminous intensity), as in the SI Brochure, 9th edition, §2.3.3.
///
/// Plane and solid angle are dimensionless in the SI and are treated so here.
public struct Dimension: Hashable, Sendable, CustomStringConvertible, Codable {
    /// Exponent of length (metre).
    public var length: Int8
    /// Exponent of mass (kilogram).
    public var mass: Int8
    /// Exponent of time (second).
    public var time: Int8
    /// Exponent of electric current (ampere).
    public var current: Int8
    /// Exponent of thermodynamic temperature (kelvin).
    public var temperature: Int8
    /// Exponent of amount of substance (mole).
    public var amount: Int8
    /// Exponent of luminous intensity (candela).
    public var luminousIntensity: Int8

    /// Creates a dimension from its base exponents; omitted exponents are zero.
    public init(
        length: Int8 = 0, mass: Int8 = 0, time: Int8 = 0, current: Int8 = 0,
        temperature: Int8 = 0, amount: Int8 = 0, luminousIntensity: Int8 = 0
    ) {
        self.length = length
        self.mass = mass
        self.time = time
        self.current = current
        self.temperature = temperature
        self.amount = amount
        self.luminousIntensity = luminousIntensity
    }

    /// The dimension of a pure number (dimension one).
    public static let one = Dimension()
    /// Length, L.
    public static let length = Dimension(length: 1)
    /// Mass, M.
    public static let mass = Dimension(mass: 1)
    /// Time, T.
    public static let time = Dimension(time: 1)
    /// Electric current, I.
    public static let current = Dimension(current: 1)
    /// Thermodynamic temperature, Θ.
    public static let temperature = Dimension(temperature: 1)
    /// Amount of substance, N.
    public static let amount = Dimension(amount: 1)
    /// Luminous intensity, J.
    public static let luminousIntensity = Dimension(luminousIntensity: 1)

    /// True for dimension one.
    public var isDimensionless: Bool { self == .one }

    var exponents: [Int8] {
        [length, mass, time, current, temperature, amount, luminousIntensity]
    }

    init(exponents e: [Int8]) {
        self.init(
            length: e[0], mass: e[1], time: e[2], current: e[3],
            temperature: e[4], amount: e[5], luminousIntensity: e[6])
    }

    /// The product of two dimensions (exponents add).
    public static func * (lhs: Dimension, rhs: Dimension) -> Dimension {
        lhs.combined(with: rhs) { $0 &+ $1 }
    }

    /// The quotient of two dimensions (exponents subtract).
    public static func / (lhs: Dimension, rhs: Dimension) -> Dimension {
        lhs.combined(with: rhs) { $0 &- $1 }
    }

    /// This dimension raised to an integer power.
    public func power(_ n: Int8) -> Dimension {
        combined(with: self) { exponent, _ in exponent &* n }
    }

    /// Each exponent combined with the other's: field by field, without the arrays of
    /// ``exponents`` (loading a dataset multiplies dimensions for every reference).
    private func combined(with other: Dimension, _ operation: (Int8, Int8) -> Int8) -> Dimension {
        Dimension(
            length: operation(length, other.length), mass: operation(mass, other.mass),
            time: operation(time, other.time), current: operation(current, other.current),
            temperature: operation(temperature, other.temperature), amount: operation(amount, other.amount),
            luminousIntensity: operation(luminousIntensity, other.luminousIntensity))
    }

    /// The coherent SI unit of this dimension written with base-unit symbols,
    /// e.g. `kg·m⁻¹·s⁻²` for pressure, or `1` for dimension one.
    public var description: String {
        let symbols = ["m", "kg", "s", "A", "K", "mol", "cd"]
        let parts = zip(symbols, exponents).compactMap { symbol, exponent -> String? in
            switch exponent {
            case 0: return nil
            case 1: return symbol
            default: return symbol + Superscript.digits(of: Int(exponent))
            }
        }
        return parts.isEmpty ? "1" : parts.joined(separator: "·")
    }
}

/// Writing small integers as Unicode superscripts (`⁻²`), the way unit symbols print.
enum Superscript {
    static let digitGlyphs: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

    static func digits(of value: Int) -> String {
        let sign = value < 0 ? "⁻" : ""
        return sign + String(abs(value)).map { digitGlyphs[Int(String($0))!] }.map(String.init).joined()
    }
}

extension Dimension {
    /// The dimension with the name of a kind of quantity that has it, for messages:
    /// `m⁻¹·kg·s⁻² (pressure)`.
    public var explained: String { explainedText.rendered(in: .english) }

    /// ``explained`` as text in the reader's language: `kg (质量)`.
    public var explainedText: LocalizedText {
        if isDimensionless { return .key("dimension.pure-number") }
        for name in Self.preferredNames where QuantityKind.catalog[name]?.dimension == self {
            return .joined([.literal(description + " ("), .quantity(name), .literal(")")])
        }
        return .literal(description)
    }

    /// The kinds of quantity a dimension is named after, the first that has it winning
    /// (energy before torque, which share a dimension).
    static let preferredNames = [
        "mass", "length", "time", "temperature", "electric current", "amount of substance",
        "pressure", "force", "torque", "voltage", "resistance", "frequency", "volume",
        "volume flow", "mass flow", "density", "speed", "acceleration", "power", "energy",
        "capacitance", "inductance", "electric charge", "area", "illuminance",
    ]
}
