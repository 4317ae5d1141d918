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
    /// - Parameters:
    ///   - path: a dataset document, a folder of documents or of tables, or a snapshot.
    ///   - diagnosticLimit: how many errors and warnings are kept (all are counted).
    /// - Throws: `DatasetError` with every problem found, naming file, line, JSON path
    ///   and the lab, item or record concerned.
    ///
    /// A network snapshot (`metrotrace compile`, `.mtnet`) is recognised by its first
    /// bytes and loaded instead.
    public static func load(_ path: String, diagnosticLimit: Int = 1000) throws(DatasetError)
        -> LoadedNetwork
    {
        try load(path, diagnosticLimit: diagnosticLimit, pipelineThreshold: pipelineThreshold)
    }

    /// ``load(_:diagnosticLimit:)`` for async code: the loading runs on a thread of its
    /// own, never on the cooperative pool of Swift concurrency, so that a service loading
    /// a national dataset (tens of seconds) keeps serving other requests. The load is not
    /// cancelled with the task: it runs to its end and its result is dropped.
    ///
    /// - Throws: `DatasetError` as ``load(_:diagnosticLimit:)`` does.
    public static func loadInBackground(_ path: String, diagnosticLimit: Int = 1000) async throws(DatasetError)
        -> LoadedNetwork
    {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<LoadedNetwork, DatasetError>, Never>) in
            let thread = Thread {
                do throws(DatasetError) {
                    continuation.resume(returning: .success(try load(path, diagnosticLimit: diagnosticLimit)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            thread.name = "metrotrace-load"
            thread.stackSize = 8 << 20
            thread.start()
        }
        return try result.get()
    }

    /// ``load(_:diagnosticLimit:)`` reading on two threads from `pipelineThreshold`
    /// bytes on (tests set it to 0 to read small datasets that way).
    static func load(_ path: String, diagnosticLimit: Int, pipelineThreshold: Int) throws(DatasetError)
        -> LoadedNetwork
    {
        let source: DatasetSource
        do throws(Diagnostic) {
            source = try DatasetSource.of(path)
        } catch {
            throw DatasetError(log: DiagnosticLog([error], limit: diagnosticLimit))
        }
        var builder = NetworkBuilder(diagnosticLimit: diagnosticLimit)
        let files: [String]
        switch source {
        case .snapshot(let storage):
            return try loadSnapshot(storage, path: path)
        case .tables(let folder):
            files = DatasetTablesReader.read(directory: folder, into: &builder)
        case .documents(let documents):
            // About 300 bytes per record and four records per item in large datasets.
            let bytes = documents.reduce(0) { $0 + $1.size }
            if bytes > 1 << 20 { builder.reserveCapacity(records: bytes / 300, items: bytes / 1200) }
            if bytes >= pipelineThreshold {
                // Parsing on this thread, adding on a second one.
                let pipeline = PipelinedSink(consume builder)
                var sink = pipeline
                files = read(documents.map(\.file), into: &sink)
                builder = pipeline.finish()
            } else {
                files = read(documents.map(\.file), into: &builder)
            }
        }
        // Resolution runs even after reading errors, so one run reports everything.
        let network = try builder.build()
        return LoadedNetwork(network: network, files: files, warnings: builder.log)
    }

    /// The network in a mapped snapshot file.
    static func loadSnapshot(_ storage: MappedBytes, path: String) throws(DatasetError) -> LoadedNetwork {
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

    /// Reads a dataset into a `Dataset` document model, for editing and export.
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
        do throws(Diagnostic) {
            switch try DatasetSource.of(path) {
            case .snapshot:
                sink.report(
                    Diagnostic(
                        .error, file: path,
                        message:
                            "this is a network snapshot, which holds a frozen network rather than a dataset to read or edit; use the dataset it was compiled from"
                    ))
                return []
            case .tables(let folder):
                return DatasetTablesReader.read(directory: folder, into: &sink)
            case .documents(let documents):
                return read(documents.map(\.file), into: &sink)
            }
        } catch {
            sink.report(error)
            return []
        }
    }

    /// Reads the documents `files`, in order, into `sink`; returns them.
    private static func read<Sink: DatasetSink>(_ files: [String], into sink: inout Sink) -> [String] {
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
        _ = DatasetDocumentReader.read(storage: MappedBytes(copying: bytes), file: name, into: &sink)
    }

    /// A file's bytes, mapped read-only; files over ``maximumFileSize`` are refused.
    static func contents(of file: String) -> Result<MappedBytes, Diagnostic> {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        if let size = attributes?[.size] as? Int, size > maximumFileSize {
            return .failure(
                Diagnostic(
                    .error, file: file,
                    message:
                        "file is \(size >> 20) MiB, more than the \(maximumFileSize >> 30) GiB a dataset document may have; split it into a folder of documents"
                ))
        }
        do {
            return .success(try MappedBytes(mapping: file))
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

    /// A loaded network.
    public init(network: Network, files: [String], warnings: DiagnosticLog = DiagnosticLog()) {
        self.network = network
        self.files = files
        self.warnings = warnings
    }
}
