import Foundation
import MetroTrace

/// Reads datasets from disk: one JSON document (format v1), a folder whose `.json`
/// files (searched recursively, read in path order) are documents merged into one
/// network, or a folder of spreadsheet tables (`labs.csv`, `items.csv`, …).
public enum DatasetLoader {
    /// The largest file read, 8 GiB: larger files are refused rather than exhausting
    /// memory.
    public static let maximumFileSize = 8 << 30

    /// Datasets larger than this (in bytes) are read on two threads: one parses, the
    /// other adds what was parsed to the network builder (``PipelinedSink``).
    static let pipelineThreshold = 4 << 20

    /// Loads and freezes a dataset for queries.
    ///
    /// - Parameter diagnosticLimit: how many errors and warnings are kept (all are counted).
    /// - Throws: ``DatasetError`` with every problem found, naming file, line, JSON path
    ///   and the lab, item or record concerned.
    ///
    /// A network snapshot (`metrotrace compile`, `.mtnet`) is recognised by its first
    /// bytes and loaded instead.
    public static func load(_ path: String, diagnosticLimit: Int = 1000) throws(DatasetError)
        -> LoadedNetwork
    {
        try load(path, diagnosticLimit: diagnosticLimit, pipelineThreshold: pipelineThreshold)
    }

    /// ``load(_:diagnosticLimit:)`` reading on two threads from `pipelineThreshold`
    /// bytes on (tests set it to 0 to read small datasets that way).
    static func load(_ path: String, diagnosticLimit: Int, pipelineThreshold: Int) throws(DatasetError)
        -> LoadedNetwork
    {
        if let snapshot = try loadSnapshot(path) { return snapshot }
        var builder = NetworkBuilder(diagnosticLimit: diagnosticLimit)
        // About 300 bytes per record and four records per item in large datasets.
        let bytes = (try? documents(at: path))?.compactMap { file in
            (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int
        }.reduce(0, +) ?? 0
        if bytes > 1 << 20 { builder.reserveCapacity(records: bytes / 300, items: bytes / 1200) }
        let files: [String]
        if bytes >= pipelineThreshold {
            // Parsing on this thread, adding on a second one.
            let pipeline = PipelinedSink(consume builder)
            var sink = pipeline
            files = read(path, into: &sink)
            builder = pipeline.finish()
        } else {
            files = read(path, into: &builder)
        }
        // Resolution runs even after reading errors, so one run reports everything.
        let network = try builder.build()
        return LoadedNetwork(network: network, files: files, warnings: builder.log)
    }

    /// The network in a snapshot file, or nil when `path` is not one.
    static func loadSnapshot(_ path: String) throws(DatasetError) -> LoadedNetwork? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              case .success(let storage) = contents(of: path)
        else { return nil }
        let bytes = UnsafeRawBufferPointer(storage.bytes)
        guard NetworkSnapshot.isSnapshot(bytes) else {
            if NetworkSnapshot.isDamagedSnapshot(bytes) || (path.lowercased().hasSuffix(".mtnet") && bytes.first.map { $0 != UInt8(ascii: "{") } ?? false) {
                throw DatasetError(log: DiagnosticLog([Diagnostic(.error, file: path, message:
                    "snapshot is damaged: its first bytes are not those of a MetroTrace network snapshot; compile it again from its dataset")]))
            }
            return nil
        }
        do {
            let network = try NetworkSnapshot.decode(UnsafeRawBufferPointer(storage.bytes), release: storage.release)
            return LoadedNetwork(network: network, files: [path], warnings: DiagnosticLog())
        } catch {
            var log = DiagnosticLog()
            log.append(Diagnostic(.error, file: path, message: error.message))
            throw DatasetError(log: log)
        }
    }

    /// Writes a network snapshot to `path`, whole or not at all (``AtomicFile``).
    /// - Throws: ``AtomicFile/Failure`` when the file cannot be written.
    public static func writeSnapshot(of network: Network, to path: String) throws(AtomicFile.Failure) {
        try AtomicFile.replace(path, bytes: NetworkSnapshot.encode(network))
    }

    /// Reads a dataset into a ``Dataset`` document model, for editing and export.
    public static func readDataset(_ path: String) throws(DatasetError)
        -> (dataset: Dataset, warnings: DiagnosticLog)
    {
        var collector = DatasetCollector()
        _ = read(path, into: &collector)
        if collector.log.hasErrors { throw DatasetError(log: collector.log) }
        return (collector.dataset, collector.log)
    }

    /// Reads every document of a dataset file or folder into `sink`, reporting problems
    /// to it. Returns the files read.
    @discardableResult
    public static func read<Sink: DatasetSink>(_ path: String, into sink: inout Sink) -> [String] {
        // A folder of spreadsheet tables (docs/spreadsheets.md) is a dataset too.
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
           DatasetTablesReader.holdsTables(path)
        {
            // Tables and documents side by side: which is the dataset cannot be told, and
            // reading either would silently drop the other.
            if let documents = try? documents(at: path) {
                let names = documents.prefix(3).map { String($0.dropFirst(path.count).drop { $0 == "/" }) }
                sink.report(Diagnostic(.error, file: path, message:
                    "the folder holds spreadsheet tables (labs.csv, items.csv, calibrations.csv) and JSON documents (\(names.joined(separator: ", "))\(documents.count > 3 ? ", …" : "")); a dataset is one or the other: move the tables or the documents into a folder of their own"))
                return []
            }
            return DatasetTablesReader.read(directory: path, into: &sink)
        }
        let files: [String]
        do {
            files = try documents(at: path)
        } catch {
            sink.report(error)
            return []
        }
        for file in files {
            switch contents(of: file) {
            case .success(let storage):
                _ = DatasetDocumentReader.read(storage: storage, file: file, into: &sink)
            case .failure(let diagnostic):
                sink.report(diagnostic)
            }
        }
        return files
    }

    /// Reads one document from memory into `sink` (for tests and embedding services).
    public static func read<Sink: DatasetSink>(bytes: [UInt8], named name: String, into sink: inout Sink) {
        _ = DatasetDocumentReader.read(storage: JSONBytes(copying: bytes), file: name, into: &sink)
    }

    /// The dataset documents at `path`: the file itself, or the `.json` files under a
    /// folder in path order.
    static func documents(at path: String) throws(Diagnostic) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic(.error, file: path, message: "no such file or folder")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw Diagnostic(.error, file: path, message: "cannot list the folder")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            if relative.lowercased().hasSuffix(".json") {
                files.append((path as NSString).appendingPathComponent(relative))
            }
        }
        guard !files.isEmpty else {
            throw Diagnostic(.error, file: path, message: "the folder holds no .json dataset documents")
        }
        return files.sorted()
    }

    /// A file's bytes, mapped read-only; files over ``maximumFileSize`` are refused.
    static func contents(of file: String) -> Result<JSONBytes, Diagnostic> {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        if let size = attributes?[.size] as? Int, size > maximumFileSize {
            return .failure(Diagnostic(
                .error, file: file,
                message: "file is \(size >> 20) MiB, more than the \(maximumFileSize >> 30) GiB a dataset document may have; split it into a folder of documents"))
        }
        do {
            return .success(try JSONBytes(mapping: file))
        } catch {
            return .failure(Diagnostic(.error, file: file, message: error.message))
        }
    }
}

extension Diagnostic: Error {}

/// A dataset loaded for queries: the frozen network, the files it came from and the
/// warnings found.
public struct LoadedNetwork: Sendable {
    /// The frozen network.
    public var network: Network
    /// The files read, in order.
    public var files: [String]
    /// Warnings found while loading (there were no errors).
    public var warnings: DiagnosticLog
}
