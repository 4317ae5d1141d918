import Foundation
import MetroTrace
import Testing

@testable import MetroTraceIO

@Suite("What a dataset path holds")
struct DatasetSourceTests {
    @Test("a folder of documents lists them in path order with their sizes (which decide pipelined reading)")
    func documents() throws {
        guard case .documents(let documents) = try DatasetSource.of(SampleNetworkTests.sample) else {
            Issue.record("the sample is a folder of documents")
            return
        }
        #expect(
            documents.map { ($0.file as NSString).lastPathComponent }
                == documents.map { ($0.file as NSString).lastPathComponent }.sorted())
        for document in documents {
            let size = try FileManager.default.attributesOfItem(atPath: document.file)[.size] as? Int
            #expect(document.size == size && document.size > 0, "\(document.file)")
        }
    }

    @Test("a missing path and an empty folder are reported with the path")
    func missing() throws {
        #expect(throws: Diagnostic.self) { try DatasetSource.of("/no/such/dataset") }
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: empty) }
        do {
            _ = try DatasetSource.of(empty)
            Issue.record("an empty folder is not a dataset")
        } catch {
            #expect(error.file == empty && error.message.contains("no .json dataset documents"))
        }
    }
}
