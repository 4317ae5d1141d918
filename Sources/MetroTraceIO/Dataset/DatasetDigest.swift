import Foundation
import MetroTrace

/// The SHA-256 digest that identifies a dataset in audit documents.
public enum DatasetDigest {
    /// The digest of a dataset file's bytes; for a folder, of each document's path
    /// (relative to the folder), a NUL byte and its bytes' own digest, in path order.
    /// Nil when a file cannot be read.
    public static func of(_ path: String, files: [String]) -> String? {
        if files == [path] {
            guard case .success(let storage) = DatasetLoader.contents(of: path) else { return nil }
            var hasher = SHA256()
            hasher.update(storage.bytes)
            return hasher.finalizeHex()
        }
        var hasher = SHA256()
        for file in files {
            guard case .success(let storage) = DatasetLoader.contents(of: file) else { return nil }
            let relative =
                file.hasPrefix(path) ? String(file.dropFirst(path.count)).drop { $0 == "/" } : Substring(file)
            hasher.update(Array(relative.utf8) + [0])
            var fileHasher = SHA256()
            fileHasher.update(storage.bytes)
            hasher.update(Array(fileHasher.finalizeHex().utf8))
        }
        return hasher.finalizeHex()
    }
}
