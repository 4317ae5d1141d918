import MetroTrace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A streaming (pull) reader of JSON text (RFC 8259) that never builds a document tree:
/// callers walk objects and arrays and take the values they expect, so a dataset of
/// millions of records is read in one pass without an allocation per value.
///
/// It keeps the line and column of where it is, so every problem can name its place.
struct JSONReader {
    /// The kinds of JSON value.
    enum Kind: String {
        case object, array, string, number, bool, null

        /// An article and name for messages: "an object", "a number".
        var phrase: LocalizedText {
            switch self {
            case .object: .key("diagnostic.json.kind.object")
            case .array: .key("diagnostic.json.kind.array")
            case .string: .key("diagnostic.json.kind.string")
            case .number: .key("diagnostic.json.kind.number")
            case .bool: .key("diagnostic.json.kind.bool")
            case .null: "null"
            }
        }
    }

    /// A syntax error: the text is not JSON.
    struct SyntaxError: Error {
        var message: String
        var line: Int
        var column: Int
    }

    static let maximumDepth = 256

    /// The document, in memory that stays put while it is read (keys point into it).
    let storage: MappedBytes
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int
    /// The 1-based line of `position`.
    private(set) var line = 1
    private var lineStart = 0
    private var depth = 0

    init(bytes: some Collection<UInt8>) {
        self.init(storage: MappedBytes(copying: bytes))
    }

    init(storage: MappedBytes) {
        self.storage = storage
        self.bytes = storage.bytes
        // A UTF-8 byte order mark, as some editors write, is not part of the text.
        position = self.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        lineStart = position
    }

    private var released = 0

    /// Lets the system drop the pages of a mapped document already read (kept: the last
    /// megabyte), so that reading a large file does not hold it all in memory.
    mutating func releaseConsumed() {
        let keep = 1 << 20
        guard position - released > 64 << 20, storage.isMapped else { return }
        let end = position - keep
        storage.release(released..<end)
        released = end
    }

    /// The 1-based column of `position`, in bytes.
    var column: Int { position - lineStart + 1 }

    func error(_ message: String) -> SyntaxError {
        SyntaxError(message: message, line: line, column: column)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0D:
                position += 1
            case 0x0A:
                position += 1
                line += 1
                lineStart = position
            default:
                return
            }
        }
    }

    /// The kind of the next value, without consuming it.
    mutating func peekKind() throws(SyntaxError) -> Kind {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of file, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw error("unexpected character \(describe(bytes[position])), expected a value")
        }
    }

    func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    private mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(SyntaxError) {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of file, expected \(what())") }
        guard bytes[position] == byte else {
            throw error("unexpected \(describe(bytes[position])), expected \(what())")
        }
        position += 1
    }

    // MARK: Objects and arrays

    /// Enters an object; call ``nextKey(first:)`` until it returns nil.
    mutating func beginObject() throws(SyntaxError) {
        try expect(UInt8(ascii: "{"), "'{'")
        depth += 1
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    /// The next key of the current object (consuming its colon), or nil at the end.
    mutating func nextKey(first: Bool) throws(SyntaxError) -> JSONKey? {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of file inside an object") }
        if bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return nil
        }
        if !first { try expect(UInt8(ascii: ","), "',' or '}'") }
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                throw error("trailing comma before '}'")
            }
            throw error(
                position < bytes.count
                    ? "unexpected \(describe(bytes[position])), expected a key in double quotes"
                    : "unexpected end of file inside an object")
        }
        let key: JSONKey
        if let raw = try readRawString() {
            key = JSONKey(raw)
        } else {
            key = JSONKey(string: try readString())
        }
        try expect(UInt8(ascii: ":"), "':' after key \"\(key)\"")
        return key
    }

    /// Enters an array; call ``nextElement(first:)`` until it returns false.
    mutating func beginArray() throws(SyntaxError) {
        try expect(UInt8(ascii: "["), "'['")
        depth += 1
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    /// Whether another element follows in the current array (consuming its comma).
    mutating func nextElement(first: Bool) throws(SyntaxError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end of file inside an array") }
        if bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return false
        }
        if !first {
            try expect(UInt8(ascii: ","), "',' or ']'")
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                throw error("trailing comma before ']'")
            }
        }
        return true
    }

    // MARK: Scalars

    /// Reads a string value.
    mutating func readString() throws(SyntaxError) -> String {
        try expect(UInt8(ascii: "\""), "a string")
        let start = position
        // Fast path: no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = try decodeUTF8(start..<position)
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character \(describe(byte)) inside a string; write it escaped") }
            position += 1
        }
        var scalars: [UInt8] = Array(bytes[start..<min(position, bytes.count)])
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return try decodeUTF8Bytes(scalars)
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append(0x22)
                case UInt8(ascii: "\\"): scalars.append(0x5C)
                case UInt8(ascii: "/"): scalars.append(0x2F)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try readHex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                            bytes[position + 1] == UInt8(ascii: "u")
                        else { throw error("unpaired UTF-16 surrogate in \\u escape") }
                        position += 2
                        let low = try readHex4()
                        guard (0xDC00..<0xE000).contains(low) else {
                            throw error("unpaired UTF-16 surrogate in \\u escape")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(code) {
                        throw error("unpaired UTF-16 surrogate in \\u escape")
                    }
                    scalars.append(contentsOf: Array(String(Character(Unicode.Scalar(code)!)).utf8))
                default:
                    position -= 1
                    throw error("invalid escape \\\(Character(Unicode.Scalar(escape)))")
                }
            default:
                if byte < 0x20 { throw error("control character \(describe(byte)) inside a string; write it escaped") }
                scalars.append(byte)
                position += 1
            }
        }
        throw error("unexpected end of file inside a string")
    }

    private mutating func readHex4() throws(SyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("unexpected end of file in \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid hexadecimal digit \(describe(byte)) in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private func decodeUTF8(_ range: Range<Int>) throws(SyntaxError) -> String {
        var isASCII = true
        for i in range where bytes[i] >= 0x80 {
            isASCII = false
            break
        }
        if isASCII { return String(decoding: bytes[range], as: UTF8.self) }
        return try decodeUTF8Bytes(bytes[range])
    }

    private func decodeUTF8Bytes(_ slice: some Collection<UInt8>) throws(SyntaxError) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw error("invalid UTF-8 in a string; save the file as UTF-8")
        }
        return text
    }

    /// Reads a string without escapes as the bytes it occupies in the document (valid
    /// while the document is), or returns nil and consumes nothing when it has escapes.
    mutating func readRawString() throws(SyntaxError) -> UnsafeBufferPointer<UInt8>? {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            try expect(UInt8(ascii: "\""), "a string")
            return nil
        }
        var end = position + 1
        var ascii = true
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            if byte >= 0x80 { ascii = false }
            end += 1
        }
        guard end < bytes.count else { return nil }
        let raw = UnsafeBufferPointer(rebasing: bytes[(position + 1)..<end])
        if !ascii, String(validating: raw, as: UTF8.self) == nil { return nil }
        position = end + 1
        return raw
    }

    /// The string value that comes next, without consuming it.
    func peekString() throws(SyntaxError) -> String {
        var copy = self
        return try copy.readString()
    }

    /// Reads a number value.
    mutating func readNumber() throws(SyntaxError) -> Double {
        skipWhitespace()
        let start = position
        func digits() -> Int {
            let from = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
            return position - from
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        let integerDigits = digits()
        guard integerDigits > 0 else { throw error("malformed number") }
        if integerDigits > 1, bytes[integerStart] == UInt8(ascii: "0") {
            throw error("malformed number: leading zero")
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { throw error("malformed number: no digits after '.'") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard digits() > 0 else { throw error("malformed number: no digits in exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text) else { throw error("malformed number \(text)") }
        return value
    }

    /// Reads `true` or `false`.
    mutating func readBool() throws(SyntaxError) -> Bool {
        skipWhitespace()
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        throw error("expected true or false")
    }

    /// Reads `null`.
    mutating func readNull() throws(SyntaxError) {
        skipWhitespace()
        guard matchLiteral("null") else { throw error("expected null") }
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let matches = literal.withUTF8Buffer { buffer in
            (0..<count).allSatisfy { bytes[position + $0] == buffer[$0] }
        }
        if matches { position += count }
        return matches
    }

    /// Skips the next value whatever it is.
    mutating func skipValue() throws(SyntaxError) {
        switch try peekKind() {
        case .object:
            try beginObject()
            var first = true
            while try nextKey(first: first) != nil {
                first = false
                try skipValue()
            }
        case .array:
            try beginArray()
            var first = true
            while try nextElement(first: first) {
                first = false
                try skipValue()
            }
        case .string: _ = try readString()
        case .number: _ = try readNumber()
        case .bool: _ = try readBool()
        case .null: try readNull()
        }
    }

    /// Checks that only whitespace follows the top-level value.
    mutating func expectEnd() throws(SyntaxError) {
        skipWhitespace()
        if position < bytes.count {
            throw error("unexpected \(describe(bytes[position])) after the end of the document")
        }
    }
}
