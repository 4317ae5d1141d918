import Foundation
import Testing

/// Hostile and mistaken input through the command line, as users meet it: never a hang,
/// a crash or a silent drop; always exit status 2 with the file, path and entity.
@Suite("robustness of the command line")
struct RobustnessCommandTests {
    static func folder(_ name: String) throws -> String {
        let folder = NSTemporaryDirectory() + "metrotrace-\(name)-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static let valid = CommandLineTests.fixture("valid.json")

    @Test("a named pipe given as a dataset document, a policy or a certificate is refused at once, never waited on")
    func namedPipes() throws {
        let folder = try Self.folder("fifo")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Self.valid, toPath: folder + "/01-valid.json")
        #expect(mkfifo(folder + "/02-pipe.json", 0o644) == 0)
        let dataset = try CommandLineTests.run(["check", folder, "--at", "2026-01-01"], timeout: 30)
        #expect(dataset.status == 2, "\(dataset.error)")
        #expect(dataset.error.contains("02-pipe.json: not a regular file (a named pipe)"), "\(dataset.error)")
        let policy = try CommandLineTests.run(["check", Self.valid, "--policy", folder + "/02-pipe.json"], timeout: 30)
        #expect(policy.status == 2 && policy.error.contains("not a regular file"), "\(policy.error)")
        #expect(mkfifo(folder + "/certificate.xml", 0o644) == 0)
        let certificate = try CommandLineTests.run(
            ["import", "dcc", folder + "/certificate.xml", "--into", folder + "/out", "--allow-unvalidated"],
            timeout: 30)
        #expect(certificate.status == 2 && certificate.error.contains("not a regular file"), "\(certificate.error)")
    }

    @Test("a value that overflows to infinity is refused with its file, path and record")
    func overflow() throws {
        let folder = try Self.folder("overflow")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try String(contentsOfFile: Self.valid, encoding: .utf8).replacingOccurrences(
            of: "\"0.05 mg\"", with: "\"1e308 Qg\"")
        try text.write(toFile: folder + "/inf.json", atomically: true, encoding: .utf8)
        let run = try CommandLineTests.run(["check", folder + "/inf.json", "--at", "2026-01-01"])
        #expect(run.status == 2)
        #expect(
            run.error.contains("inf.json:")
                && run.error.contains("calibrations[0].points[0].U (record NIM-2025-1): \"1e308 Qg\" is out of range"),
            "\(run.error)")
    }

    @Test("misspelled policy keys are printed as warnings naming file and key")
    func policyWarnings() throws {
        let folder = try Self.folder("policy")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #"{"metrotracePolicy": 1, "maximumIntervalMonth": {"instrument": 12}}"#.write(
            toFile: folder + "/p.json", atomically: true, encoding: .utf8)
        let run = try CommandLineTests.run(["check", Self.valid, "--at", "2026-01-01", "--policy", folder + "/p.json"])
        #expect(run.status == 0)
        #expect(
            run.error.contains(
                "p.json:1: warning: maximumIntervalMonth: unknown field \"maximumIntervalMonth\" ignored"),
            "\(run.error)")
    }

    @Test(
        "options out of range are invalid input",
        arguments: [
            (
                ["report", "data/sample", "--at", "2026-11-26", "-o", "/dev/null", "--diagrams=-1"],
                "--diagrams must be 0 or more"
            ),
            (
                ["impact", "data/sample", "AUTO-TWC", "--found-out-of-tolerance", "2026-06-01", "--deviation", "5 kg"],
                "is a standard of torque"
            ),
            (
                [
                    "impact", "data/sample", "AUTO-TWC", "--found-out-of-tolerance", "2026-06-01", "--deviation",
                    "1e308 QN·m",
                ], "out of range"
            ),
            (["import", "csv", "data/sample", "--into", "/tmp/x", "--lock-timeout", "-1"], "--lock-timeout"),
        ])
    func options(_ arguments: [String], _ mention: String) throws {
        let run = try CommandLineTests.run(arguments)
        #expect(run.status == 2, "\(run.error)")
        #expect(run.error.contains(mention), "\(run.error)")
    }

    @Test("export csv writes a whole folder or nothing, and never into a folder that holds files")
    func exportWholeOrNothing() throws {
        let folder = try Self.folder("export")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try CommandLineTests.run(["export", "csv", "data/sample", "--out", folder + "/tables"])
        #expect(run.status == 0, "\(run.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/tables").count == 13)
        try "notes".write(toFile: folder + "/busy.txt", atomically: true, encoding: .utf8)
        let busy = try CommandLineTests.run(["export", "csv", "data/sample", "--out", folder])
        #expect(
            busy.status == 2 && busy.error.contains("not empty") && busy.error.contains("nothing was written"),
            "\(busy.error)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["busy.txt", "tables"])
        // An empty folder is filled.
        try FileManager.default.createDirectory(atPath: folder + "/empty", withIntermediateDirectories: true)
        #expect(try CommandLineTests.run(["export", "csv", "data/sample", "--out", folder + "/empty"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/empty").count == 13)
    }

    @Test("an import waits for the folder's lock, or gives up after --lock-timeout with nothing written")
    func lockTimeout() throws {
        let folder = try Self.folder("lock")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Self.valid, toPath: folder + "/01-valid.json")
        // Another writer holds the lock.
        let descriptor = open(folder + "/.metrotrace.lock", O_RDWR | O_CREAT, 0o644)
        #expect(flock(descriptor, LOCK_EX) == 0)
        defer { close(descriptor) }
        let tables = try Self.folder("lock-tables")
        defer { try? FileManager.default.removeItem(atPath: tables) }
        #expect(try CommandLineTests.run(["export", "csv", "data/sample", "--out", tables + "/t"]).status == 0)
        let run = try CommandLineTests.run(
            ["import", "csv", tables + "/t", "--into", folder, "--lock-timeout", "1"], timeout: 60)
        #expect(run.status == 2, "\(run.error)")
        #expect(run.error.contains("another import into this folder is running; waiting"))
        #expect(
            run.error.contains("held its lock (.metrotrace.lock) for more than 1 s; nothing was written"),
            "\(run.error)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") } == [
                "01-valid.json"
            ])
    }
}
