import Testing

@testable import MetroTrace
@testable import MetroTraceIO

@Suite("JSON writer")
struct JSONWriterTests {
    static func sample(pretty: Bool) -> String {
        var w = JSONWriter(pretty: pretty)
        w.beginObject()
        w.member("name", "天平 \"E2\"\n\t\u{01}\\")
        w.key("empty")
        w.beginObject()
        w.endObject()
        w.key("none")
        w.beginArray()
        w.endArray()
        w.key("values")
        w.beginArray()
        w.number(2)
        w.number(0.1)
        w.number(.nan)
        w.quantity(QuantityValue(59, try! Unit.parse("mg"), scale: .interval))
        w.quantity(.number(3))
        w.bool(true)
        w.null()
        w.endArray()
        w.key(text: "dynamic key")
        w.integer(-7)
        w.endObject()
        return String(decoding: w.bytes, as: UTF8.self)
    }

    @Test("compact and indented text, strings escaped, NaN as null, values as their text")
    func layout() {
        #expect(
            Self.sample(pretty: false)
                == #"{"name":"天平 \"E2\"\n\t\u0001\\","empty":{},"none":[],"values":[2,0.1,null,"59 mg","3",true,null],"dynamic key":-7}"#
        )
        #expect(
            Self.sample(pretty: true) == """
                {
                  "name": "天平 \\"E2\\"\\n\\t\\u0001\\\\",
                  "empty": {},
                  "none": [],
                  "values": [
                    2,
                    0.1,
                    null,
                    "59 mg",
                    "3",
                    true,
                    null
                  ],
                  "dynamic key": -7
                }
                """)
    }

    @Test("a value tree renders as the writer writes it")
    func sameAsValues() {
        let value: JSONOutputValue = .object([
            "a": .array([.integer(1), .object([:]), .array([])]), "b": .string("x\"y"), "c": .null,
        ])
        for pretty in [false, true] {
            var w = JSONWriter(pretty: pretty)
            value.write(to: &w)
            #expect(value.rendered(pretty: pretty) == String(decoding: w.bytes, as: UTF8.self) + (pretty ? "\n" : ""))
        }
        #expect(value.rendered(pretty: false) == #"{"a":[1,{},[]],"b":"x\"y","c":null}"#)
    }

    @Test("a long string streamed in pieces gives the bytes the writer writes, wherever the pieces are cut")
    func streamedLiteral() {
        let text = "天平 \"E2\"\n\t\u{01}\\ \u{1F}end" + String(repeating: "a\"b\\c\n", count: 40)
        var w = JSONWriter(pretty: false)
        w.string(text)
        for chunk in [1, 2, 3, 7, 64, 1 << 20] {
            var streamed: [UInt8] = []
            JSONWriter.streamStringLiteral(text, chunk: chunk) { streamed.append(contentsOf: $0) }
            #expect(streamed == w.bytes, "chunk \(chunk)")
        }
        var empty: [UInt8] = []
        JSONWriter.streamStringLiteral("") { empty.append(contentsOf: $0) }
        #expect(empty == Array("\"\"".utf8))
    }
}
