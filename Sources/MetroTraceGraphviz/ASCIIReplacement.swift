/// Rewriting the ASCII characters of a text through a table, leaving every other
/// character as it is (every byte of a multi-byte UTF-8 sequence is ≥ 0x80, so no
/// replacement can split one).
struct ASCIIReplacement: Sendable {
    private let table: [[UInt8]?]
    /// Bit b of word b / 64 set when byte b has a replacement.
    private let rewritten: (UInt64, UInt64)

    private init(_ replacements: [UInt8: String], controls: String? = nil) {
        table = (0..<128).map { byte in
            if let replacement = replacements[UInt8(byte)] { return Array(replacement.utf8) }
            return byte < 0x20 ? controls.map { Array($0.utf8) } : nil
        }
        var rewritten: (UInt64, UInt64) = (0, 0)
        for (byte, replacement) in table.enumerated() where replacement != nil {
            if byte < 64 { rewritten.0 |= 1 << UInt64(byte) } else { rewritten.1 |= 1 << UInt64(byte - 64) }
        }
        self.rewritten = rewritten
    }

    /// Inside a quoted DOT string: quotes and backslashes escaped, newlines as `\n`.
    static let dotString = ASCIIReplacement([0x22: "\\\"", 0x5C: "\\\\", 0x0A: "\\n", 0x0D: ""])
    /// Text in an HTML-like label: markup characters as entities, newlines as `<BR/>`,
    /// other control characters as spaces.
    static let html = ASCIIReplacement(
        [0x26: "&amp;", 0x3C: "&lt;", 0x3E: "&gt;", 0x22: "&quot;", 0x0A: "<BR/>", 0x0D: ""], controls: " ")
    /// Text in an HTML page: markup characters as entities, everything else as it is.
    static let htmlPage = ASCIIReplacement([0x26: "&amp;", 0x3C: "&lt;", 0x3E: "&gt;", 0x22: "&quot;"])

    /// `text` rewritten; a text with nothing to rewrite is returned as it came, without
    /// copying.
    static func apply(_ replacement: ASCIIReplacement, to text: String) -> String {
        guard replacement.rewrites(text) else { return text }
        var out = ByteWriter(capacity: text.utf8.count + 16)
        replacement.append(text, to: &out)
        return out.text
    }

    /// Whether any character of `text` has a replacement.
    func rewrites(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { rewrites($0) }
    }

    func rewrites(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let (low, high) = rewritten
        for byte in bytes {
            let hit = byte < 64 ? low >> UInt64(byte) & 1 : byte < 128 ? high >> UInt64(byte &- 64) & 1 : 0
            if hit != 0 { return true }
        }
        return false
    }

    /// Appends `text`, rewritten, to `out`: one pass over its bytes when nothing needs
    /// rewriting (the usual case), which costs a scan and a copy.
    func append(_ text: String, to out: inout ByteWriter) {
        var text = text
        text.withUTF8 { bytes in
            guard rewrites(bytes) else {
                out.append(bytes)
                return
            }
            for byte in bytes {
                if byte < 0x80, let rewritten = table[Int(byte)] {
                    out.append(rewritten)
                } else {
                    out.append(byte)
                }
            }
        }
    }
}
