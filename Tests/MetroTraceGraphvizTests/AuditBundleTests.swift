import Foundation
import Testing

@testable import MetroTrace
@testable import MetroTraceGraphviz

@Suite("Audit bundles")
struct AuditBundleTests {
    @Test("file names never leave their folder and never collide", arguments: [
        ("../../etc/x", "_._.._etc_x"), ("a/b", "a_b"), ("a\u{0}b", "a_b"), ("CON", "_CON"), ("nul.txt", "_nul.txt"),
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
            format: .svg, to: directory)
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
}

import MetroTraceIO

enum SHA256Hex {
    static func of(_ data: Data) -> String { SHA256.hex([UInt8](data)) }
}
