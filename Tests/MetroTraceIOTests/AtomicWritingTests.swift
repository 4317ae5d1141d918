import Foundation
import MetroTrace
import Testing

@testable import MetroTraceIO

/// Files and folders appear whole or not at all, a new file never replaces one, and a
/// dataset folder has one writer at a time.
@Suite("Atomic writing and the folder lock")
struct AtomicWritingTests {
    static func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "metrotrace-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("a new file never replaces one, and leaves no temporary file behind")
    func createNeverOverwrites() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AtomicFile.create(folder + "/a.json", bytes: Array("first".utf8))
        #expect {
            try AtomicFile.create(folder + "/a.json", bytes: Array("second".utf8))
        } throws: { error in
            "\(error)".contains("exists already")
        }
        #expect(try String(contentsOfFile: folder + "/a.json", encoding: .utf8) == "first")
        try AtomicFile.replace(folder + "/a.json", bytes: Array("third".utf8))
        #expect(try String(contentsOfFile: folder + "/a.json", encoding: .utf8) == "third")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["a.json"])
    }

    @Test("a folder of files appears whole; a folder that holds something is refused")
    func createFolder() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AtomicFile.createFolder(folder + "/out", files: [("x.csv", [1]), ("y.csv", [2])])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out").sorted() == ["x.csv", "y.csv"])
        #expect(throws: AtomicFile.Failure.self) {
            try AtomicFile.createFolder(folder + "/out", files: [("z.csv", [3])])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["out"])
    }

    @Test("the lock is exclusive; a folder created for it and left empty is removed with it")
    func lock() throws {
        let parent = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let folder = parent + "/dataset"
        let held = try DatasetFolderLock.acquire(folder)
        #expect(held.createdFolder)
        var waited = false
        #expect(throws: DatasetError.self) {
            _ = try DatasetFolderLock.acquire(folder, timeout: 0.2) { waited = true }
        }
        #expect(waited)
        held.release()
        #expect(!FileManager.default.fileExists(atPath: folder))
        // Taken again after release (the folder made anew), and kept when written to.
        let again = try DatasetFolderLock.acquire(folder)
        try AtomicFile.create(folder + "/01.json", bytes: Array("{}".utf8))
        again.release()
        #expect(FileManager.default.fileExists(atPath: folder + "/01.json"))
    }

    @Test("an import removes what a killed one left, and loaders never read it")
    func leftovers() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: CommandLineFixtures.valid, toPath: folder + "/01-valid.json")
        let leftover = folder + "/.02-import-csv.json.partial-999-1"
        try "{\"metrotrace\": 1, \"labs\": [".write(toFile: leftover, atomically: false, encoding: .utf8)
        #expect(AtomicFile.isTemporary(".02-import-csv.json.partial-999-1"))
        #expect(try DatasetLoader.load(folder).network.itemCount == 2)
        let addition = Dataset(labs: [Lab(id: "NEW", name: "new", kind: .calibrationLab)])
        let outcome = try DatasetAddition.add(addition, to: folder, label: "csv")
        #expect(outcome.file?.hasSuffix("/02-import-csv.json") == true)
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(try DatasetLoader.load(folder).network.labCount == 2)
    }
}

/// Where the command-line fixtures are, for tests of this target.
enum CommandLineFixtures {
    static let valid = SampleNetworkTests.root.appendingPathComponent("Tests/metrotraceTests/Fixtures/valid.json").path
}
