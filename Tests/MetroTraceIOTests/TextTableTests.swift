import Testing

@testable import MetroTraceIO

/// Plain-text tables line up on a terminal, Chinese names counting two columns a character.
@Suite("Text tables")
struct TextTableTests {
    @Test("columns line up by display width; trailing spaces are trimmed")
    func alignment() {
        var table = TextTable(headings: ["id", "name", "status"])
        table.append(["NIM-M1", "质量基准", "valid"])
        table.append(["JX-W2", "weights E2", ""])
        table.append(["A", "", "broken"])
        #expect(
            table.rendered() == """
                id      name        status
                NIM-M1  质量基准    valid
                JX-W2   weights E2
                A                   broken

                """)
    }

    @Test("display widths: ASCII by byte, wide characters two, combining marks none")
    func widths() {
        #expect(TextTable.displayWidth("kg/m³") == 5)
        #expect(TextTable.displayWidth("江西省计量院") == 12)
        #expect(TextTable.displayWidth("e\u{301}") == 1)
        #expect(TextTable.displayWidth("a\u{0}b") == 2)
        #expect(TextTable.displayWidth("") == 0)
    }
}
