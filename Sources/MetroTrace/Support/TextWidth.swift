/// How many terminal (or monospace label) columns text takes: East Asian wide and
/// fullwidth characters (Chinese names) two, combining marks and zero-width characters
/// none, everything else one.
public enum TextWidth {
    /// The number of columns `text` takes.
    public static func columns(_ text: some StringProtocol) -> Int {
        // ASCII (most text): one column per byte, but NUL takes none.
        var ascii = true
        var count = 0
        for byte in text.utf8 {
            if byte >= 0x80 {
                ascii = false
                break
            }
            if byte != 0 { count += 1 }
        }
        if ascii { return count }
        return text.unicodeScalars.reduce(0) { $0 + columns(of: $1) }
    }

    /// The columns of one scalar.
    public static func columns(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 || (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || v == 0xFE0F { return 0 }
        return wideRanges.contains { $0.contains(v) } ? 2 : 1
    }

    /// East Asian wide and fullwidth blocks, and wide emoji.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// `text` broken into lines of at most `width` columns: at spaces where there are
    /// any, between any two wide characters (Chinese has no spaces), and inside a word
    /// only when it alone is longer than a line. `continuation` is the width of the
    /// lines after the first (a hanging indent, added by the caller); spaces at a break
    /// are dropped.
    public static func lines(_ text: String, width: Int, continuation: Int? = nil) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        func limit() -> Int { max(1, lines.isEmpty ? width : continuation ?? width) }
        // Pieces: words with the space before them, and each wide character on its own.
        var pieces: [String] = []
        var word = ""
        for character in text {
            if character == " " {
                if !word.isEmpty { pieces.append(word) }
                word = " "
            } else if columns(String(character)) == 2 {
                if !word.isEmpty { pieces.append(word) }
                pieces.append(String(character))
                word = ""
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { pieces.append(word) }
        for piece in pieces {
            if lineWidth > 0, lineWidth + columns(piece) > limit() {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            var rest = line.isEmpty && piece.hasPrefix(" ") ? String(piece.dropFirst()) : piece
            while columns(rest) > limit() - lineWidth, !rest.isEmpty {
                // A word longer than a line: as much as fits, the rest on the next lines.
                var head = ""
                var used = lineWidth
                for character in rest {
                    let w = columns(String(character))
                    guard used + w <= limit() || head.isEmpty && lineWidth == 0 else { break }
                    head.append(character)
                    used += w
                }
                if head.isEmpty {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                    continue
                }
                lines.append(line + head)
                line = ""
                lineWidth = 0
                rest = String(rest.dropFirst(head.count))
            }
            line += rest
            lineWidth += columns(rest)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
