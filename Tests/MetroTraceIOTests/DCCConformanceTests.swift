import Foundation
import MetroTrace
import MetroTraceIO
import Testing

/// PTB's published example certificates (third-party data in `../shared/dcc`, read only
/// when that folder is there): every one validates against its schema and imports to a
/// record with the values, U and k it states.
@Suite("DCC conformance (PTB examples)")
struct DCCConformanceTests {
    static let shared = SampleNetworkTests.root.deletingLastPathComponent().appendingPathComponent("shared/dcc").path
    static let examples = (shared as NSString).appendingPathComponent("examples")
    static let schemas = DCCSchemas(directory: (shared as NSString).appendingPathComponent("xsd"))

    static var exampleFiles: [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: examples) else { return [] }
        return names.filter { $0.hasSuffix(".xml") }.sorted().map { (examples as NSString).appendingPathComponent($0) }
    }

    @Test("every example certificate validates and imports")
    func everyExample() throws {
        let files = Self.exampleFiles
        guard !files.isEmpty else {
            print("DCC conformance: skipped, \(Self.examples) is absent")
            return
        }
        for file in files {
            let imported = DCCImporter(schemas: Self.schemas).importFile(file)
            let errors = imported.diagnostics.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(file): \(errors.map(\.description))")
            guard case .valid = imported.validation else {
                Issue.record("\(file) was not validated: \(String(describing: imported.validation))")
                continue
            }
            let record = try #require(imported.record, "\(file) refused")
            #expect(!record.points.isEmpty, "\(file): no points")
            for point in record.points {
                #expect(point.expanded != nil)
            }
            print(
                "DCC conformance: \((file as NSString).lastPathComponent) → \(record.id), \(record.points.count) points, \(record.references.count) references, \(imported.diagnostics.count) notes"
            )
        }
    }

    /// Values, U and k as the certificates state them.
    @Test(
        "records carry the stated values, U and k",
        arguments: [
            ("v3.1.1_dcc-vacuumlab-SRG.xml", "75998PTB20", 0.9555, 0.0019),
            ("v3.1.1_dcc-vacuumlab-CDG.xml", "75999PTB20", 26.650, 0.040),
            ("v2.4.0_siliziumkugel.xml", "PTB - 11129 18", 1.00007841, 0.00000005),
            ("v3.0.0_example.xml", "PTB - 11044 17", 10.000006e-3, 0.000004e-3),
        ])
    func statedValues(file: String, id: String, value: Double, expanded: Double) throws {
        let path = (Self.examples as NSString).appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: path) else {
            print("DCC conformance: skipped \(file), \(Self.examples) is absent")
            return
        }
        let record = try #require(DCCImporter(schemas: Self.schemas).importFile(path).record)
        #expect(record.id == id)
        let first = try #require(record.points.first)
        #expect(abs(first.value!.si - value) <= 1e-12 * value)
        #expect(abs(first.expanded!.value.si - expanded) <= 1e-12 * expanded)
        #expect(first.expanded?.k == 2 && first.expanded?.coverage == 0.95)
    }

    @Test("a certificate that breaks its schema is refused, naming the schema and line")
    func schemaViolation() throws {
        let path = (Self.examples as NSString).appendingPathComponent("v3.1.1_dcc-vacuumlab-SRG.xml")
        guard let data = FileManager.default.contents(atPath: path) else {
            print("DCC conformance: skipped, \(Self.examples) is absent")
            return
        }
        let broken = String(decoding: data, as: UTF8.self)
            .replacingOccurrences(
                of: "<dcc:performanceLocation>laboratory</dcc:performanceLocation>",
                with: "<dcc:performanceLocation>on the moon</dcc:performanceLocation>")
        let imported = DCCImporter(schemas: Self.schemas).importCertificate(Array(broken.utf8), named: "broken.xml")
        #expect(imported.isRefused)
        let violation = try #require(
            imported.diagnostics.first { $0.message.contains("not valid against dcc_v3.1.1.xsd") })
        #expect(
            violation.path
                == "/dcc:digitalCalibrationCertificate/dcc:administrativeData/dcc:coreData/dcc:performanceLocation")
        #expect(violation.line != nil)
        #expect(
            violation.description.hasPrefix("broken.xml:\(violation.line ?? 0): /dcc:digitalCalibrationCertificate/"))
    }
}
