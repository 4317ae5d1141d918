/// The units and prefixes MetroTrace understands: the SI base units, the 22 named
/// derived units, the SI prefixes (SI Brochure, 9th edition, tables 2, 4 and 7) and the
/// non-SI units accepted for use with the SI or common in Chinese legal metrology.
enum UnitCatalog {
    struct Entry {
        var factor: Double
        var dimension: Dimension
        var offset: Double = 0
        /// Whether an SI prefix may be attached (`mbar`, `mL`, but never `kmin`).
        var prefixable: Bool = true
    }

    static let hertz = Dimension(time: -1)
    static let newton = Dimension(length: 1, mass: 1, time: -2)
    static let pascal = Dimension(length: -1, mass: 1, time: -2)
    static let joule = Dimension(length: 2, mass: 1, time: -2)
    static let watt = Dimension(length: 2, mass: 1, time: -3)
    static let coulomb = Dimension(time: 1, current: 1)
    static let volt = Dimension(length: 2, mass: 1, time: -3, current: -1)
    static let farad = Dimension(length: -2, mass: -1, time: 4, current: 2)
    static let ohm = Dimension(length: 2, mass: 1, time: -3, current: -2)
    static let siemens = Dimension(length: -2, mass: -1, time: 3, current: 2)
    static let weber = Dimension(length: 2, mass: 1, time: -2, current: -1)
    static let tesla = Dimension(mass: 1, time: -2, current: -1)
    static let henry = Dimension(length: 2, mass: 1, time: -2, current: -2)
    static let gray = Dimension(length: 2, time: -2)
    static let katal = Dimension(time: -1, amount: 1)
    static let volume = Dimension(length: 3)
    static let lux = Dimension(length: -2, luminousIntensity: 1)

    /// Unit symbols as written in text.
    static let symbols: [String: Entry] = {
        var table: [String: Entry] = [
            "m": Entry(factor: 1, dimension: .length),
            "g": Entry(factor: 1e-3, dimension: .mass),
            "s": Entry(factor: 1, dimension: .time),
            "A": Entry(factor: 1, dimension: .current),
            "K": Entry(factor: 1, dimension: .temperature),
            "mol": Entry(factor: 1, dimension: .amount),
            "cd": Entry(factor: 1, dimension: .luminousIntensity),
            "rad": Entry(factor: 1, dimension: .one),
            "sr": Entry(factor: 1, dimension: .one),
            "Hz": Entry(factor: 1, dimension: hertz),
            "N": Entry(factor: 1, dimension: newton),
            "Pa": Entry(factor: 1, dimension: pascal),
            "J": Entry(factor: 1, dimension: joule),
            "W": Entry(factor: 1, dimension: watt),
            "C": Entry(factor: 1, dimension: coulomb),
            "V": Entry(factor: 1, dimension: volt),
            "F": Entry(factor: 1, dimension: farad),
            "Ω": Entry(factor: 1, dimension: ohm),
            "Ohm": Entry(factor: 1, dimension: ohm),
            "ohm": Entry(factor: 1, dimension: ohm),
            "S": Entry(factor: 1, dimension: siemens),
            "Wb": Entry(factor: 1, dimension: weber),
            "T": Entry(factor: 1, dimension: tesla),
            "H": Entry(factor: 1, dimension: henry),
            "lm": Entry(factor: 1, dimension: .luminousIntensity),
            "lx": Entry(factor: 1, dimension: lux),
            "Bq": Entry(factor: 1, dimension: hertz),
            "Gy": Entry(factor: 1, dimension: gray),
            "Sv": Entry(factor: 1, dimension: gray),
            "kat": Entry(factor: 1, dimension: katal),
            // Non-SI units accepted for use with the SI (SI Brochure table 8) and
            // units of Chinese legal metrology.
            "L": Entry(factor: 1e-3, dimension: volume),
            "l": Entry(factor: 1e-3, dimension: volume),
            "t": Entry(factor: 1e3, dimension: .mass, prefixable: false),
            "min": Entry(factor: 60, dimension: .time, prefixable: false),
            "h": Entry(factor: 3600, dimension: .time, prefixable: false),
            "d": Entry(factor: 86400, dimension: .time, prefixable: false),
            "bar": Entry(factor: 1e5, dimension: pascal),
            "eV": Entry(factor: 1.602_176_634e-19, dimension: joule),
            "mmHg": Entry(factor: 133.322_387_415, dimension: pascal, prefixable: false),
            "°": Entry(factor: Double.pi / 180, dimension: .one, prefixable: false),
            "%": Entry(factor: 1e-2, dimension: .one, prefixable: false),
            "ppm": Entry(factor: 1e-6, dimension: .one, prefixable: false),
            "ppb": Entry(factor: 1e-9, dimension: .one, prefixable: false),
            // Levels in decibel are kept as numbers of decibels.
            "dB": Entry(factor: 1, dimension: .one, prefixable: false),
        ]
        let celsius = Entry(factor: 1, dimension: .temperature, offset: 273.15, prefixable: false)
        for symbol in ["°C", "℃", "degC"] { table[symbol] = celsius }
        return table
    }()

    /// SI prefixes with their text symbols; `u` stands for micro where `µ` is not at hand.
    static let prefixes: [String: Double] = [
        "Q": 1e30, "R": 1e27, "Y": 1e24, "Z": 1e21, "E": 1e18, "P": 1e15, "T": 1e12,
        "G": 1e9, "M": 1e6, "k": 1e3, "h": 1e2, "da": 1e1, "d": 1e-1, "c": 1e-2,
        "m": 1e-3, "µ": 1e-6, "μ": 1e-6, "u": 1e-6, "n": 1e-9, "p": 1e-12, "f": 1e-15,
        "a": 1e-18, "z": 1e-21, "y": 1e-24, "r": 1e-27, "q": 1e-30,
    ]

    /// Looks up a symbol, first whole (`cd`, `min`, `Pa`), then as prefix + symbol
    /// (`mg`, `kPa`, `daN`).
    static func lookUp(_ symbol: String) -> Unit? {
        if let entry = symbols[symbol] {
            return Unit(
                symbol: symbol, factor: entry.factor, dimension: entry.dimension,
                offset: entry.offset)
        }
        for prefixLength in [1, 2] where symbol.count > prefixLength {
            let prefix = String(symbol.prefix(prefixLength))
            let rest = String(symbol.dropFirst(prefixLength))
            if let scale = prefixes[prefix], let entry = symbols[rest], entry.prefixable {
                return Unit(symbol: symbol, factor: scale * entry.factor, dimension: entry.dimension)
            }
        }
        return nil
    }

    /// D-SI unit names (PTB D-SI 2.x, `\metre`, `\degreeCelsius`, …).
    static let dsiUnits: [String: Entry] = {
        var table: [String: Entry] = [:]
        func alias(_ name: String, _ symbol: String) { table[name] = symbols[symbol]! }
        alias("metre", "m"); alias("gram", "g"); alias("second", "s"); alias("ampere", "A")
        alias("kelvin", "K"); alias("mole", "mol"); alias("candela", "cd")
        alias("radian", "rad"); alias("steradian", "sr"); alias("hertz", "Hz")
        alias("newton", "N"); alias("pascal", "Pa"); alias("joule", "J"); alias("watt", "W")
        alias("coulomb", "C"); alias("volt", "V"); alias("farad", "F"); alias("ohm", "Ω")
        alias("siemens", "S"); alias("weber", "Wb"); alias("tesla", "T"); alias("henry", "H")
        alias("lumen", "lm"); alias("lux", "lx"); alias("becquerel", "Bq"); alias("gray", "Gy")
        alias("sievert", "Sv"); alias("katal", "kat"); alias("litre", "L"); alias("liter", "L")
        alias("tonne", "t"); alias("minute", "min"); alias("hour", "h"); alias("day", "d")
        alias("bar", "bar"); alias("electronvolt", "eV"); alias("degree", "°")
        alias("percent", "%"); alias("ppm", "ppm"); alias("degreeCelsius", "°C")
        alias("decibel", "dB"); alias("mmhg", "mmHg")
        table["kilogram"] = Entry(factor: 1, dimension: .mass, prefixable: false)
        table["one"] = Entry(factor: 1, dimension: .one, prefixable: false)
        table["hectare"] = Entry(factor: 1e4, dimension: Dimension(length: 2), prefixable: false)
        table["arcminute"] = Entry(factor: Double.pi / 10800, dimension: .one, prefixable: false)
        table["arcsecond"] = Entry(factor: Double.pi / 648_000, dimension: .one, prefixable: false)
        table["dalton"] = Entry(factor: 1.660_539_066_60e-27, dimension: .mass)
        table["astronomicalunit"] = Entry(
            factor: 149_597_870_700, dimension: .length, prefixable: false)
        table["angstrom"] = Entry(factor: 1e-10, dimension: .length, prefixable: false)
        return table
    }()

    /// D-SI prefix names (`\milli`, `\hecto`, …).
    static let dsiPrefixes: [String: Double] = [
        "quetta": 1e30, "ronna": 1e27, "yotta": 1e24, "zetta": 1e21, "exa": 1e18,
        "peta": 1e15, "tera": 1e12, "giga": 1e9, "mega": 1e6, "kilo": 1e3, "hecto": 1e2,
        "deca": 1e1, "deka": 1e1, "deci": 1e-1, "centi": 1e-2, "milli": 1e-3, "micro": 1e-6,
        "nano": 1e-9, "pico": 1e-12, "femto": 1e-15, "atto": 1e-18, "zepto": 1e-21,
        "yocto": 1e-24, "ronto": 1e-27, "quecto": 1e-30,
    ]
}
