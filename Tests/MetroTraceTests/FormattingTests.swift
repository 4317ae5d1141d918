import Testing

@testable import MetroTrace

@Suite("Number and value formatting")
struct FormattingTests {
    @Test(
        "fixed decimals round half away from zero and keep their zeros",
        arguments: [
            (0.0, 0, "0"), (0.0, 2, "0.00"), (0.05, 2, "0.05"), (-0.05, 2, "-0.05"), (1.005, 1, "1.0"),
            (2.5, 0, "3"), (-2.5, 0, "-3"), (-0.004, 2, "0.00"), (123.456, 2, "123.46"), (1e-7, 9, "0.000000100"),
            (99.96, 1, "100.0"), (12345678.9, 0, "12345679"),
        ])
    func fixed(_ value: Double, _ decimals: Int, _ expected: String) {
        #expect(NumberFormatting.fixed(value, decimals: decimals) == expected)
    }

    @Test("too many digits for a fixed point fall back to the shortest form")
    func fixedOverflow() {
        #expect(NumberFormatting.fixed(1e20, decimals: 2) == "1e+20")
    }

    @Test(
        "significant digits in plain or scientific notation",
        arguments: [
            (0.032, 3, "0.0320"), (1e-8, 3, "1.00e-8"), (9.996e-6, 3, "1.00e-5"), (1234.5, 2, "1200"), (2.0, 1, "2"),
            (1.959963984540054, 4, "1.960"), (0.0, 2, "0"),
        ])
    func significant(_ value: Double, _ digits: Int, _ expected: String) {
        #expect(NumberFormatting.significant(value, digits: digits) == expected)
    }

    @Test("values in the item's unit with a prefix that reads well")
    func values() throws {
        let kilogram = try Unit.parse("kg")
        #expect(ValueFormatting.format(5.9e-5, unit: kilogram, scale: .interval, digits: 2) == "59 mg")
        #expect(ValueFormatting.format(1, unit: kilogram, scale: .absolute) == "1 kg")
        let celsius = try Unit.parse("°C")
        #expect(ValueFormatting.format(273.16, unit: celsius, scale: .absolute) == "0.01 °C")
    }

    @Test(
        "prefixable units and their bases",
        arguments: [
            ("kg", "g"), ("mg", "g"), ("g", "g"), ("kPa", "Pa"), ("Pa", "Pa"), ("µm", "m"), ("um", "m"), ("daN", "N"),
            ("mV", "V"), ("MΩ", "Ω"), ("mL", "L"),
        ])
    func bases(_ symbol: String, _ base: String) {
        #expect(ValueFormatting.prefixableBase(of: symbol)?.symbol == base)
    }

    @Test("units without a prefixable base", arguments: ["°C", "min", "N·m", "m³/h", "%", "1", "kmin"])
    func noBase(_ symbol: String) {
        #expect(ValueFormatting.prefixableBase(of: symbol) == nil)
    }

    @Test("intervals take the prefix that reads well")
    func prefixes() throws {
        #expect(ValueFormatting.format(200, unit: try Unit.parse("kPa"), scale: .interval, digits: 2) == "200 Pa")
        #expect(ValueFormatting.format(0.0036, unit: try Unit.parse("V"), scale: .interval, digits: 2) == "3.6 mV")
        #expect(ValueFormatting.format(0.0072, unit: try Unit.parse("°C"), scale: .interval, digits: 2) == "0.0072 °C")
    }
}
