#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An object key, compared without making a String: the bytes it occupies in the
/// document, or a decoded string when it had escapes. String literals match it, so
/// `switch key { case "id": … }` reads naturally.
struct JSONKey: Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
    private let pointer: UnsafeRawPointer?
    private let count: Int
    private let decoded: String?

    init(_ raw: UnsafeBufferPointer<UInt8>) {
        pointer = UnsafeRawPointer(raw.baseAddress)
        count = raw.count
        decoded = nil
    }

    init(string: String) {
        pointer = nil
        count = 0
        decoded = string
    }

    init(stringLiteral value: StaticString) {
        pointer = UnsafeRawPointer(value.utf8Start)
        count = value.utf8CodeUnitCount
        decoded = nil
    }

    /// The key as a String.
    var string: String {
        if let decoded { return decoded }
        guard let pointer else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    var description: String { string }

    static func == (lhs: JSONKey, rhs: JSONKey) -> Bool {
        if let left = lhs.pointer, let right = rhs.pointer {
            return lhs.count == rhs.count && (lhs.count == 0 || memcmp(left, right, lhs.count) == 0)
        }
        return lhs.string == rhs.string
    }
}
