import MetroTrace
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

    @Test("fitting a width: cuttable columns narrowed in order, cells cut with …, then columns dropped")
    func fitting() {
        var table = TextTable(headings: ["ID", "NAME", "NOTE"])
        table.append(["A-1", "千克基准砝码组（国家质量基准）", "a rather long note about it"])
        table.append(["B-22", "short", "-"])
        table.cuttable = [(2, 6), (1, 8)]
        let natural = table.rendered()
        #expect(table.rendered(width: 200) == natural)
        for width in [60, 40, 30] {
            let text = table.rendered(width: width)
            let widest = text.split(separator: "\n").map { TextWidth.columns($0) }.max() ?? 0
            #expect(widest <= width, "\(width): \(text)")
            #expect(text.contains("A-1") && text.contains("B-22"), "ids are never cut")
        }
        #expect(table.rendered(width: 40).contains("…"))
        // Not fittable by cutting: the droppable column goes, the ids stay.
        table.droppable = [2]
        let narrow = table.rendered(width: 16)
        #expect(!narrow.contains("NOTE") && narrow.contains("B-22"))
        // Decoration after layout: escapes do not move the columns.
        let coloured = table.rendered { row, column, cell in column == 0 && row >= 0 ? "<\(cell)>" : cell }
        #expect(coloured.contains("<A-1>"))
        #expect(TextTable.cut("千克基准砝码", to: 7) == "千克基…")
    }

    @Test("wrapping: at spaces in English, anywhere in Chinese, with a hanging indent")
    func wrapping() {
        let english = "    error record.expired [R1]: record R1 of 2025-05-20 was due on 2026-05-19, 191 days before"
        let wrapped = TextTable.wrap(english, width: 40, indent: 8)
        let lines = wrapped.split(separator: "\n")
        #expect(lines.count > 1 && lines.allSatisfy { TextWidth.columns($0) <= 40 })
        #expect(lines[0].hasPrefix("    error") && lines.dropFirst().allSatisfy { $0.hasPrefix("        ") })
        #expect(wrapped.replacingOccurrences(of: "\n        ", with: " ") == english)
        let chinese = "    错误 record.expired：记录 JXIM-P-2025-0014（2025-05-20）有效期至 2026-05-19，至查询日期已超期 191 天"
        let chineseLines = TextTable.wrap(chinese, width: 30, indent: 8).split(separator: "\n")
        #expect(chineseLines.count > 2 && chineseLines.allSatisfy { TextWidth.columns($0) <= 30 })
        #expect(TextTable.wrap("short", width: 80, indent: 4) == "short")
        #expect(TextTable.wrap(english, width: nil, indent: 8) == english)
    }

    @Test("globs: *, ?, classes and negation, case-insensitive")
    func globs() {
        #expect(Glob.matches("ENV-*", "env-e1-p02"))
        #expect(Glob.matches("*-P0?", "ENV-E1-P02") && !Glob.matches("*-P0?", "ENV-E1-P10"))
        #expect(Glob.matches("ENV-E[12]-*", "ENV-E2-P03") && !Glob.matches("ENV-E[!12]-*", "ENV-E2-P03"))
        #expect(Glob.matches("[a-c]*", "B7") && !Glob.matches("[a-c]*", "D7"))
        #expect(Glob.matches("*", "") && !Glob.matches("?", ""))
        #expect(Glob.matches("a*b*c*d", "a-b-c-d") && !Glob.matches("a*b*c*d", "a-b-c-e"))
        #expect(Glob.matches("砝码*", "砝码组1"))
        #expect(Glob.matches("[", "[") && !Glob.matches("[", "a"))
    }
}
