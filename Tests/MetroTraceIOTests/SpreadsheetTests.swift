import Foundation
import MetroTrace
import Testing

@testable import MetroTraceIO

@Suite("Spreadsheet tables")
struct SpreadsheetTests {
    static let sample = SampleNetworkTests.sample

    /// A fresh temporary folder.
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "metrotrace-csv-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func writeTables(_ tables: [String: String], to folder: String) throws {
        for (file, text) in tables {
            try text.write(toFile: (folder as NSString).appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
    }

    @Test("the sample goes JSON → CSV → JSON without losing or changing anything")
    func roundTrip() throws {
        let (original, _) = try DatasetLoader.readDataset(Self.sample)
        let folder = try Self.folder()
        try Self.writeTables(DatasetTables.write(original), to: folder)
        let (fromTables, warnings) = try DatasetTablesReader.readDataset(directory: folder)
        #expect(warnings.sortedByPlace.isEmpty)
        #expect(fromTables == original)
        // And back to a JSON document, read again.
        var collector = DatasetCollector()
        DatasetLoader.read(bytes: Array(DatasetJSON.document(fromTables).utf8), named: "back.json", into: &collector)
        #expect(!collector.log.hasErrors)
        #expect(collector.dataset == original)
        // Names with surrounding spaces, quotes, commas and line breaks survive too.
        var odd = original
        odd.items[0].name = "  天平, \"E2\"\nline two "
        let oddFolder = try Self.folder()
        try Self.writeTables(DatasetTables.write(odd), to: oddFolder)
        #expect(try DatasetTablesReader.readDataset(directory: oddFolder).dataset == odd)
        // The tables written again are byte for byte the same.
        #expect(DatasetTables.write(fromTables) == DatasetTables.write(original))
    }

    /// The dataset that uses every field of format v1 (`data/every-field`).
    static let everyField = SampleNetworkTests.root.appendingPathComponent("data/every-field").path

    @Test("a dataset using every field goes JSON → tables → JSON and JSON → document → JSON unchanged")
    func everyFieldRoundTrip() throws {
        let (original, warnings) = try DatasetLoader.readDataset(Self.everyField)
        #expect(warnings.sortedByPlace.isEmpty, "\(warnings.sortedByPlace)")
        #expect(original.labs.count == 2 && original.items.count == 3 && original.calibrations.count == 2)
        let folder = try Self.folder()
        try Self.writeTables(DatasetTables.write(original), to: folder)
        let (fromTables, tableWarnings) = try DatasetTablesReader.readDataset(directory: folder)
        #expect(tableWarnings.sortedByPlace.isEmpty)
        #expect(fromTables == original)
        for dataset in [original, fromTables] {
            var collector = DatasetCollector()
            DatasetLoader.read(bytes: Array(DatasetJSON.document(dataset).utf8), named: "back.json", into: &collector)
            #expect(collector.log.sortedByPlace.isEmpty, "\(collector.log.sortedByPlace)")
            #expect(collector.dataset == original)
        }
        // It builds: every field is consistent with the others.
        #expect(throws: Never.self) { try DatasetLoader.load(Self.everyField) }
    }

    @Test("CSV as spreadsheets save it: BOM, CRLF, quoted commas, quotes and line breaks, Chinese, empty cells")
    func csvSyntax() throws {
        let text = "\u{FEFF}id,name,note\r\n1,\"天平, 电子\",\"say \"\"hi\"\"\"\r\n2,\"two\r\nlines\",\r\n\r\n3,三,\r\n"
        let table = try CSVTable.parse(Array(text.utf8))
        #expect(table.header.map(\.text) == ["id", "name", "note"])
        #expect(
            table.rows.map { $0.map(\.text) } == [
                ["1", "天平, 电子", "say \"hi\""], ["2", "two\r\nlines", ""], ["3", "三", ""],
            ])
        #expect(table.rows[2][1].line == 6)
        #expect(table.rows[2][1].column == 3)
        // Without BOM, LF only.
        let plain = try CSVTable.parse(Array("a,b\n1,2".utf8))
        #expect(plain.rows.map { $0.map(\.text) } == [["1", "2"]])
        // Writing quotes what needs it and reads back the same.
        let written = CSVTable.write(header: ["a", "b"], rows: [["x,y", "say \"hi\"\nnow"], [" padded", "中文"]])
        let reread = try CSVTable.parse(Array(written.utf8))
        #expect(reread.rows.map { $0.map(\.text) } == [["x,y", "say \"hi\"\nnow"], [" padded", "中文"]])
    }

    @Test("CSV syntax errors name line and column")
    func csvSyntaxErrors() {
        #expect(throws: CSVTable.SyntaxError(line: 2, column: 3, text: .key("diagnostic.csv.unclosed-quote"))) {
            try CSVTable.parse(Array("a,b\n1,\"open\n".utf8))
        }
        #expect(throws: CSVTable.SyntaxError.self) { try CSVTable.parse(Array("a,b\n\"x\"y,2\n".utf8)) }
        #expect(throws: CSVTable.SyntaxError.self) { try CSVTable.parse([]) }
        #expect(throws: CSVTable.SyntaxError.self) { try CSVTable.parse([0x61, 0x0A, 0xFF, 0xFE]) }
    }

    /// The problems found reading `tables` (file name → text).
    func problems(_ tables: [String: String]) throws -> [Diagnostic] {
        let folder = try Self.folder()
        try Self.writeTables(tables, to: folder)
        var collector = DatasetCollector()
        DatasetTablesReader.read(directory: folder, into: &collector)
        return collector.log.sortedByPlace.map { diagnostic in
            var relative = diagnostic
            relative.file = diagnostic.file.map { ($0 as NSString).lastPathComponent }
            return relative
        }
    }

    @Test("wrong column names, bad cells and orphan rows are errors naming file, line and column")
    func tableErrors() throws {
        let labs = "id,name,kind,region\r\nNIM,中国计量科学研究院,nmi,\r\n"
        let items =
            "id,name,kind,quantity,unit,lab,lower,upper\r\n"
            + "B1,天平,instrument,mass,kg,NIM,0 g,\r\n"
            + "B2,砝码,weight,mass,furlong,NIM,,\r\n"
        let calibrations =
            "id,activity,item,lab,date\r\nC1,calibration,B1,NIM,2025-02-30\r\nC2,calibration,B1,NIM,3025-02-01\r\n"
        let points = "record,nominal,U,k\r\nC9,1 kg,0.1 mg,2\r\nC1,1 kg,,2\r\n"
        let found = try problems([
            "labs.csv": labs, "items.csv": items, "calibrations.csv": calibrations, "points.csv": points,
        ])
        let described = found.map(\.description)
        #expect(described.contains { $0.hasPrefix("labs.csv:1:14: unknown column \"region\"") })
        #expect(
            described.contains { $0.hasPrefix("items.csv:2:") && $0.contains("a range needs both lower and upper") })
        #expect(
            described.contains {
                $0.hasPrefix("items.csv:3:7: kind (item B2): unknown value \"weight\"; expected one of")
            })
        #expect(described.contains { $0.hasPrefix("items.csv:3:") && $0.contains("furlong") })
        #expect(
            described.contains { $0.hasPrefix("calibrations.csv:2:23: date (record C1): invalid date \"2025-02-30\"") })
        #expect(
            described.contains {
                $0.hasPrefix("calibrations.csv:3:23: date (record C2): date 3025-02-01 is implausible")
            })
        #expect(described.contains { $0.hasPrefix("points.csv:2:1: record: no record \"C9\" in calibrations.csv") })
        #expect(described.contains { $0.hasPrefix("points.csv:3:") && $0.contains("k or coverage is given without U") })
        #expect(found.allSatisfy { $0.severity == .error })
    }

    @Test("a budget line's u, half-width and distribution are checked as in JSON, named by their columns")
    func budgetLines() throws {
        let labs = "id,name,kind\r\nNIM,中国计量科学研究院,nmi\r\n"
        let items = "id,name,kind,quantity,unit,lab\r\nB1,天平,instrument,mass,kg,NIM\r\n"
        let calibrations = "id,activity,item,lab,date\r\nC1,calibration,B1,NIM,2025-02-01\r\n"
        let budget =
            "record,name,u,half_width,distribution\r\n"
            + "C1,a,1 mg,,rectangular\r\n" + "C1,b,,2 mg,\r\n" + "C1,c,1 mg,2 mg,triangular\r\n" + "C1,d,,,\r\n"
            + "C1,e,,2 mg,u-shaped\r\n"
        let found = try problems([
            "labs.csv": labs, "items.csv": items, "calibrations.csv": calibrations, "budget.csv": budget,
        ]).map(\.description)
        #expect(
            found.contains {
                $0.hasPrefix("budget.csv:2:")
                    && $0.contains("u is a standard uncertainty; for a rectangular distribution give half_width")
            }, "\(found)")
        #expect(
            found.contains {
                $0.hasPrefix("budget.csv:3:")
                    && $0.contains("half_width needs a distribution (rectangular, triangular, u-shaped)")
            })
        #expect(
            found.contains { $0.hasPrefix("budget.csv:4:") && $0.contains("give either u or half_width, not both") })
        #expect(
            found.contains {
                $0.hasPrefix("budget.csv:5:")
                    && $0.contains("a budget line needs u (a standard uncertainty) or half_width with a distribution")
            })
        #expect(!found.contains { $0.hasPrefix("budget.csv:6:") })
        #expect(found.count == 4)
    }

    @Test("a point's U that cannot be read is reported once, not again as k without U")
    func unreadableU() throws {
        let found = try problems([
            "labs.csv": "id,name,kind\r\nNIM,中国计量科学研究院,nmi\r\n",
            "items.csv": "id,name,kind,quantity,unit,lab\r\nB1,天平,instrument,mass,kg,NIM\r\n",
            "calibrations.csv": "id,activity,item,lab,date\r\nC1,calibration,B1,NIM,2025-02-01\r\n",
            "points.csv": "record,nominal,U,k\r\nC1,1 kg,0.1 furlong,2\r\nC1,2 kg,,2\r\n",
        ]).map(\.description)
        #expect(found.filter { $0.hasPrefix("points.csv:2:") }.count == 1, "\(found)")
        #expect(found.contains { $0.hasPrefix("points.csv:2:") && $0.contains("furlong") })
        #expect(found.contains { $0.hasPrefix("points.csv:3:") && $0.contains("k or coverage is given without U") })
    }

    @Test("a missing required column, a stray CSV file and an empty folder are reported")
    func missingPieces() throws {
        let found = try problems(["labs.csv": "id,kind\r\nNIM,nmi\r\n", "notes.csv": "x\r\n1\r\n"]).map(\.description)
        #expect(found.contains { $0.hasPrefix("labs.csv:1: the required column \"name\" is missing") })
        #expect(found.contains { $0.hasPrefix("notes.csv: not a dataset table") })
        #expect(try problems([:]).map(\.description).contains { $0.contains("no dataset tables here") })
    }

    static let formulas = [
        "=cmd|' /C calc'!A0", "=HYPERLINK(\"http://192.0.2.1/x\",\"点击\")", "+1+1", "-2+3", "@SUM(A1:A9)",
        "\t=1", "\r=1", "'=already", "''+twice", "-", "=",
    ]

    @Test("cells a spreadsheet would run as formulas are written as text, and read back as they were")
    func formulaInjection() throws {
        for cell in Self.formulas {
            let written = CSVTable.neutralised(cell)
            #expect(written.hasPrefix("'"), "\(cell) written as \(written)")
            #expect(CSVTable.restored(written) == cell)
        }
        // Numbers, and text that starts no formula, are left alone.
        for cell in ["-5", "+3.2e-4", "-0.5", "天平", "'quoted", "a=b", "0.5 mg"] {
            #expect(CSVTable.neutralised(cell) == cell)
            #expect(CSVTable.restored(cell) == cell)
        }
        // Through the tables of a dataset: names, ids and lab names round-trip, and no
        // cell of the files starts a formula.
        var (dataset, _) = try DatasetLoader.readDataset(Self.sample)
        for (index, name) in Self.formulas.enumerated() { dataset.items[index].name = name }
        dataset.labs[0].name = "=HYPERLINK(\"http://192.0.2.1\")"
        let folder = try Self.folder()
        let tables = DatasetTables.write(dataset)
        try Self.writeTables(tables, to: folder)
        for (file, text) in tables {
            let table = try CSVTable.parse(Array(text.utf8))
            for row in table.rows {
                for cell in row where CSVTable.startsFormula(Substring(cell.text)) {
                    #expect(Double(cell.text) != nil, "\(file):\(cell.line): \(cell.text)")
                }
            }
        }
        #expect(try DatasetTablesReader.readDataset(directory: folder).dataset == dataset)
    }
}
