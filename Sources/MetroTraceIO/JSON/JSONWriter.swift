import MetroTrace

/// Writes JSON text as UTF-8 bytes as it goes, without building values first: objects
/// and arrays are opened and closed, members and elements written in between. Indented
/// by two spaces per level when `pretty`, compact otherwise; either way the text is the
/// same as ``JSONOutputValue/rendered(pretty:)`` gives for the same values, since that is
/// written with it too.
///
/// The dataset writer (``DatasetJSON``) and the generator both write through it.
public struct JSONWriter {
    /// The text written so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether members and elements go on lines of their own, indented.
    public let pretty: Bool
    /// The open objects and arrays, innermost last, with how many members or elements each
    /// has so far.
    private var open: [(isArray: Bool, count: Int)] = []

    /// A writer of indented (`pretty`) or compact text.
    public init(pretty: Bool, capacity: Int = 256) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// Takes the text written so far, leaving the writer empty (to emit a large document
    /// in pieces).
    public mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }

    // MARK: Structure

    /// Opens an object.
    public mutating func beginObject() {
        beforeValue()
        bytes.append(UInt8(ascii: "{"))
        open.append((false, 0))
    }

    /// Closes the innermost object.
    public mutating func endObject() { close(UInt8(ascii: "}")) }

    /// Opens an array.
    public mutating func beginArray() {
        beforeValue()
        bytes.append(UInt8(ascii: "["))
        open.append((true, 0))
    }

    /// Closes the innermost array.
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts a member of the innermost object: its key, a name written in the code (no
    /// character that needs escaping); its value is written next.
    public mutating func key(_ key: StaticString) {
        nextEntry()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        colon()
    }

    /// Starts a member of the innermost object whose key is made at run time.
    public mutating func key(text key: String) {
        nextEntry()
        writeString(key)
        colon()
    }

    private mutating func colon() {
        if pretty {
            bytes.append(UInt8(ascii: ":"))
            bytes.append(UInt8(ascii: " "))
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
    }

    // MARK: Values

    /// A string.
    public mutating func string(_ text: String) {
        beforeValue()
        writeString(text)
    }

    /// A number in its shortest form that reads back the same; null for NaN and the
    /// infinities, which JSON cannot hold.
    public mutating func number(_ number: Double) {
        beforeValue()
        bytes.append(contentsOf: (number.isFinite ? NumberFormatting.shortest(number) : "null").utf8)
    }

    /// A quantity value as the text it is read from, `59 mg` (what `QuantityValue.description` gives),
    /// written without making that text first.
    public mutating func quantity(_ value: QuantityValue) {
        let symbol = value.unit.symbol
        guard symbol != "1", !symbol.isEmpty,
            !symbol.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
        else {
            string(value.description)
            return
        }
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: NumberFormatting.shortest(value.number).utf8)
        bytes.append(UInt8(ascii: " "))
        bytes.append(contentsOf: symbol.utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A quantity value given to `digits` significant digits with trailing zeros kept
    /// (`1.000 kg`, what `NumberFormatting.significant` gives), in `unit`.
    public mutating func quantity(significant number: Double, digits: Int, unit symbol: String) {
        let text = NumberFormatting.significant(number, digits: digits)
        guard !symbol.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") })
        else {
            string(symbol.isEmpty ? text : text + " " + symbol)
            return
        }
        beforeValue()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: text.utf8)
        if !symbol.isEmpty {
            bytes.append(UInt8(ascii: " "))
            bytes.append(contentsOf: symbol.utf8)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// An integer.
    public mutating func integer(_ number: Int) {
        beforeValue()
        bytes.append(contentsOf: String(number).utf8)
    }

    /// `true` or `false`.
    public mutating func bool(_ flag: Bool) {
        beforeValue()
        bytes.append(contentsOf: (flag ? "true" : "false").utf8)
    }

    /// `null`.
    public mutating func null() {
        beforeValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// A member whose value is a string.
    public mutating func member(_ name: StaticString, _ text: String) {
        key(name)
        string(text)
    }

    /// A member whose value is a number.
    public mutating func member(_ name: StaticString, _ value: Double) {
        key(name)
        number(value)
    }

    // MARK: Layout

    /// Before a value: in an array, the separator and line of a new element.
    private mutating func beforeValue() {
        if let innermost = open.last, innermost.isArray { nextEntry() }
    }

    /// A new member or element of the innermost container: a comma after the first, and
    /// its own line when pretty.
    private mutating func nextEntry() {
        guard !open.isEmpty else { return }
        if open[open.count - 1].count > 0 { bytes.append(UInt8(ascii: ",")) }
        open[open.count - 1].count += 1
        newline(level: open.count)
    }

    private mutating func close(_ bracket: UInt8) {
        let closed = open.removeLast()
        if closed.count > 0 { newline(level: open.count) }
        bytes.append(bracket)
    }

    private mutating func newline(level: Int) {
        guard pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    /// `text` as a JSON string literal (RFC 8259 §7): `"`, `\` and control characters
    /// escaped, everything else copied as UTF-8 in runs.
    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: text.utf8)
        } else {
            var text = text
            text.withUTF8 { Self.appendEscaped($0, to: &bytes) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends the UTF-8 text `utf8` as the inside of a JSON string literal: `"`, `\` and
    /// control characters escaped, the rest copied in runs. Escapes are of single ASCII
    /// bytes, so a long text may be escaped in pieces cut anywhere and give the same bytes
    /// (``JSONWriter/streamStringLiteral(_:chunk:_:)``).
    public static func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var runStart = 0
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                i += 1
                continue
            }
            if i > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                let digits: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(digits[Int(byte >> 4)])
                bytes.append(digits[Int(byte & 0xF)])
            }
            i += 1
            runStart = i
        }
        if utf8.count > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
    }

    /// Hands `text` as a JSON string literal — the bytes ``string(_:)`` writes — to `emit`
    /// in pieces of about `chunk` bytes, so that a very long text (a revision's dataset
    /// document) is hashed or stored without its escaped copy being made whole.
    public static func streamStringLiteral(
        _ text: String, chunk: Int = 1 << 20, _ emit: (UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var buffer: [UInt8] = [UInt8(ascii: "\"")]
        // Room for a piece escaped whole (each byte at most two), not more than the text needs.
        buffer.reserveCapacity(2 * min(chunk, text.utf8.count) + 16)
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            while start < utf8.count {
                let end = min(utf8.count, start + chunk)
                appendEscaped(UnsafeBufferPointer(rebasing: utf8[start..<end]), to: &buffer)
                buffer.withUnsafeBufferPointer(emit)
                buffer.removeAll(keepingCapacity: true)
                start = end
            }
        }
        buffer.append(UInt8(ascii: "\""))
        buffer.withUnsafeBufferPointer(emit)
    }
}
