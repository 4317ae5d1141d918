import Foundation
import MetroTrace

/// A table as spreadsheets save it (RFC 4180): a header row and data rows, every cell
/// with the line and column it started on, so that a problem can be pointed at.
///
/// Reading accepts what WPS and Excel write: UTF-8 with or without a byte-order mark,
/// CRLF or LF line ends, quoted fields holding commas, quotes (`""`) and line breaks.
public struct CSVTable: Sendable, Equatable {
    /// A cell's text and where it starts (1-based).
    public struct Cell: Sendable, Equatable {
        /// The field's text, quotes removed.
        public var text: String
        /// The 1-based line the field starts on.
        public var line: Int
        /// The 1-based column (in characters) the field starts at.
        public var column: Int
        /// Whether the field was quoted: its text is then exactly as written, spaces included.
        public var quoted = false
    }

    /// The header, as written (trimmed).
    public var header: [Cell]
    /// The data rows; blank lines are skipped.
    public var rows: [[Cell]]

    /// A problem with the CSV syntax itself.
    public struct SyntaxError: Error, Sendable, Equatable {
        /// Where the problem is (1-based).
        public var line: Int
        public var column: Int
        /// What is wrong, in either language.
        public var text: LocalizedText

        /// What is wrong, in English.
        public var message: String { text.rendered(in: .english) }

        /// A syntax error at `line` and `column`.
        public init(line: Int, column: Int, text: LocalizedText) {
            self.line = line
            self.column = column
            self.text = text
        }
    }

    /// Parses `bytes`.
    /// - Throws: ``SyntaxError`` for an unterminated quoted field, text after a closing
    ///   quote, invalid UTF-8 or an empty file.
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> CSVTable {
        var parser = CSVParser(bytes: bytes)
        var records = try parser.records()
        guard !records.isEmpty else {
            throw SyntaxError(line: 1, column: 1, text: .key("diagnostic.csv.empty"))
        }
        let header = records.removeFirst().map {
            Cell(text: $0.text.trimmingCharacters(in: .whitespaces), line: $0.line, column: $0.column)
        }
        return CSVTable(header: header, rows: records)
    }

    /// The table as CSV text: a UTF-8 byte-order mark (so that Excel reads Chinese
    /// correctly), CRLF line ends, fields quoted when they hold a comma, quote, line
    /// break or surrounding space, and data cells that a spreadsheet would run as a
    /// formula written as text (``neutralised(_:)``).
    public static func write(header: [String], rows: [[String]]) -> String {
        var out = "\u{FEFF}"
        out += header.map(quotedIfNeeded).joined(separator: ",")
        out += "\r\n"
        for row in rows {
            out += row.lazy.map { quotedIfNeeded(neutralised($0)) }.joined(separator: ",")
            out += "\r\n"
        }
        return out
    }

    /// The characters that make WPS and Excel read a cell as a formula (OWASP's list):
    /// `=`, `+`, `-`, `@`, tab and carriage return.
    static func startsFormula(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        return first == "=" || first == "+" || first == "-" || first == "@" || first == "\t" || first == "\r"
    }

    /// A cell as written for a spreadsheet: one that would start a formula
    /// (`=HYPERLINK(…)`, `-2+3`, `@SUM(…)`) and is not a plain number gets a leading
    /// apostrophe, which spreadsheets show as text; so does one that already starts with
    /// apostrophes before such a character, so that ``restored(_:)`` undoes exactly this.
    public static func neutralised(_ cell: String) -> String {
        let rest = cell.drop { $0 == "'" }
        guard startsFormula(rest) else { return cell }
        if rest.count == cell.count, let number = Double(cell), number.isFinite { return cell }
        return "'" + cell
    }

    /// A cell as read from a spreadsheet: the apostrophe ``neutralised(_:)`` added (or a
    /// user typed to keep a formula as text) is removed.
    public static func restored(_ cell: String) -> String {
        guard cell.hasPrefix("'"), startsFormula(cell.drop { $0 == "'" }) else { return cell }
        return String(cell.dropFirst())
    }

    static func quotedIfNeeded(_ field: String) -> String {
        let needsQuotes =
            field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The byte-level reader behind ``CSVTable/parse(_:)``.
struct CSVParser {
    let bytes: [UInt8]
    var position = 0
    var line = 1
    var lineStart = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
            lineStart = 3
        }
    }

    /// The 1-based column of `offset` on the current line, counted in characters.
    func column(of offset: Int) -> Int {
        String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
    }

    mutating func records() throws(CSVTable.SyntaxError) -> [[CSVTable.Cell]] {
        var records: [[CSVTable.Cell]] = []
        var record: [CSVTable.Cell] = []
        while position < bytes.count {
            let cell = try field()
            record.append(cell)
            guard position < bytes.count else { break }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
                if position == bytes.count {
                    record.append(CSVTable.Cell(text: "", line: line, column: column(of: position)))
                }
            default:
                // End of line: CRLF, LF or a lone CR.
                if bytes[position] == 0x0D { position += 1 }
                if position < bytes.count, bytes[position] == 0x0A { position += 1 }
                line += 1
                lineStart = position
                if !(record.count == 1 && record[0].text.isEmpty) { records.append(record) }
                record = []
            }
        }
        if !record.isEmpty, !(record.count == 1 && record[0].text.isEmpty) { records.append(record) }
        return records
    }

    /// One field, quoted or not; stops before the delimiter or line end that ends it.
    mutating func field() throws(CSVTable.SyntaxError) -> CSVTable.Cell {
        let startLine = line
        let startColumn = column(of: position)
        var content: [UInt8] = []
        let quoted = position < bytes.count && bytes[position] == UInt8(ascii: "\"")
        if quoted {
            position += 1
            while true {
                guard position < bytes.count else {
                    throw CSVTable.SyntaxError(
                        line: startLine, column: startColumn,
                        text: .key("diagnostic.csv.unclosed-quote"))
                }
                let byte = bytes[position]
                position += 1
                if byte == UInt8(ascii: "\"") {
                    if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                        content.append(byte)
                        position += 1
                        continue
                    }
                    break
                }
                if byte == 0x0A {
                    line += 1
                    lineStart = position
                }
                content.append(byte)
            }
            if position < bytes.count, ![UInt8(ascii: ","), 0x0D, 0x0A].contains(bytes[position]) {
                throw CSVTable.SyntaxError(
                    line: line, column: column(of: position),
                    text: .key("diagnostic.csv.text-after-quote"))
            }
        } else {
            while position < bytes.count, ![UInt8(ascii: ","), 0x0D, 0x0A].contains(bytes[position]) {
                content.append(bytes[position])
                position += 1
            }
        }
        guard let text = String(validating: content, as: UTF8.self) else {
            throw CSVTable.SyntaxError(
                line: startLine, column: startColumn,
                text: .key("diagnostic.csv.not-utf8"))
        }
        return CSVTable.Cell(text: text, line: startLine, column: startColumn, quoted: quoted)
    }
}
