/// Writing SI values back in a unit a metrologist reads: the item's unit, with an SI
/// prefix chosen so the number lies in [1, 1000) when the unit takes prefixes
/// (5.9 × 10⁻⁵ kg → `59 mg`).
public enum ValueFormatting {
    /// `value` (coherent SI) in `unit` or a prefixed form of it, with `digits`
    /// significant digits (nil: as many as needed, up to 12).
    /// - Parameters:
    ///   - value: the value in coherent SI units.
    ///   - unit: the unit to write it in (or a prefixed form of it).
    ///   - scale: `.absolute` for a value of an affine unit (°C) that includes its offset,
    ///     `.interval` for a difference.
    ///   - digits: significant digits; nil for as many as needed, up to 12.
    ///   - choosePrefix: whether an interval may be shown with another prefix
    ///     (`0.2 kPa` as `200 Pa`); false keeps `unit`.
    public static func format(
        _ value: Double, unit: Unit, scale: ValueScale, digits: Int? = nil, choosePrefix: Bool = true
    ) -> String {
        guard value.isFinite else { return NumberFormatting.shortest(value) }
        let (number, symbol) =
            choosePrefix
            ? express(value, unit: unit, scale: scale) : (unit.fromSI(value, scale: scale), unit.symbol)
        let text: String
        if let digits {
            text = NumberFormatting.significant(number, digits: digits)
        } else if number == number.rounded(), abs(number) < 1e15 {
            // A whole number keeps every digit at any rounding.
            text = String(Int64(number))
        } else {
            // As many digits as the SI value holds (12 significant), so that 273.16 K
            // prints as 0.01 °C, not 0.00999999999999 °C.
            let resolution = max(abs(value), abs(number) * abs(unit.factor)) * 1e-12 / abs(unit.factor)
            let decimals = resolution > 0 ? max(0, Int(-resolution.log10Floor())) : 0
            let rounded = Double(NumberFormatting.fixed(number, decimals: min(decimals, 17))) ?? number
            text = NumberFormatting.shortest(rounded)
        }
        return symbol.isEmpty || symbol == "1" ? text : text + " " + symbol
    }

    /// The number and symbol that express `value`: the unit itself for absolute
    /// values and compound units, otherwise the prefix that brings the number into
    /// [1, 1000).
    static func express(_ value: Double, unit: Unit, scale: ValueScale) -> (Double, String) {
        let inUnit = unit.fromSI(value, scale: scale)
        guard scale == .interval, value != 0, let base = prefixableBase(of: unit.symbol) else {
            return (inUnit, unit.symbol)
        }
        let inBase = value / base.factor
        for (prefix, scale) in displayPrefixes where abs(inBase) >= scale * (1 - 1e-12) {
            return (inBase / scale, prefix + base.symbol)
        }
        return (inBase / 1e-15, "f" + base.symbol)
    }

    /// The prefixes a value may be shown with, largest first.
    private static let displayPrefixes: [(String, Double)] = [
        ("T", 1e12), ("G", 1e9), ("M", 1e6), ("k", 1e3), ("", 1), ("m", 1e-3), ("µ", 1e-6),
        ("n", 1e-9), ("p", 1e-12), ("f", 1e-15),
    ]

    /// For a simple, prefixable unit (`kg`, `mm`, `kPa`, `mV`, `Ω`), its unprefixed
    /// symbol and factor (`g`, 10⁻³); nil for compound or non-prefixable units.
    static func prefixableBase(of symbol: String) -> (symbol: String, factor: Double)? {
        prefixableBases[symbol]
    }

    /// Every simple prefixable symbol with and without each prefix, worked out once:
    /// formatting asks for it for every value it writes.
    private static let prefixableBases: [String: (symbol: String, factor: Double)] = {
        var table: [String: (symbol: String, factor: Double)] = [:]
        // One-character prefixes take precedence over two-character ones (`da`), as
        // when reading a symbol.
        let prefixes = UnitCatalog.prefixes.keys.sorted { ($0.count, $0) < ($1.count, $1) }
        for prefix in prefixes {
            for (symbol, entry) in UnitCatalog.symbols where entry.prefixable && table[prefix + symbol] == nil {
                table[prefix + symbol] = (symbol, entry.factor)
            }
        }
        // A symbol that is itself in the catalog is its own base when it takes prefixes
        // and has no offset (`Pa`, `g`); otherwise (`°C`, `min`) it has none.
        for (symbol, entry) in UnitCatalog.symbols {
            table[symbol] = entry.prefixable && entry.offset == 0 ? (symbol, entry.factor) : nil
        }
        return table
    }()
}
