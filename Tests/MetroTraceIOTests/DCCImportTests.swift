import Foundation
import MetroTrace
import MetroTraceIO
import Testing

@Suite("DCC import")
struct DCCImportTests {
    /// The sample dataset: JXIM, MED-PG (a digital pressure gauge of the medical centre) and
    /// JXIM-PB (the provincial piston gauge) are there to match.
    static let sample = try! DatasetLoader.readDataset(SampleNetworkTests.sample).dataset
    /// The fixtures are not schema-complete: imported without validation.
    static let importer = DCCImporter(schemas: DCCSchemas(directory: nil), dataset: sample, allowsUnvalidated: true)

    func imported(_ text: String, importer: DCCImporter = Self.importer) -> DCCImportResult {
        importer.importCertificate(Array(text.utf8), named: "test.xml")
    }

    func errors(_ result: DCCImportResult) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    @Test(
        "fields map to a record matched to the dataset's item, lab and reference",
        arguments: ["2.4.0", "3.0.0", "3.1.1", "3.2.1", "3.3.0"])
    func mapping(version: String) throws {
        let result = imported(
            DCCFixtures.certificate(
                version: version,
                statements: """
                    <dcc:statement><dcc:declaration><dcc:content>Conforms to class 0.05.</dcc:content></dcc:declaration><dcc:conformity>pass</dcc:conformity></dcc:statement>
                    <dcc:statement refType="basic_recalibration"><dcc:declaration><dcc:content>Recalibration recommended.</dcc:content></dcc:declaration><dcc:period>P1Y</dcc:period></dcc:statement>
                    """))
        #expect(errors(result).isEmpty)
        let record = try #require(result.record)
        #expect(record.id == "JXIM-DCC-2026-0001")
        #expect(record.item == "MED-PG" && record.lab == "JXIM")
        #expect(record.date == Day(iso: "2026-03-02") && record.due == Day(iso: "2027-03-01"))
        #expect(record.verdict == .pass && record.procedure == "JJG 875-2019")
        #expect(record.references.map(\.item) == ["JXIM-PB"])
        #expect(record.references.first?.at == .eachPoint)
        #expect(record.points.map(\.nominal.si) == [20_000, 100_000])
        #expect(record.points.map { $0.value?.si } == [20_012, 100_030])
        #expect(record.points.map { $0.expanded?.value.si } == [8, 20])
        #expect(record.points.allSatisfy { $0.expanded?.k == 2 && $0.expanded?.coverage == 0.95 })
        #expect(result.createdItems.isEmpty && result.createdLabs.isEmpty)
        guard case .unavailable(let reason) = result.validation else {
            Issue.record("validated against a schema: \(String(describing: result.validation))")
            return
        }
        #expect(reason.contains("dcc_v\(version).xsd"))
        #expect(
            result.diagnostics.contains {
                $0.severity == .warning && $0.message.contains("imported without validation")
            })
    }

    @Test("si:realListXMLList and si:hybrid with a coverage interval")
    func listsAndHybrids() throws {
        let list = try #require(imported(DCCFixtures.certificate(results: DCCFixtures.listResult)).record)
        #expect(list.points.map(\.nominal.si) == [20_000, 100_000])
        #expect(list.points.map { $0.expanded?.value.si } == [8, 20])
        #expect(list.points.allSatisfy { $0.expanded?.k == 2 })
        let hybrid = try #require(imported(DCCFixtures.certificate(results: DCCFixtures.hybridResult)).record)
        #expect(hybrid.points.count == 1)
        let expanded = try #require(hybrid.points.first?.expanded)
        #expect(abs(expanded.value.si - 10) < 1e-9)
        #expect(abs(expanded.k! - 2) < 1e-9 && expanded.coverage == 0.95)
    }

    @Test("items, labs and references the dataset lacks are created, with warnings")
    func created() throws {
        let result = imported(
            DCCFixtures.certificate(
                labCode: "NEWLAB", labName: "新实验室", itemIdentification: "SN-777", equipment: "REF-9"))
        let record = try #require(result.record)
        #expect(record.item == "SN-777" && record.lab == "NEWLAB" && record.references.map(\.item) == ["REF-9"])
        #expect(result.createdLabs.map(\.id) == ["NEWLAB"])
        #expect(Set(result.createdItems.map(\.id)) == ["SN-777", "REF-9"])
        #expect(result.createdItems.first { $0.id == "SN-777" }?.quantity == "pressure")
        // The customer is the sample's medical-devices centre, matched by its name.
        #expect(result.createdItems.first { $0.id == "SN-777" }?.lab == "MED")
        let warnings = result.diagnostics.filter { $0.severity == .warning }.map(\.message)
        #expect(warnings.contains { $0.contains("item \"SN-777\" is not in the dataset") })
        #expect(warnings.contains { $0.contains("measuring equipment \"REF-9\"") })
        #expect(warnings.contains { $0.contains("calibration lab \"NEWLAB\"") })
    }

    @Test(
        "malformed, foreign and incomplete certificates are refused with a precise error",
        arguments: [
            (
                "<dcc:digitalCalibrationCertificate xmlns:dcc=\"https://ptb.de/dcc\" schemaVersion=\"3.1.1\"><dcc:administrativeData>",
                "line 1"
            ),
            ("<x:certificate xmlns:x=\"urn:other\"/>", "not a Digital Calibration Certificate"),
            (
                "<dcc:digitalCalibrationCertificate xmlns:dcc=\"https://ptb.de/dcc\"/>",
                "schemaVersion attribute is missing"
            ),
            (
                "<dcc:digitalCalibrationCertificate xmlns:dcc=\"https://ptb.de/dcc\" schemaVersion=\"2.1.0\"/>",
                "2.1.0 is not supported"
            ),
            ("", "the file is empty"),
        ])
    func refused(text: String, expected: String) {
        let result = imported(text)
        #expect(result.isRefused)
        #expect(errors(result).contains { $0.contains(expected) }, "\(errors(result))")
    }

    @Test("missing mandatory elements, non-numeric values and unknown units name their XPath")
    func badContent() {
        let noID = imported(
            DCCFixtures.certificate().replacingOccurrences(
                of: "<dcc:uniqueIdentifier>JXIM-DCC-2026-0001</dcc:uniqueIdentifier>", with: ""))
        #expect(errors(noID).contains { $0.contains("dcc:coreData") && $0.contains("dcc:uniqueIdentifier is missing") })
        let badNumber = imported(
            DCCFixtures.certificate(results: DCCFixtures.realResult.replacingOccurrences(of: "20.012", with: "twenty")))
        #expect(
            errors(badNumber).contains {
                $0.contains("dcc:list[1]/dcc:quantity[2]/si:real") && $0.contains("\"twenty\" is not a number")
            })
        let badUnit = imported(
            DCCFixtures.certificate(
                results: DCCFixtures.realResult.replacingOccurrences(
                    of: "\\kilo\\pascal</si:unit>\n    <si:expandedUnc>", with: "\\furlong</si:unit><si:expandedUnc>"
                )
                .replacingOccurrences(
                    of: "<si:value>100.03</si:value><si:unit>\\kilo\\pascal",
                    with: "<si:value>100.03</si:value><si:unit>\\furlong")))
        #expect(errors(badUnit).contains { $0.contains("unknown unit \"\\furlong\"") })
        let absurd = imported(DCCFixtures.certificate(begin: "9999-01-01"))
        #expect(errors(absurd).contains { $0.contains("dcc:beginPerformanceDate") && $0.contains("implausible") })
        for bad in ["2026-02-30", "2026-03-02junk", "2026-3-2", "2026-03-02+25:00"] {
            let badDate = imported(DCCFixtures.certificate(begin: bad))
            #expect(
                errors(badDate).contains { $0.contains("dcc:beginPerformanceDate") && $0.contains("not a date") },
                "\(bad)")
        }
        for good in ["2026-03-02Z", "2026-03-02+08:00"] {
            #expect(imported(DCCFixtures.certificate(begin: good)).record?.date == Day(iso: "2026-03-02"), "\(good)")
        }
        let badList = imported(
            DCCFixtures.certificate(
                results: DCCFixtures.listResult.replacingOccurrences(of: "0.008 0.02", with: "0.008 0.02 0.03")))
        #expect(errors(badList).contains { $0.contains("si:uncertaintyXMLList has 3 entries for 2 values") })
    }

    @Test("DTDs, external entities and entity expansion are refused; so are oversized files")
    func untrusted() {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <dcc:digitalCalibrationCertificate xmlns:dcc="https://ptb.de/dcc" schemaVersion="3.1.1">&secret;</dcc:digitalCalibrationCertificate>
            """
        #expect(errors(imported(xxe)).contains { $0.contains("document type declaration") })
        let laughs =
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>"
        #expect(errors(imported(laughs)).contains { $0.contains("document type declaration") })
        // A declaration in UTF-16 escapes the byte search and is caught after parsing.
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE d [<!ENTITY e \"x\">]><d>&e;</d>".utf16 {
            utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        #expect(Self.importer.importCertificate(utf16, named: "utf16.xml").isRefused)
        let small = DCCImporter(
            schemas: DCCSchemas(directory: nil),
            limits: {
                var limits = XMLTree.Limits(); limits.size = 1024; return limits
            }())
        let big = small.importCertificate(Array(DCCFixtures.certificate().utf8), named: "big.xml")
        #expect(errors(big).contains { $0.contains("more than the") })
    }

    @Test(
        "duplicated elements of a result are refused with the XPath of the second, not resolved silently",
        arguments: [
            (
                "<si:value>20.012</si:value>", "<si:value>20.012</si:value><si:value>20.5</si:value>",
                "si:value appears 2 times in si:real",
                "dcc:list[1]/dcc:quantity[2]/si:real/si:value[2]"
            ),
            (
                "<si:uncertainty>0.008</si:uncertainty>",
                "<si:uncertainty>0.008</si:uncertainty><si:uncertainty>0.001</si:uncertainty>",
                "si:uncertainty appears 2 times in si:expandedUnc", "si:expandedUnc/si:uncertainty[2]"
            ),
            (
                "<si:coverageFactor>2</si:coverageFactor>",
                "<si:coverageFactor>2</si:coverageFactor><si:coverageFactor>3</si:coverageFactor>",
                "si:coverageFactor appears 2 times", "si:coverageFactor[2]"
            ),
        ])
    func duplicatedElements(original: String, duplicated: String, message: String, path: String) throws {
        let results = DCCFixtures.realResult.replacingOccurrences(of: original, with: duplicated)
        #expect(results != DCCFixtures.realResult, "the fixture no longer holds \(original)")
        let result = imported(DCCFixtures.certificate(results: results))
        #expect(result.isRefused)
        let error = try #require(
            result.diagnostics.first { $0.severity == .error && $0.message.contains(message) }, "\(errors(result))")
        #expect(error.path.hasSuffix(path), "\(error.path)")
    }

    @Test("a second dcc:data in a result is refused")
    func duplicatedData() {
        let text = DCCFixtures.certificate().replacingOccurrences(
            of: "</dcc:data>", with: "</dcc:data><dcc:data>\(DCCFixtures.listResult)</dcc:data>")
        let result = imported(text)
        #expect(result.isRefused)
        #expect(
            errors(result).contains {
                $0.contains("dcc:data appears 2 times in dcc:result") && $0.contains("dcc:result/dcc:data[2]")
            })
    }

    @Test("a certificate already imported is skipped when identical and refused when different")
    func duplicates() throws {
        let folder = NSTemporaryDirectory() + "metrotrace-dcc-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: SampleNetworkTests.sample, toPath: folder)
        let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let record = try #require(imported(DCCFixtures.certificate()).record)
        let first = try DatasetAddition.add(Dataset(calibrations: [record]), to: folder, label: "dcc")
        let written = try #require(first.file)
        #expect(written.hasSuffix("07-import-dcc.json"))
        // Nothing the user had was touched.
        for name in before {
            let original = try Data(contentsOf: URL(fileURLWithPath: SampleNetworkTests.sample + "/" + name))
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)) == original)
        }
        let again = try DatasetAddition.add(Dataset(calibrations: [record]), to: folder, label: "dcc")
        #expect(again.file == nil && again.skippedRecords == [record.id])
        var changed = record
        changed.date = Day(iso: "2026-03-03")!
        #expect(throws: DatasetError.self) {
            try DatasetAddition.add(Dataset(calibrations: [changed]), to: folder, label: "dcc")
        }
        // The dataset with the import loads and the record is in it.
        let loaded = try DatasetLoader.load(folder)
        #expect(loaded.network.record(id: record.id) != nil)
    }
}
