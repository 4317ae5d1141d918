import Foundation
import MetroTraceIO
import Testing

@testable import MetroTrace
@testable import MetroTraceGraphviz

@Suite("Audit bundles")
struct AuditBundleTests {
    @Test(
        "file names never leave their folder and never collide",
        arguments: [
            ("../../etc/x", "_._.._etc_x"), ("a/b", "a_b"), ("a\u{0}b", "a_b"), ("CON", "_CON"),
            ("nul.txt", "_nul.txt"),
            ("com1", "_com1"), (".hidden", "_hidden"), ("", "_"), ("中文-01", "中文-01"), ("a:b*c?", "a_b_c_"),
        ])
    func sanitized(_ id: String, _ expected: String) {
        let name = FileNames.sanitized(id)
        #expect(name == expected)
        #expect(!name.contains("/") && !name.contains("\u{0}") && !name.hasPrefix("."))
    }

    @Test("ids that sanitise alike get distinct files")
    func unique() {
        let names = FileNames.unique(["a/b", "a_b", "a:b", "A_B", "index"], extension: "svg")
        #expect(names == ["a_b.svg", "a_b-2.svg", "a_b-3.svg", "A_B-4.svg", "index.svg"])
        #expect(Set(names.map { $0.lowercased() }).count == names.count)
    }

    @Test("a bundle has a diagram per item, an index linking them and a verifiable manifest")
    func bundle() throws {
        let network = ChainDiagramTests.network
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bundle = try AuditBundle.write(
            analysis: ChainDiagramTests.analysis, at: ChainDiagramTests.day, context: ChainDiagramTests.context,
            format: .svg, to: directory, writeFile: SHA256Hex.write)
        #expect(bundle.entries.count == network.itemCount)
        #expect(bundle.failures.isEmpty)
        #expect(bundle.hasBrokenChains)
        let index = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        for entry in bundle.entries {
            let file = try #require(entry.file)
            #expect(index.contains("href=\"\(file)\""))
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path))
        }
        let manifest = try String(contentsOf: directory.appendingPathComponent("MANIFEST.sha256"), encoding: .utf8)
        let lines = manifest.split(separator: "\n")
        #expect(lines.count == network.itemCount + 1)
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 1)
            let file = String(parts[1].dropFirst())
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
            #expect(SHA256Hex.of(bytes) == String(parts[0]), "\(file)")
        }
    }

    /// A network whose ids are hostile to file systems and to DOT: one of 90 Chinese
    /// characters (270 bytes), and ones equal to the names of the diagrams' own nodes.
    static func hostileNetwork(ids: [String]) throws -> Network {
        var builder = NetworkBuilder()
        let kg = try Unit.parse("kg")
        builder.add(
            Lab(
                id: "L", name: "实验室", kind: .calibrationLab,
                accreditations: [Accreditation(scheme: "CNAS", window: DateWindow(from: nil, to: nil))],
                capabilities: [
                    Capability(
                        quantity: "mass", activity: .calibration,
                        range: QuantityRange(.init(0, kg, scale: .absolute), .init(10, kg, scale: .absolute)),
                        window: DateWindow(from: nil, to: nil))
                ]))
        builder.add(Item(id: "SI", name: "kilogram", kind: .siRealization, quantity: "mass", unit: kg, lab: "L"))
        for (index, id) in ids.enumerated() {
            builder.add(
                Item(id: id, name: "weight \(index)", kind: .workingStandard, quantity: "mass", unit: kg, lab: "L"))
            builder.add(
                CalibrationRecord(
                    id: "R\(index)", activity: .calibration, item: id, lab: "L", date: Day(iso: "2026-01-05")!,
                    due: Day(iso: "2027-01-04")!,
                    references: [Reference(item: "SI", at: QuantityValue(1, kg, scale: .absolute))],
                    points: [
                        CalibrationPoint(
                            nominal: QuantityValue(1, kg, scale: .absolute),
                            expanded: ExpandedUncertainty(QuantityValue(1e-6, kg, scale: .interval), k: 2))
                    ]))
        }
        return try builder.build()
    }

    @Test("an id of 90 Chinese characters gets a file name the file system takes; the bundle completes")
    func longNames() throws {
        let long = String(repeating: "计", count: 90)
        #expect(FileNames.sanitized(long).utf8.count <= FileNames.maximumStemBytes)
        #expect(FileNames.sanitized(long).unicodeScalars.allSatisfy { $0 == "计" })
        let network = try Self.hostileNetwork(ids: [long, "W"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bundle = try AuditBundle.write(
            analysis: network.analysis(), at: Day(iso: "2026-06-01")!,
            context: DiagramContext(datasetName: "long", digest: nil), format: .dot, to: directory,
            writeFile: SHA256Hex.write)
        #expect(bundle.failures.isEmpty, "\(bundle.failures.map { $0.error ?? "" })")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.contains("index.html") && files.contains("MANIFEST.sha256"))
        #expect(files.count == network.itemCount + 2)
    }

    @Test("a diagram that cannot be written is listed in the index with the reason; the bundle completes")
    func failedDiagram() throws {
        let network = try Self.hostileNetwork(ids: ["W", "V"])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bundle-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        // A folder where W's diagram should go: its file cannot be written.
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("W.dot/x"), withIntermediateDirectories: true)
        let bundle = try AuditBundle.write(
            analysis: network.analysis(), at: Day(iso: "2026-06-01")!,
            context: DiagramContext(datasetName: "failing", digest: nil), format: .dot, to: directory,
            writeFile: SHA256Hex.write)
        let failure = try #require(bundle.failures.first)
        #expect(network.id(of: failure.item) == "W")
        #expect(failure.error?.contains("cannot write W.dot") == true, "\(failure.error ?? "")")
        let index = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("not drawn: cannot write W.dot"))
        let manifest = try String(contentsOf: directory.appendingPathComponent("MANIFEST.sha256"), encoding: .utf8)
        #expect(manifest.contains("  V.dot\n") && manifest.contains("  index.html\n") && !manifest.contains("W.dot"))
    }

    @Test(
        "items whose ids are the names of the diagrams' own nodes stay distinct nodes",
        arguments: ["legend", "no reference for R0", "more", "instruments 1"])
    func internalNames(_ id: String) throws {
        let network = try Self.hostileNetwork(ids: [id])
        let analysis = network.analysis()
        let chain = analysis.chain(of: network.item(id: id)!, at: Day(iso: "2026-06-01")!)
        let labels = try GraphvizRenderer.shared.parse(
            dot: ChainDiagram.dot(chain, analysis: analysis, context: DiagramContext(datasetName: "n", digest: nil)))
        #expect(labels[NodeName.item(id)]?.contains("weight 0") == true)
        #expect(labels[NodeName.legend] != nil)
        #expect(labels[NodeName.legend] != labels[NodeName.item(id)])
        let scheme = try GraphvizRenderer.shared.parse(
            dot: SchemeDiagram.graph(
                quantity: "mass", analysis: analysis, at: Day(iso: "2026-06-01")!,
                context: DiagramContext(datasetName: "n", digest: nil))!.text)
        #expect(scheme[NodeName.item(id)] != nil && scheme[NodeName.legend] != nil)
    }
}

enum SHA256Hex {
    static func of(_ data: Data) -> String { SHA256.hex([UInt8](data)) }
    /// How the command line writes a bundle's files.
    static func write(_ path: String, _ bytes: [UInt8]) throws { try AtomicFile.replace(path, bytes: bytes) }
}
