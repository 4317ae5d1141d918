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
        var writer = JSONWriter(pretty: pretty)
        write(to: &writer)
        var bytes = writer.take()
        if pretty { bytes.append(UInt8(ascii: "\n")) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes the value with `writer` (``JSONWriter`` lays it out).
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .string(let text): writer.string(text)
        case .number(let number): writer.number(number)
        case .integer(let number): writer.integer(number)
        case .bool(let flag): writer.bool(flag)
        case .null: writer.null()
        case .array(let elements):
            writer.beginArray()
            for element in elements { element.write(to: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for member in members {
                writer.key(text: member.key)
                member.value.write(to: &writer)
            }
            writer.endObject()
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
        var writer = JSONWriter(pretty: pretty, capacity: 1 << 20 + 1 << 16)
        writer.beginObject()
        for member in members {
            writer.key(text: member.key)
            guard member.key == streamed else {
                member.value.write(to: &writer)
                continue
            }
            writer.beginArray()
            for e in 0..<count {
                element(e).write(to: &writer)
                if writer.bytes.count >= 1 << 20 { emit(String(decoding: writer.take(), as: UTF8.self)) }
            }
            writer.endArray()
        }
        writer.endObject()
        var rest = writer.take()
        if pretty { rest.append(UInt8(ascii: "\n")) }
        emit(String(decoding: rest, as: UTF8.self))
    }
}
