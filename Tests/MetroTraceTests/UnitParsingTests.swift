import Testing

@testable import MetroTrace

@Suite("Units and quantity values")
struct UnitParsingTests {
    static let pascal = Dimension(length: -1, mass: 1, time: -2)
    static let newtonMetre = Dimension(length: 2, mass: 1, time: -2)
    static let ohm = Dimension(length: 2, mass: 1, time: -3, current: -2)

    struct Case: CustomTestStringConvertible, Sendable {
        var text: String
        var scale: ValueScale
        var si: Double
        var dimension: Dimension
        var testDescription: String { text }
    }

    static let cases: [Case] = [
        Case(text: "10.000025 kg", scale: .absolute, si: 10.000025, dimension: .mass),
        Case(text: "59 mg", scale: .interval, si: 59e-6, dimension: .mass),
        Case(text: "0.075 µm", scale: .interval, si: 0.075e-6, dimension: .length),
        Case(text: "0.075 μm", scale: .interval, si: 0.075e-6, dimension: .length),
        Case(text: "0.075 um", scale: .interval, si: 0.075e-6, dimension: .length),
        Case(text: "20 N·m", scale: .absolute, si: 20, dimension: newtonMetre),
        Case(text: "20 N m", scale: .absolute, si: 20, dimension: newtonMetre),
        Case(text: "20 N*m", scale: .absolute, si: 20, dimension: newtonMetre),
        Case(text: "20 N.m", scale: .absolute, si: 20, dimension: newtonMetre),
        Case(text: "101.325 kPa", scale: .absolute, si: 101_325, dimension: pascal),
        Case(text: "1013.25 hPa", scale: .absolute, si: 101_325, dimension: pascal),
        Case(text: "2.5 MPa", scale: .absolute, si: 2.5e6, dimension: pascal),
        Case(text: "1.2 bar", scale: .absolute, si: 1.2e5, dimension: pascal),
        Case(text: "3 mbar", scale: .absolute, si: 300, dimension: pascal),
        Case(text: "23.5 °C", scale: .absolute, si: 296.65, dimension: .temperature),
        Case(text: "23.5 degC", scale: .absolute, si: 296.65, dimension: .temperature),
        Case(text: "23.5 ℃", scale: .absolute, si: 296.65, dimension: .temperature),
        Case(text: "0.5 °C", scale: .interval, si: 0.5, dimension: .temperature),
        Case(text: "0.05 m·°C", scale: .absolute, si: 0.05, dimension: Dimension(length: 1, temperature: 1)),
        Case(text: "300 mK", scale: .absolute, si: 0.3, dimension: .temperature),
        Case(text: "0.02 %", scale: .interval, si: 2e-4, dimension: .one),
        Case(text: "2e-6", scale: .interval, si: 2e-6, dimension: .one),
        Case(text: "3 ppm", scale: .interval, si: 3e-6, dimension: .one),
        Case(text: "5 mΩ", scale: .interval, si: 5e-3, dimension: ohm),
        Case(text: "5 mOhm", scale: .interval, si: 5e-3, dimension: ohm),
        Case(text: "10 kΩ", scale: .absolute, si: 1e4, dimension: ohm),
        Case(text: "10 L/min", scale: .absolute, si: 10e-3 / 60, dimension: Dimension(length: 3, time: -1)),
        Case(text: "250 mL", scale: .absolute, si: 250e-6, dimension: Dimension(length: 3)),
        Case(text: "-575 nm/K", scale: .interval, si: -575e-9, dimension: Dimension(length: 1, temperature: -1)),
        Case(text: "0.58×10⁻⁶ /K", scale: .interval, si: 0.58e-6, dimension: Dimension(temperature: -1)),
        Case(text: "1.2 x 10^-3 1/K", scale: .interval, si: 1.2e-3, dimension: Dimension(temperature: -1)),
        Case(text: "1000 kg/m³", scale: .absolute, si: 1000, dimension: Dimension(length: -3, mass: 1)),
        Case(text: "9.8 m/s^2", scale: .absolute, si: 9.8, dimension: Dimension(length: 1, time: -2)),
        Case(text: "9.8 m s-2", scale: .absolute, si: 9.8, dimension: Dimension(length: 1, time: -2)),
        Case(text: "9.8 m·s⁻²", scale: .absolute, si: 9.8, dimension: Dimension(length: 1, time: -2)),
        Case(text: "2 cm³", scale: .absolute, si: 2e-6, dimension: Dimension(length: 3)),
        Case(
            text: "0.6 W/(m·K)", scale: .absolute, si: 0.6,
            dimension: Dimension(length: 1, mass: 1, time: -3, temperature: -1)),
        Case(text: "50 Hz", scale: .absolute, si: 50, dimension: Dimension(time: -1)),
        Case(text: "2 h", scale: .interval, si: 7200, dimension: .time),
        Case(text: "30 min", scale: .interval, si: 1800, dimension: .time),
        Case(text: "1 d", scale: .interval, si: 86400, dimension: .time),
        Case(text: "1 t", scale: .absolute, si: 1000, dimension: .mass),
        Case(text: "5 daN", scale: .absolute, si: 50, dimension: Dimension(length: 1, mass: 1, time: -2)),
        Case(text: "1 mmol/mol", scale: .absolute, si: 1e-3, dimension: .one),
        Case(text: "120 mmHg", scale: .absolute, si: 120 * 133.322387415, dimension: pascal),
        Case(
            text: "2 eV", scale: .absolute, si: 2 * 1.602176634e-19, dimension: Dimension(length: 2, mass: 1, time: -2)),
        Case(text: "1.5E+3 g", scale: .absolute, si: 1.5, dimension: .mass),
        Case(text: "+3 cd", scale: .absolute, si: 3, dimension: .luminousIntensity),
        Case(
            text: "−4 mV", scale: .absolute, si: -4e-3, dimension: Dimension(length: 2, mass: 1, time: -3, current: -1)),
        // D-SI unit strings as digital calibration certificates write them.
        Case(text: "1 \\kilogram", scale: .absolute, si: 1, dimension: .mass),
        Case(text: "12 \\milli\\gram", scale: .interval, si: 12e-6, dimension: .mass),
        Case(text: "20 \\degreeCelsius", scale: .absolute, si: 293.15, dimension: .temperature),
        Case(text: "0.1 \\degreeCelsius", scale: .interval, si: 0.1, dimension: .temperature),
        Case(text: "1013 \\hecto\\pascal", scale: .absolute, si: 101_300, dimension: pascal),
        Case(text: "5 \\kilogram\\metre\\tothe{-1}\\second\\tothe{-2}", scale: .absolute, si: 5, dimension: pascal),
        Case(text: "0.3 \\one", scale: .absolute, si: 0.3, dimension: .one),
        Case(text: "0.3 \\percent", scale: .absolute, si: 0.003, dimension: .one),
        Case(text: "2 \\centi\\metre\\tothe{3}", scale: .absolute, si: 2e-6, dimension: Dimension(length: 3)),
        Case(
            text: "1 \\kilogram\\tothe{1}\\metre\\tothe{-3}\\kilogram\\tothe{-1}\\metre\\tothe{3}", scale: .absolute,
            si: 1, dimension: .one),
        Case(text: "4 \\metre\\per\\second", scale: .absolute, si: 4, dimension: Dimension(length: 1, time: -1)),
        Case(text: "7 \\micro\\metre", scale: .absolute, si: 7e-6, dimension: .length),
    ]

    @Test("parses values with units to coherent SI", arguments: cases)
    func parses(_ c: Case) throws {
        let value = try QuantityValue.parse(c.text, scale: c.scale)
        #expect(value.dimension == c.dimension)
        #expect(abs(value.si - c.si) <= 1e-12 * max(1, abs(c.si)), "\(value.si) ≠ \(c.si)")
    }

    @Test(
        "refuses what it cannot read, naming it",
        arguments: [
            ("10 furlong", "furlong"), ("10 Nm", "N·m"), ("kg", "number"), ("", "number"),
            ("10 kg/m/s", "ambiguous"), ("3 m^", "exponent"), ("2 W/(m·K", "parentheses"),
            ("1 \\kilogramm", "kilogramm"), ("1 \\milli", "no unit"), ("1 \\metre\\tothe{0.5}", "fractional"),
            ("1 kmin", "kmin"), ("5 #", "#"), ("1e999 m", "finite"),
        ])
    func refuses(_ text: String, _ mention: String) {
        #expect {
            _ = try QuantityValue.parse(text, scale: .absolute)
        } throws: { error in
            "\(error)".contains(mention)
        }
    }

    @Test("°C is affine alone and a kelvin-sized interval in compounds and differences")
    func celsius() throws {
        #expect(try QuantityValue.parse("0 °C", scale: .absolute).si == 273.15)
        #expect(try QuantityValue.parse("0 °C", scale: .interval).si == 0)
        #expect(try Unit.parse("°C/min").offset == 0)
        #expect(try Unit.parse("°C^2").offset == 0)
        #expect(try Unit.parse("\\degreeCelsius").offset == 273.15)
    }

    @Test(
        "every SI prefix applies to a prefixable unit",
        arguments: [
            ("Q", 1e30), ("R", 1e27), ("Y", 1e24), ("Z", 1e21), ("E", 1e18), ("P", 1e15),
            ("T", 1e12), ("G", 1e9), ("M", 1e6), ("k", 1e3), ("h", 1e2), ("da", 1e1), ("d", 1e-1),
            ("c", 1e-2), ("m", 1e-3), ("µ", 1e-6), ("n", 1e-9), ("p", 1e-12), ("f", 1e-15),
            ("a", 1e-18), ("z", 1e-21), ("y", 1e-24), ("r", 1e-27), ("q", 1e-30),
        ])
    func prefixes(_ prefix: String, _ scale: Double) throws {
        let unit = try Unit.parse(prefix + "V")
        #expect(abs(unit.factor / scale - 1) < 1e-12)
    }

    @Test("quantity kinds carry their dimension")
    func kinds() {
        #expect(QuantityKind.catalog["torque"]?.dimension == Self.newtonMetre)
        #expect(QuantityKind.catalog["pressure"]?.dimension == Self.pascal)
        #expect(QuantityKind.catalog["amount fraction"]?.dimension == .one)
        #expect(QuantityKind.catalog["volume flow"]?.dimension == Dimension(length: 3, time: -1))
    }

    @Test("a value prints as written")
    func printing() throws {
        #expect(try QuantityValue.parse("59 mg", scale: .interval).description == "59 mg")
        #expect(try QuantityValue.parse("2e-6", scale: .interval).description == "2e-06")
        #expect(Dimension(length: -1, mass: 1, time: -2).description == "m⁻¹·kg·s⁻²")
    }
}
