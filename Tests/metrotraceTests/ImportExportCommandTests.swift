import Foundation
import Testing

/// `metrotrace import` and `metrotrace export` as users run them.
@Suite("import and export commands")
struct ImportExportCommandTests {
    static func temporary(_ name: String) -> String {
        NSTemporaryDirectory() + "metrotrace-\(name)-" + UUID().uuidString
    }

    @Test("export csv, then import csv into a new folder: the same network, the same findings")
    func spreadsheetRoundTrip() throws {
        let tables = Self.temporary("tables")
        let export = try CommandLineTests.run(["export", "csv", "data/sample", "--out", tables])
        #expect(export.status == 0, "\(export.error)")
        #expect(export.error.contains("47 items"))
        let names = try FileManager.default.contentsOfDirectory(atPath: tables)
        #expect(
            Set(names).isSuperset(of: [
                "labs.csv", "items.csv", "calibrations.csv", "references.csv", "points.csv", "budget.csv",
            ]))
        // Certificates cannot be added to a folder of tables (the tables would be hidden).
        let certificate = Self.temporary("certificate") + ".xml"
        try DCCCommandFixture.text.write(toFile: certificate, atomically: true, encoding: .utf8)
        let intoTables = try CommandLineTests.run(["import", "dcc", certificate, "--into", tables])
        #expect(intoTables.status == 2 && intoTables.error.contains("this folder holds spreadsheet tables"))
        // Exporting again into the same folder refuses to overwrite.
        #expect(try CommandLineTests.run(["export", "csv", "data/sample", "--out", tables]).status == 2)

        // Every command reads the folder of tables as it is.
        let direct = try CommandLineTests.run(["check", tables, "--at", "2026-11-26"])
        #expect(
            direct.status == 1 && direct.output.contains("47 items: 30 valid, 6 with warnings, 11 broken"),
            "\(direct.error)")
        let dataset = Self.temporary("dataset")
        let imported = try CommandLineTests.run(["import", "csv", tables, "--into", dataset])
        #expect(imported.status == 0, "\(imported.error)")
        let original = try CommandLineTests.run(["check", "data/sample", "--at", "2026-11-26", "--format", "json"])
        let roundTripped = try CommandLineTests.run(["check", dataset, "--at", "2026-11-26", "--format", "json"])
        #expect(roundTripped.status == original.status)
        // The digest and file names differ; the findings do not.
        func findings(_ json: String) throws -> String {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            let items = object?["items"] ?? []
            return String(
                decoding: try JSONSerialization.data(withJSONObject: items, options: .sortedKeys), as: UTF8.self)
        }
        #expect(try findings(roundTripped.output) == findings(original.output))
    }

    @Test("a table with an error is refused with file, line and column; nothing is written")
    func badTable() throws {
        let tables = Self.temporary("bad")
        try FileManager.default.createDirectory(atPath: tables, withIntermediateDirectories: true)
        try "id,name,kind\r\nX,实验室,galaxy\r\n".write(toFile: tables + "/labs.csv", atomically: true, encoding: .utf8)
        let dataset = Self.temporary("dataset")
        let run = try CommandLineTests.run(["import", "csv", tables, "--into", dataset])
        #expect(run.status == 2)
        #expect(run.error.contains("labs.csv:2:7: kind (lab X): unknown value \"galaxy\"; expected one of"))
        #expect(!FileManager.default.fileExists(atPath: dataset))
    }

    @Test("import dcc adds a new document and leaves the dataset's files as they were")
    func dcc() throws {
        let dataset = Self.temporary("dcc")
        try FileManager.default.copyItem(
            atPath: CommandLineTests.root.appendingPathComponent("data/sample").path, toPath: dataset)
        let certificate = Self.temporary("certificate") + ".xml"
        try DCCCommandFixture.text.write(toFile: certificate, atomically: true, encoding: .utf8)
        // The fixture is minimal, not schema-complete: no schema is in reach here.
        let schemas = Self.temporary("no-schemas")
        try FileManager.default.createDirectory(atPath: schemas, withIntermediateDirectories: true)
        let refusedUnvalidated = try CommandLineTests.run([
            "import", "dcc", certificate, "--into", dataset, "--schemas", schemas,
        ])
        #expect(refusedUnvalidated.status == 2, "\(refusedUnvalidated.error)")
        #expect(refusedUnvalidated.error.contains("MetroTrace needs dcc_v3.1.1.xsd"))
        #expect(refusedUnvalidated.error.contains("\(schemas) (--schemas)"))
        #expect(refusedUnvalidated.error.contains("--allow-unvalidated"))
        #expect(!FileManager.default.fileExists(atPath: dataset + "/07-import-dcc.json"))
        let run = try CommandLineTests.run([
            "import", "dcc", certificate, "--into", dataset, "--schemas", schemas, "--allow-unvalidated",
        ])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.error.contains("warning: /dcc:digitalCalibrationCertificate"))
        #expect(run.error.contains("imported without validation (--allow-unvalidated)"))
        #expect(run.error.contains("record JXIM-DCC-CLI-1, 1 point(s), 1 reference(s)"))
        #expect(FileManager.default.fileExists(atPath: dataset + "/07-import-dcc.json"))
        let chain = try CommandLineTests.run(["chain", dataset, "MED-PG", "--at", "2026-03-10"])
        #expect(chain.output.contains("JXIM-DCC-CLI-1"), "\(chain.output)\(chain.error)")
        // The same certificate again: skipped, nothing new written.
        let again = try CommandLineTests.run([
            "import", "dcc", certificate, "--into", dataset, "--schemas", schemas, "--allow-unvalidated",
        ])
        #expect(again.status == 0 && again.error.contains("already in the dataset, identical; skipped"))
        #expect(!FileManager.default.fileExists(atPath: dataset + "/08-import-dcc.json"))
        // A file that is not a certificate: refused, exit 2.
        let junk = Self.temporary("junk") + ".xml"
        try "<html/>".write(toFile: junk, atomically: true, encoding: .utf8)
        let refused = try CommandLineTests.run(["import", "dcc", junk, "--into", dataset, "--schemas", schemas])
        #expect(refused.status == 2 && refused.error.contains("not a Digital Calibration Certificate"))
    }
}

/// A minimal DCC 3.1.1 for the medical centre's digital pressure gauge, calibrated by
/// the provincial institute against its piston gauge.
enum DCCCommandFixture {
    static let text = """
        <?xml version="1.0" encoding="UTF-8"?>
        <dcc:digitalCalibrationCertificate xmlns:dcc="https://ptb.de/dcc" xmlns:si="https://ptb.de/si" schemaVersion="3.1.1">
          <dcc:administrativeData>
            <dcc:coreData><dcc:uniqueIdentifier>JXIM-DCC-CLI-1</dcc:uniqueIdentifier>
              <dcc:beginPerformanceDate>2026-03-02</dcc:beginPerformanceDate><dcc:endPerformanceDate>2026-03-02</dcc:endPerformanceDate></dcc:coreData>
            <dcc:items><dcc:item><dcc:name><dcc:content>数字压力计</dcc:content></dcc:name>
              <dcc:identifications><dcc:identification><dcc:issuer>owner</dcc:issuer><dcc:value>MED-PG</dcc:value></dcc:identification></dcc:identifications></dcc:item></dcc:items>
            <dcc:calibrationLaboratory><dcc:calibrationLaboratoryCode>JXIM</dcc:calibrationLaboratoryCode></dcc:calibrationLaboratory>
            <dcc:statements><dcc:statement refType="basic_recalibration"><dcc:date>2027-03-01</dcc:date></dcc:statement></dcc:statements>
          </dcc:administrativeData>
          <dcc:measurementResults><dcc:measurementResult>
            <dcc:measuringEquipments><dcc:measuringEquipment><dcc:name><dcc:content>piston gauge</dcc:content></dcc:name>
              <dcc:identifications><dcc:identification><dcc:issuer>calibrationLaboratory</dcc:issuer><dcc:value>JXIM-PB</dcc:value></dcc:identification></dcc:identifications>
            </dcc:measuringEquipment></dcc:measuringEquipments>
            <dcc:results><dcc:result><dcc:data>
              <dcc:quantity><si:real><si:value>60.004</si:value><si:unit>\\kilo\\pascal</si:unit>
                <si:expandedUnc><si:uncertainty>0.012</si:uncertainty><si:coverageFactor>2</si:coverageFactor><si:coverageProbability>0.9545</si:coverageProbability></si:expandedUnc></si:real></dcc:quantity>
            </dcc:data></dcc:result></dcc:results>
          </dcc:measurementResult></dcc:measurementResults>
        </dcc:digitalCalibrationCertificate>
        """
}

/// PTB's published certificates through the command line users run (third-party data in
/// `../shared/dcc`, skipped with a message when that folder is absent).
@Suite("import dcc of PTB's examples")
struct PTBExampleCommandTests {
    static let shared = CommandLineTests.root.deletingLastPathComponent().appendingPathComponent("shared/dcc").path

    static var examples: [String] {
        let folder = shared + "/examples"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { folder + "/" + $0 }
    }

    /// Lines of standard error that do not come from MetroTrace's own messages (which
    /// start with a file name or are one of its summaries): what libxml2 would print
    /// by itself.
    static func strayLines(_ error: String, files: [String], folder: String) -> [String] {
        error.split(separator: "\n").map(String.init).filter { line in
            !(files.contains { line.hasPrefix($0) } || line.hasPrefix(folder) || line.contains("record(s) added to")
                || line.hasPrefix("nothing new to add") || line.contains("certificate(s) refused"))
        }
    }

    @Test("every example is imported and validated; libxml2 writes nothing to standard error by itself")
    func everyExampleValidated() throws {
        let files = Self.examples
        guard !files.isEmpty else {
            print("PTB examples: skipped, \(Self.shared)/examples is absent")
            return
        }
        for file in files {
            let folder = ImportExportCommandTests.temporary("ptb")
            let run = try CommandLineTests.run([
                "import", "dcc", file, "--into", folder, "--schemas", Self.shared + "/xsd", "--quiet",
            ])
            #expect(run.status == 0, "\(file): \(run.error)")
            #expect(run.error.contains("valid against dcc_v"), "\(file) was not validated: \(run.error)")
            #expect(Self.strayLines(run.error, files: [file], folder: folder).isEmpty, "\(file): \(run.error)")
        }
    }

    @Test("a schema-invalid example is refused with exit 2, its line and XPath")
    func invalidExampleRefused() throws {
        let source = Self.shared + "/examples/v3.1.1_dcc-vacuumlab-SRG.xml"
        guard let text = try? String(contentsOfFile: source, encoding: .utf8) else {
            print("PTB examples: skipped, \(source) is absent")
            return
        }
        let broken = ImportExportCommandTests.temporary("broken") + ".xml"
        try text.replacingOccurrences(
            of: "<dcc:performanceLocation>laboratory</dcc:performanceLocation>",
            with: "<dcc:performanceLocation>on the moon</dcc:performanceLocation>"
        )
        .write(toFile: broken, atomically: true, encoding: .utf8)
        let folder = ImportExportCommandTests.temporary("refused")
        let run = try CommandLineTests.run([
            "import", "dcc", broken, "--into", folder, "--schemas", Self.shared + "/xsd",
        ])
        #expect(run.status == 2)
        let line =
            text.components(separatedBy: "\n").firstIndex { $0.contains("<dcc:performanceLocation>") }.map { $0 + 1 }
            ?? 0
        #expect(
            run.error.contains(
                "\(broken):\(line): /dcc:digitalCalibrationCertificate/dcc:administrativeData/dcc:coreData/dcc:performanceLocation: not valid against dcc_v3.1.1.xsd"
            ), "\(run.error)")
        #expect(Self.strayLines(run.error, files: [broken], folder: folder).isEmpty, "\(run.error)")
        #expect(!FileManager.default.fileExists(atPath: folder))
    }
}
