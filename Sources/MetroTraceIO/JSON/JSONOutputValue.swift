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
        var output = ""
        write(to: &output, indent: pretty ? 0 : nil)
        if pretty { output += "\n" }
        return output
    }

    func write(to output: inout String, indent: Int?) {
        switch self {
        case .string(let text): JSONOutputValue.writeString(text, to: &output)
        case .number(let number):
            output += number.isFinite ? NumberFormatting.shortest(number) : "null"
        case .integer(let number): output += String(number)
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
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
        var output = ""
        writeObject(count: members.count, key: { members[$0].key }, indent: pretty ? 0 : nil, to: &output) {
            i, output, indent in
            guard members[i].key == streamed else {
                members[i].value.write(to: &output, indent: indent)
                return
            }
            writeArray(count: count, indent: indent, to: &output) { e, output, indent in
                element(e).write(to: &output, indent: indent)
                if output.utf8.count >= 1 << 20 {
                    emit(output)
                    output = ""
                }
            }
        }
        if pretty { output += "\n" }
        emit(output)
    }

    /// Writes an array of `count` elements, `element` writing each at the indent given.
    static func writeArray(
        count: Int, indent: Int?, to output: inout String, element: (Int, inout String, Int?) -> Void
    ) {
        guard count > 0 else { output += "[]"; return }
        output += "["
        for i in 0..<count {
            if i > 0 { output += "," }
            JSONOutputValue.newline(&output, indent.map { $0 + 1 })
            element(i, &output, indent.map { $0 + 1 })
        }
        JSONOutputValue.newline(&output, indent)
        output += "]"
    }

    /// Writes an object of `count` members, `value` writing each member's value at the
    /// indent given.
    static func writeObject(
        count: Int, key: (Int) -> String, indent: Int?, to output: inout String,
        value: (Int, inout String, Int?) -> Void
    ) {
        guard count > 0 else { output += "{}"; return }
        output += "{"
        for i in 0..<count {
            if i > 0 { output += "," }
            JSONOutputValue.newline(&output, indent.map { $0 + 1 })
            JSONOutputValue.writeString(key(i), to: &output)
            output += indent == nil ? ":" : ": "
            value(i, &output, indent.map { $0 + 1 })
        }
        JSONOutputValue.newline(&output, indent)
        output += "}"
    }

    static func newline(_ output: inout String, _ indent: Int?) {
        guard let indent else { return }
        output += "\n" + String(repeating: "  ", count: indent)
    }

    /// Writes `text` as a JSON string literal (RFC 8259 §7).
    static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
