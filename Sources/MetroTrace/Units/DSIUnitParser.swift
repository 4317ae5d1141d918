/// Reads PTB D-SI unit strings as digital calibration certificates write them:
/// `\kilogram`, `\milli\gram`, `\degreeCelsius`, `\hecto\pascal`,
/// `\kilogram\metre\tothe{-1}\second\tothe{-2}`, `\centi\metre\tothe{3}`, `\one`,
/// `\percent`. A prefix binds to the unit after it; `\tothe{n}` raises the
/// prefixed unit before it. `\per` (siunitx style) inverts the unit after it.
enum DSIUnitParser {
    static func parse(_ text: Substring) throws(UnitError) -> Unit {
        var factor = 1.0
        var dimension = Dimension.one
        var offset = 0.0
        var factorCount = 0
        var pendingPrefix: (name: String, scale: Double)?
        var pendingPer = false
        var last: (factor: Double, dimension: Dimension, sign: Int8)?
        var rest = text[...]

        func commitLast() {
            if let unit = last {
                factor *= unit.sign > 0 ? unit.factor : 1 / unit.factor
                dimension = unit.sign > 0 ? dimension * unit.dimension : dimension / unit.dimension
                last = nil
            }
        }

        while !rest.isEmpty {
            guard rest.first == "\\" else {
                throw UnitError(.literal("D-SI unit \"\(text)\": expected \"\\\" at \"\(rest)\""))
            }
            rest = rest.dropFirst()
            let name = rest.prefix(while: { $0.isLetter })
            rest = rest.dropFirst(name.count)
            if name.isEmpty {
                throw UnitError(.literal("D-SI unit \"\(text)\": empty name after \"\\\""))
            }
            if name == "tothe" {
                guard rest.first == "{", let close = rest.firstIndex(of: "}") else {
                    throw UnitError(.literal("D-SI unit \"\(text)\": \\tothe needs an exponent in braces"))
                }
                let argument = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
                guard let unit = last else {
                    throw UnitError(.literal("D-SI unit \"\(text)\": \\tothe{\(argument)} follows no unit"))
                }
                guard
                    let exponent = Int8(argument.trimmingWhitespace())
                        ?? Double(argument).flatMap({
                            $0.rounded() == $0 ? Int8(exactly: $0) : nil
                        })
                else {
                    throw UnitError(
                        .literal(
                            "D-SI unit \"\(text)\": exponent \"\(argument)\" is not a whole number; fractional exponents are not supported"
                        )
                    )
                }
                var powered = 1.0
                for _ in 0..<abs(Int(exponent)) { powered *= unit.factor }
                last = (exponent < 0 ? 1 / powered : powered, unit.dimension.power(exponent), unit.sign)
                offset = 0
                continue
            }
            if name == "per" {
                commitLast()
                pendingPer = true
                continue
            }
            if let scale = UnitCatalog.dsiPrefixes[String(name)] {
                if let prefix = pendingPrefix {
                    throw UnitError(.literal("D-SI unit \"\(text)\": prefix \\\(name) follows prefix \\\(prefix.name)"))
                }
                pendingPrefix = (String(name), scale)
                continue
            }
            guard let entry = UnitCatalog.dsiUnits[String(name)] else {
                throw UnitError(.literal("D-SI unit \"\(text)\": unknown unit \\\(name)"))
            }
            commitLast()
            var unitFactor = entry.factor
            if let prefix = pendingPrefix {
                guard entry.prefixable else {
                    throw UnitError(.literal("D-SI unit \"\(text)\": \\\(name) takes no prefix"))
                }
                unitFactor *= prefix.scale
                pendingPrefix = nil
            }
            last = (unitFactor, entry.dimension, pendingPer ? -1 : 1)
            pendingPer = false
            factorCount += 1
            offset = factorCount == 1 ? entry.offset : 0
        }
        if let prefix = pendingPrefix {
            throw UnitError(.literal("D-SI unit \"\(text)\": prefix \\\(prefix.name) has no unit after it"))
        }
        if pendingPer {
            throw UnitError(.literal("D-SI unit \"\(text)\": \\per has no unit after it"))
        }
        if last?.sign == -1 { offset = 0 }
        commitLast()
        if factorCount == 0 {
            throw UnitError(.literal("D-SI unit \"\(text)\" names no unit"))
        }
        return Unit(symbol: String(text), factor: factor, dimension: dimension, offset: offset)
    }
}
