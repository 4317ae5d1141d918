import Foundation
import Testing

/// The `metrotrace` binary as users run it: output and documented exit statuses
/// (0 no error findings, 1 error findings, 2 invalid input).
@Suite("metrotrace command line")
struct CommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `metrotrace` under test: `$METROTRACE_BINARY` when set (CI runs these tests
    /// once more against the release build), else the one built next to the test bundle.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["METROTRACE_BINARY"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [directory, directory.deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("metrotrace") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? candidates[0].appendingPathComponent("metrotrace")
    }

    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    /// An empty home folder, so that no schema or setting of the machine's user leaks
    /// into a test.
    static let home: String = {
        let folder = NSTemporaryDirectory() + "metrotrace-home-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }()

    /// The environment commands run in: the test's, with a fresh home, no system data
    /// folders and no schema folder variable, then `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = home
        environment["XDG_DATA_HOME"] = nil
        environment["XDG_DATA_DIRS"] = home + "/no-system-data"
        environment["METROTRACE_DCC_SCHEMAS"] = nil
        environment["METROTRACE_BINARY"] = nil
        // English unless a test asks for another language: the developer's locale must
        // not change what the tests read.
        for name in ["LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS", "NO_COLOR", "PAGER"] { environment[name] = nil }
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Runs the binary with `arguments`; a run that takes longer than `timeout` seconds
    /// is terminated (a hang fails the test instead of stopping the suite).
    static func run(_ arguments: [String], environment extra: [String: String] = [:], timeout: Double = 300) throws
        -> Run
    {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        process.environment = environment(extra)
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        // Both pipes drained at once: a command that fills one while the test waits on the
        // other would never finish.
        final class Collected: @unchecked Sendable { var data = Data() }
        let out = Collected()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            out.data = output.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let err = error.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: out.data, as: UTF8.self),
            error: String(decoding: err, as: UTF8.self))
    }

    static func fixture(_ name: String) -> String {
        root.appendingPathComponent("Tests/metrotraceTests/Fixtures/\(name)").path
    }

    @Test("exit 0 when nothing is broken")
    func valid() throws {
        let run = try Self.run(["check", Self.fixture("valid.json"), "--at", "2026-01-01"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.contains("2 items: 2 valid, 0 with warnings, 0 broken"))
    }

    @Test("exit 1 with error findings, and the sample's table")
    func sample() throws {
        let run = try Self.run(["check", "data/sample", "--at", "2026-11-26"])
        #expect(run.status == 1)
        #expect(run.output.contains("47 items: 30 valid, 6 with warnings, 11 broken"))
        #expect(run.output.contains("✗ broken   MED-PRT"))
        #expect(run.output.contains("record.expired"))
    }

    @Test("--format json prints the documented JSON")
    func json() throws {
        let run = try Self.run(["check", "data/sample", "--at", "2026-11-26", "--format", "json"])
        #expect(run.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
        #expect((object?["summary"] as? [String: Int])?["broken"] == 11)
    }

    @Test(
        "exit 2 on invalid input",
        arguments: [
            (["check", "no/such/file.json", "--at", "2026-01-01"], "no such file"),
            (["check", "data/sample", "--at", "2026-02-30"], "--at"),
            (["check", "data/sample", "--at", "1066-10-14"], "--at"),
            (["check", "data/sample", "--format", "xml"], "--format"),
            (["frobnicate"], "frobnicate"),
        ])
    func invalid(_ arguments: [String], _ mention: String) throws {
        let run = try Self.run(arguments)
        #expect(run.status == 2)
        #expect(run.error.contains(mention), "\(run.error)")
    }

    @Test("exit 2 with every problem of a broken dataset, naming file and path")
    func brokenDataset() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrotrace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("broken.json")
        try
            #"{"metrotrace": 1, "items": [{"id": "X", "name": "x", "kind": "gizmo", "quantity": "mass", "unit": "kg", "lab": "L"}]}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try Self.run(["check", file.path, "--at", "2026-01-01"])
        #expect(run.status == 2)
        #expect(run.error.contains("broken.json:1: items[0].kind (item X): unknown value \"gizmo\""), "\(run.error)")
        #expect(run.output.isEmpty)
    }

    @Test("chain prints the tree, exit 1 when the chain is broken and 0 when it is not")
    func chain() throws {
        let broken = try Self.run(["chain", "data/sample", "KD-TH-02", "--at", "2026-11-26"])
        #expect(broken.status == 1)
        #expect(broken.output.contains("✗ reference.expired"))
        let warning = try Self.run(["chain", "data/sample", "NAP-TW-01", "--at", "2026-11-26", "--format", "json"])
        #expect(warning.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(warning.output.utf8)) as? [String: Any]
        #expect(object?["status"] as? String == "warning")
        let missing = try Self.run(["chain", "data/sample", "NO-SUCH-ITEM", "--at", "2026-11-26"])
        #expect(missing.status == 2)
        #expect(missing.error.contains("no item with id \"NO-SUCH-ITEM\""))
    }

    @Test("--policy changes severities; a bad policy file is invalid input")
    func policy() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrotrace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let strict = directory.appendingPathComponent("strict.json")
        try #"{"metrotracePolicy": 1, "severities": {"record.suspect": "error"}}"#.write(
            to: strict, atomically: true, encoding: .utf8)
        let run = try Self.run(["chain", "data/sample", "NAP-TW-01", "--at", "2026-11-26", "--policy", strict.path])
        #expect(run.status == 1)
        #expect(run.output.contains("policy: \(strict.path)"))
        let bad = directory.appendingPathComponent("bad.json")
        try #"{"metrotracePolicy": 1, "severities": {"no.such.rule": "error"}}"#.write(
            to: bad, atomically: true, encoding: .utf8)
        let refused = try Self.run(["check", "data/sample", "--policy", bad.path])
        #expect(refused.status == 2)
        #expect(refused.error.contains("unknown rule \"no.such.rule\""))
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrotrace-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("diagram writes the format its file name asks for")
    func diagram() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, magic) in [
            ("chain.svg", "<?xml"), ("chain.png", "\u{89}PNG"), ("chain.pdf", "%PDF"), ("chain.dot", "digraph"),
        ] {
            let file = directory.appendingPathComponent(name)
            let run = try Self.run(["diagram", "data/sample", "KD-TH-02", "--at", "2026-11-26", "-o", file.path])
            #expect(run.status == 1, "\(run.error)")
            let data = try Data(contentsOf: file)
            #expect(data.starts(with: Array(magic.unicodeScalars.map { UInt8($0.value) })), "\(name)")
        }
        let unknown = try Self.run([
            "diagram", "data/sample", "KD-TH-02", "-o", directory.appendingPathComponent("chain.gif").path,
        ])
        #expect(unknown.status == 2)
        #expect(unknown.error.contains("cannot tell the format"))
        let valid = try Self.run(["diagram", "data/sample", "JXIM-F1-1kg", "--at", "2026-11-26", "--format", "dot"])
        #expect(valid.status == 0)
        #expect(valid.output.hasPrefix("digraph"))
    }

    @Test("diagrams writes a bundle with an index and a manifest; scheme draws a quantity")
    func bundle() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("audit")
        let run = try Self.run(["diagrams", "data/sample", "--at", "2026-11-26", "--out", out.path])
        #expect(run.status == 1, "\(run.error)")
        #expect(run.error.contains("47 diagrams written"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(files.contains("index.html") && files.contains("MANIFEST.sha256") && files.contains("KD-TH-02.svg"))
        #expect(files.count == 49)
        let scheme = try Self.run(["scheme", "data/sample", "--quantity", "pressure", "--at", "2026-11-26"])
        #expect(scheme.status == 0)
        #expect(scheme.output.contains("MED-PG"))
        let none = try Self.run(["scheme", "data/sample", "--quantity", "luminance", "--at", "2026-11-26"])
        #expect(none.status == 2)
    }

    @Test("scheme -o FILE.html writes the chart with the list of every instrument of its collapsed boxes")
    func schemePage() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataset = directory.appendingPathComponent("g.json").path
        #expect(
            try Self.run(["generate", "--instruments", "400", "--years", "2", "--seed", "3", "-o", dataset]).status == 0
        )
        let page = directory.appendingPathComponent("mass.html").path
        let run = try Self.run(["scheme", dataset, "--quantity", "mass", "--at", "2026-06-01", "-o", page])
        #expect(run.status == 0, "\(run.error)")
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg"))
        #expect(html.contains("Items in collapsed boxes") && html.contains("xlink:href=\"#list-1\""))
        let rows = html.matches(of: try Regex("<tr><td class=\"id\">I[0-9]+</td>")).count
        let dot = try Self.run(["scheme", dataset, "--quantity", "mass", "--at", "2026-06-01", "--format", "dot"])
        let collapsed = dot.output.matches(of: try Regex("([0-9]+) instruments? [·(]")).reduce(0) {
            $0 + Int($1.output[1].substring!)!
        }
        #expect(rows > 0 && rows == collapsed, "\(rows) listed, \(collapsed) counted in the boxes")
    }

    @Test("--help succeeds")
    func help() throws {
        let run = try Self.run(["check", "--help"])
        #expect(run.status == 0)
        #expect(run.output.contains("--at"))
    }

    @Test("generate, compile, and every command on the snapshot; absurd sizes and damaged snapshots are refused")
    func generateAndCompile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dataset = directory.appendingPathComponent("g.json").path
        let snapshot = directory.appendingPathComponent("g.mtnet").path
        let generate = try Self.run(["generate", "--instruments", "200", "--years", "2", "--seed", "3", "-o", dataset])
        #expect(generate.status == 0, "\(generate.error)")
        let compile = try Self.run(["compile", dataset, "-o", snapshot])
        #expect(compile.status == 0, "\(compile.error)")
        let fromJSON = try Self.run(["check", dataset, "--at", "2026-12-31", "--format", "json"])
        let fromSnapshot = try Self.run(["check", snapshot, "--at", "2026-12-31", "--format", "json"])
        #expect(fromJSON.status == fromSnapshot.status)
        // The same results; only the dataset's description (file, digest) differs.
        let summary = { (text: String) in text.components(separatedBy: "\"summary\"").last ?? "" }
        #expect(summary(fromJSON.output) == summary(fromSnapshot.output))
        let chain = try Self.run(["chain", snapshot, "I1", "--at", "2026-12-31"])
        #expect(chain.output.contains("I1"))

        for bad in [
            ["--instruments", "0"], ["--instruments", "-3"], ["--instruments", "999999999999"], ["--years", "0"],
        ] {
            let run = try Self.run(["generate", "--instruments", "10"] + bad + ["-o", dataset])
            #expect(run.status == 2, "\(bad): \(run.error)")
            #expect(run.error.contains("--instruments") || run.error.contains("--years"))
        }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: snapshot))
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: snapshot))
        let corrupt = try Self.run(["check", snapshot])
        #expect(corrupt.status == 2)
        #expect(corrupt.error.contains("g.mtnet") && corrupt.error.contains("checksum"))
        try bytes.prefix(100).write(to: URL(fileURLWithPath: snapshot))
        let truncated = try Self.run(["check", snapshot])
        #expect(truncated.status == 2)
        #expect(truncated.error.contains("truncated"))
    }
}
