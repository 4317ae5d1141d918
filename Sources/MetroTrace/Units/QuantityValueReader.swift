#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads many values with units quickly, as a dataset of millions of records needs: the
/// common form (an ASCII number, then a unit) is scanned byte by byte and each distinct
/// unit is parsed once; anything else falls back to ``QuantityValue/parse(_:scale:)``,
/// so the results are the same.
public struct QuantityValueReader: Sendable {
    private var units: [String: Unit] = [:]
    /// The units met last, most frequent first.
    private var recent: [Unit] = []

    /// Creates a reader with an empty unit cache.
    public init() {}

    /// The value of `text` read on `scale`.
    /// - Throws: ``UnitError`` naming what could not be read.
    public mutating func parse(_ text: String, scale: ValueScale) throws(UnitError) -> QuantityValue {
        var fast: QuantityValue?
        var utf8 = text
        utf8.withUTF8 { bytes in fast = self.fastParse(bytes, scale: scale) }
        if let fast { return fast }
        return try QuantityValue.parse(text, scale: scale)
    }

    /// The value of UTF-8 `bytes` in the common form, or nil when they need the full
    /// parser (which also gives the error message).
    public mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, scale: ValueScale) -> QuantityValue? {
        fastParse(bytes, scale: scale)
    }

    /// The unit written as `symbol`, parsed once per distinct symbol.
    /// - Throws: ``UnitError`` when `symbol` is not a unit.
    public mutating func unit(_ symbol: String) throws(UnitError) -> Unit {
        if let cached = units[symbol] { return cached }
        let parsed = try Unit.parse(symbol)
        if units.count < 10_000 { units[symbol] = parsed }
        return parsed
    }

    private mutating func fastParse(_ bytes: UnsafeBufferPointer<UInt8>, scale: ValueScale) -> QuantityValue? {
        var i = 0
        let n = bytes.count
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        while i < n, bytes[i] == 0x20 { i += 1 }
        let start = i
        if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
        var digits = 0
        while i < n, isDigit(bytes[i]) { i += 1; digits += 1 }
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, isDigit(bytes[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            var j = i + 1
            if j < n, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") { j += 1 }
            var exponentDigits = 0
            while j < n, isDigit(bytes[j]) { j += 1; exponentDigits += 1 }
            if exponentDigits > 0 { i = j }
        }
        guard i - start < 64 else { return nil }
        let number = withUnsafeTemporaryAllocation(of: CChar.self, capacity: i - start + 1) { buffer -> Double in
            for k in 0..<(i - start) { buffer[k] = CChar(bitPattern: bytes[start + k]) }
            buffer[i - start] = 0
            return strtod(buffer.baseAddress!, nil)
        }
        guard number.isFinite else { return nil }
        // The unit: what follows, without surrounding spaces; `×` forms go the slow way.
        var unitStart = i
        while unitStart < n, bytes[unitStart] == 0x20 { unitStart += 1 }
        var unitEnd = n
        while unitEnd > unitStart, bytes[unitEnd - 1] == 0x20 { unitEnd -= 1 }
        if unitStart < unitEnd, bytes[unitStart] == UInt8(ascii: "x") || bytes[unitStart] == 0xC3 { return nil }
        let symbolBytes = UnsafeBufferPointer(rebasing: bytes[unitStart..<unitEnd])
        // Datasets use a handful of units: the recent ones are compared byte by byte
        // before any String is made.
        if let position = recent.firstIndex(where: { $0.symbol.utf8.elementsEqual(symbolBytes) }) {
            let unit = recent[position]
            // Swapped after the search, so that the array is not copied (it would be
            // while an iteration over it holds a reference).
            if position > 0 { recent.swapAt(position, position - 1) }
            return Self.finite(QuantityValue(number, unit, scale: scale))
        }
        guard let unit = try? self.unit(String(decoding: symbolBytes, as: UTF8.self)) else { return nil }
        if recent.count < 16 { recent.append(unit) } else { recent[recent.count - 1] = unit }
        return Self.finite(QuantityValue(number, unit, scale: scale))
    }

    /// The value, or nil (so that the full parser explains) when its SI value overflows.
    @inline(__always)
    private static func finite(_ value: QuantityValue) -> QuantityValue? {
        value.si.isFinite ? value : nil
    }
}
