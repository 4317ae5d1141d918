import MetroTrace

/// A JSON value to write, with object keys kept in the order given so that output is
/// stable and diffable.
public enum JSONOutputValue: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONOutputValue])
    case object([Member])

    /// A key and its value.
    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: JSONOutputValue

        public init(_ key: String, _ value: JSONOutputValue) {
            self.key = key
            self.value = value
        }
    }

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONOutputValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }

    /// An object from key–value pairs, in order.
    public static func object(_ pairs: KeyValuePairs<String, JSONOutputValue>) -> JSONOutputValue {
        .object(pairs.map { Member($0.key, $0.value) })
    }

    /// A string, or null.
    public static func optional(_ text: String?) -> JSONOutputValue { text.map(JSONOutputValue.string) ?? .null }

    /// A number, or null for nil and for what JSON cannot hold (NaN, infinities).
    public static func optional(_ number: Double?) -> JSONOutputValue {
        guard let number, number.isFinite else { return .null }
        return .number(number)
    }

    /// The value as JSON text, indented by two spaces per level when `pretty`.
    public func rendered(pretty: Bool = true) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output, indent: pretty ? 0 : nil)
        if pretty { output.append(UInt8(ascii: "\n")) }
        return String(decoding: output, as: UTF8.self)
    }

    // The text is written as UTF-8 bytes: appending to a String character by character
    // cost five times as much (a million-instrument document took 43 s instead of 9).

    func write(to output: inout [UInt8], indent: Int?) {
        switch self {
        case .string(let text): JSONOutputValue.writeString(text, to: &output)
        case .number(let number):
            output.append(contentsOf: (number.isFinite ? NumberFormatting.shortest(number) : "null").utf8)
        case .integer(let number): output.append(contentsOf: String(number).utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case .array(let elements):
            Self.writeArray(count: elements.count, indent: indent, to: &output) { i, output, indent in
                elements[i].write(to: &output, indent: indent)
            }
        case .object(let members):
            Self.writeObject(count: members.count, key: { members[$0].key }, indent: indent, to: &output) {
                i, output, indent in members[i].value.write(to: &output, indent: indent)
            }
        }
    }

    /// Writes `.object(members)` as ``rendered(pretty:)`` would, except that the member
    /// named `streamed` is an array of `count` elements made one at a time by `element`.
    /// The text goes to `emit` in pieces of about a megabyte, so that a document of a
    /// million elements is never whole in memory, as text or as values.
    public static func stream(
        _ members: [Member], streamed: String, count: Int, element: (Int) -> JSONOutputValue, pretty: Bool = true,
        emit: (String) -> Void
    ) {
        var output: [UInt8] = []
        output.reserveCapacity(1 << 20 + 1 << 16)
        writeObject(count: members.count, key: { members[$0].key }, indent: pretty ? 0 : nil, to: &output) {
            i, output, indent in
            guard members[i].key == streamed else {
                members[i].value.write(to: &output, indent: indent)
                return
            }
            writeArray(count: count, indent: indent, to: &output) { e, output, indent in
                element(e).write(to: &output, indent: indent)
                if output.count >= 1 << 20 {
                    emit(String(decoding: output, as: UTF8.self))
                    output.removeAll(keepingCapacity: true)
                }
            }
        }
        if pretty { output.append(UInt8(ascii: "\n")) }
        emit(String(decoding: output, as: UTF8.self))
    }

    /// Writes an array of `count` elements, `element` writing each at the indent given.
    static func writeArray(
        count: Int, indent: Int?, to output: inout [UInt8], element: (Int, inout [UInt8], Int?) -> Void
    ) {
        guard count > 0 else {
            output.append(contentsOf: "[]".utf8)
            return
        }
        output.append(UInt8(ascii: "["))
        for i in 0..<count {
            if i > 0 { output.append(UInt8(ascii: ",")) }
            JSONOutputValue.newline(&output, indent.map { $0 + 1 })
            element(i, &output, indent.map { $0 + 1 })
        }
        JSONOutputValue.newline(&output, indent)
        output.append(UInt8(ascii: "]"))
    }

    /// Writes an object of `count` members, `value` writing each member's value at the
    /// indent given.
    static func writeObject(
        count: Int, key: (Int) -> String, indent: Int?, to output: inout [UInt8],
        value: (Int, inout [UInt8], Int?) -> Void
    ) {
        guard count > 0 else {
            output.append(contentsOf: "{}".utf8)
            return
        }
        output.append(UInt8(ascii: "{"))
        for i in 0..<count {
            if i > 0 { output.append(UInt8(ascii: ",")) }
            JSONOutputValue.newline(&output, indent.map { $0 + 1 })
            JSONOutputValue.writeString(key(i), to: &output)
            output.append(contentsOf: (indent == nil ? ":" : ": ").utf8)
            value(i, &output, indent.map { $0 + 1 })
        }
        JSONOutputValue.newline(&output, indent)
        output.append(UInt8(ascii: "}"))
    }

    static func newline(_ output: inout [UInt8], _ indent: Int?) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// Writes `text` as a JSON string literal (RFC 8259 §7): `"`, `\` and control
    /// characters escaped, everything else as its UTF-8 bytes.
    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var i = 0
            let count = bytes.count
            while i < count {
                let byte = bytes[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                    i += 1
                    continue
                }
                if i > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
                case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
                case UInt8(ascii: "\r"): output.append(contentsOf: "\\r".utf8)
                case UInt8(ascii: "\t"): output.append(contentsOf: "\\t".utf8)
                case 0x08: output.append(contentsOf: "\\b".utf8)
                case 0x0C: output.append(contentsOf: "\\f".utf8)
                default:
                    let hex = String(byte, radix: 16)
                    output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
                i += 1
                runStart = i
            }
            if count > runStart { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count])) }
        }
        output.append(UInt8(ascii: "\""))
    }
}
