/// Printing numbers the way a metrologist reads them.
public enum NumberFormatting {
    /// The shortest text that reads back as the same `Double` (`59`, `0.075`, `2e-06`),
    /// without a trailing `.0` on whole numbers.
    public static func shortest(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// `value` rounded to `digits` significant digits, in plain or scientific notation,
    /// trailing zeros kept so the precision shows (`0.0320`, `1.00e-08`).
    public static func significant(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return shortest(value) }
        if value == 0 { return "0" }
        let magnitude = Int((abs(value)).log10Floor())
        if magnitude < -4 || magnitude >= 15 {
            return scientific(value, digits: digits)
        }
        let decimals = digits - 1 - magnitude
        if decimals < 0 {
            // More integer digits than significant ones: round them away (1234.5 → 1200).
            let step = pow10(-decimals)
            return fixed((value / step).rounded(.toNearestOrAwayFromZero) * step, decimals: 0)
        }
        return fixed(value, decimals: decimals)
    }

    /// `value` with exactly `decimals` digits after the point, rounded half away from zero.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        let scaled = (abs(value) * pow10(decimals)).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15 else { return shortest(value) }
        let negative = value < 0 && scaled != 0
        var magnitude = UInt64(scaled)
        // Digits from the right, the point after `decimals` of them, at least one digit
        // before the point. The exact length keeps short results in a small string (no
        // allocation).
        var digitCount = 1
        var rest = magnitude / 10
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        let length = max(digitCount, decimals + 1) + (decimals > 0 ? 1 : 0) + (negative ? 1 : 0)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var position = buffer.count
            var written = 0
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                written += 1
                if written == decimals {
                    position -= 1
                    buffer[position] = UInt8(ascii: ".")
                }
            } while magnitude > 0 || written <= decimals
            if negative {
                position -= 1
                buffer[position] = UInt8(ascii: "-")
            }
            let count = buffer.count - position
            for offset in 0..<count { buffer[offset] = buffer[position + offset] }
            return count
        }
    }

    static func scientific(_ value: Double, digits: Int) -> String {
        var exponent = Int(abs(value).log10Floor())
        var mantissa = value / pow10(exponent)
        let rounded = fixed(mantissa, decimals: max(0, digits - 1))
        if let m = Double(rounded), abs(m) >= 10 {
            exponent += 1
            mantissa = value / pow10(exponent)
            return fixed(mantissa, decimals: max(0, digits - 1)) + "e" + String(exponent)
        }
        return rounded + "e" + String(exponent)
    }

    static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(n) { result *= 10 }
        return n < 0 ? 1 / result : result
    }
}

extension Double {
    /// ⌊log₁₀ |x|⌋ computed without floating-point surprises at exact powers of ten.
    func log10Floor() -> Double {
        var exponent = 0
        var x = abs(self)
        guard x > 0, x.isFinite else { return 0 }
        while x >= 10 { x /= 10; exponent += 1 }
        while x < 1 { x *= 10; exponent -= 1 }
        return Double(exponent)
    }
}
