import Foundation
import MetroTrace

/// What a dataset path holds, decided once from the file system and a file's first
/// bytes: a network snapshot, a folder of spreadsheet tables, or dataset documents.
enum DatasetSource {
    /// A network snapshot (`metrotrace compile`), mapped.
    case snapshot(MappedBytes)
    /// A folder of spreadsheet tables (docs/spreadsheets.md).
    case tables(folder: String)
    /// JSON documents: the file itself, or the `.json` files under a folder in path
    /// order, with their sizes in bytes.
    case documents([(file: String, size: Int)])

    /// What `path` holds.
    ///
    /// - Throws: a diagnostic naming `path` when it does not exist, is a damaged
    ///   snapshot, is a folder holding neither tables nor documents, or holds both.
    static func of(_ path: String) throws(Diagnostic) -> DatasetSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic(.error, file: path, text: .key("diagnostic.path.missing"))
        }
        guard isDirectory.boolValue else { return try file(path) }
        let documents = try documents(under: path)
        guard DatasetTablesReader.holdsTables(path) else {
            guard !documents.isEmpty else {
                throw Diagnostic(.error, file: path, text: .key("diagnostic.folder.no-documents"))
            }
            return .documents(documents)
        }
        // Tables and documents side by side: which is the dataset cannot be told, and
        // reading either would silently drop the other.
        guard documents.isEmpty else {
            let names = documents.prefix(3).map { String($0.file.dropFirst(path.count).drop { $0 == "/" }) }
            throw Diagnostic(
                .error, file: path,
                message:
                    "the folder holds spreadsheet tables (labs.csv, items.csv, calibrations.csv) and JSON documents (\(names.joined(separator: ", "))\(documents.count > 3 ? ", …" : "")); a dataset is one or the other: move the tables or the documents into a folder of their own"
            )
        }
        return .tables(folder: path)
    }

    /// A single file: a snapshot when its first bytes say so, otherwise a document.
    private static func file(_ path: String) throws(Diagnostic) -> DatasetSource {
        let storage: MappedBytes
        switch DatasetLoader.contents(of: path) {
        case .success(let mapped): storage = mapped
        // Unreadable: the document reader reports it, as for any document.
        case .failure: return .documents([(path, 0)])
        }
        let bytes = UnsafeRawBufferPointer(storage.bytes)
        if NetworkSnapshot.isSnapshot(bytes) { return .snapshot(storage) }
        if NetworkSnapshot.isDamagedSnapshot(bytes)
            || (path.lowercased().hasSuffix(".mtnet") && bytes.first.map { $0 != UInt8(ascii: "{") } ?? false)
        {
            throw Diagnostic(
                .error, file: path,
                message:
                    "snapshot is damaged: its first bytes are not those of a MetroTrace network snapshot; compile it again from its dataset"
            )
        }
        return .documents([(path, bytes.count)])
    }

    /// The `.json` files under `folder` (hidden ones left out), in path order, with sizes.
    private static func documents(under folder: String) throws(Diagnostic) -> [(file: String, size: Int)] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw Diagnostic(.error, file: folder, text: .key("diagnostic.folder.unlistable"))
        }
        var files: [(file: String, size: Int)] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            if relative.lowercased().hasSuffix(".json") {
                let size = enumerator.fileAttributes?[.size] as? Int ?? 0
                files.append(((folder as NSString).appendingPathComponent(relative), size))
            }
        }
        return files.sorted { $0.file < $1.file }
    }
}
