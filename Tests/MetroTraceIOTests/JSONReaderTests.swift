import Testing

@testable import MetroTraceIO

@Suite("Streaming JSON reader")
struct JSONReaderTests {
    @Test("strings with escapes, surrogate pairs, Chinese and a byte order mark")
    func strings() throws {
        let text = "\u{FEFF}[\"a\\\"b\\\\c\\n\", \"\\u4e2d\\u6587 中文\", \"\\ud83d\\ude00\"]"
        var reader = JSONReader(bytes: Array(text.utf8))
        try reader.beginArray()
        var values: [String] = []
        var first = true
        while try reader.nextElement(first: first) {
            first = false
            values.append(try reader.readString())
        }
        #expect(values == ["a\"b\\c\n", "中文 中文", "😀"])
    }

    @Test("numbers follow RFC 8259", arguments: [("0", 0.0), ("-1.5e3", -1500), ("2E-6", 2e-6), ("10.25", 10.25)])
    func numbers(_ text: String, _ value: Double) throws {
        var reader = JSONReader(bytes: Array(text.utf8))
        #expect(try reader.readNumber() == value)
    }

    @Test(
        "syntax errors are refused with their line and column",
        arguments: [
            ("[1,]", "trailing comma"), ("{\"a\" 1}", "expected ':'"), ("[01]", "leading zero"),
            ("\"abc", "end of file"), ("[\"\\x\"]", "invalid escape"), ("{\"a\":1} x", "after the end"),
            ("[1.]", "no digits"), ("tru", "expected"), (String(repeating: "[", count: 300), "nesting"),
            ("[\"\u{01}\"]", "control character"),
        ])
    func syntaxErrors(_ text: String, _ mention: String) {
        var reader = JSONReader(bytes: Array(text.utf8))
        #expect {
            try reader.skipValue()
            try reader.expectEnd()
        } throws: { error in
            guard let error = error as? JSONReader.SyntaxError else { return false }
            return error.message.contains(mention) && error.line == 1 && error.column >= 1
        }
    }

    @Test("invalid UTF-8 in a string is refused")
    func invalidUTF8() {
        var reader = JSONReader(bytes: [0x22, 0xC3, 0x28, 0x22])
        #expect(throws: JSONReader.SyntaxError.self) { try reader.readString() }
    }

    @Test("lines are counted across the document")
    func lines() throws {
        var reader = JSONReader(bytes: Array("{\n\n  \"a\":\n    1 }".utf8))
        try reader.beginObject()
        _ = try reader.nextKey(first: true)
        reader.skipWhitespace()
        #expect(reader.line == 4)
        #expect(reader.column == 5)
    }
}
