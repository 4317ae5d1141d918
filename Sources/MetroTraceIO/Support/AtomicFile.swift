#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing files so that a reader, or the next run after a crash or a `kill -9`, sees
/// either nothing or the whole file: the bytes go to a temporary file in the same folder,
/// are flushed to disk (`fsync`), and the file is then given its name in one step
/// (`link` or `rename`), after which the folder itself is flushed.
///
/// Temporary files are hidden (`.NAME.partial-PID-N`), so dataset loaders, which skip
/// hidden files, never read one that a killed writer left behind.
public enum AtomicFile {
    /// Why a file could not be written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The file concerned.
        public var path: String
        /// What went wrong.
        public var message: String

        public var description: String { "\(path): \(message)" }
    }

    /// The marker in the names of temporary files.
    static let partialMarker = ".partial-"

    /// Writes `bytes` as the new file `path`, which must not exist yet.
    /// - Throws: ``Failure`` when `path` exists or the folder cannot be written; nothing is
    ///   left behind then.
    public static func create(_ path: String, bytes: some Collection<UInt8>) throws(Failure) {
        let temporary = try writeTemporary(beside: path, bytes: bytes)
        // link(2) gives the name only if nobody has it: never overwrites. File systems
        // without hard links get a rename after a check (callers hold the folder's lock).
        if link(temporary, path) == 0 {
            unlink(temporary)
        } else {
            let reason = errno
            let linksUnsupported = reason == EPERM || reason == EOPNOTSUPP || reason == ENOTSUP
            var status = stat()
            let exists = lstat(path, &status) == 0
            if linksUnsupported, !exists, rename(temporary, path) == 0 {
                // Named by rename: no hard links on this file system.
            } else {
                let message =
                    reason == EEXIST || exists
                    ? "the file exists already; it is not overwritten"
                    : String(cString: strerror(linksUnsupported ? errno : reason))
                unlink(temporary)
                throw Failure(path: path, message: message)
            }
        }
        try syncFolder(of: path)
    }

    /// Writes `bytes` to `path`, replacing the file there if there is one.
    /// - Throws: ``Failure`` when the folder cannot be written; the old file, if any, is
    ///   then untouched.
    public static func replace(_ path: String, bytes: some Collection<UInt8>) throws(Failure) {
        let temporary = try writeTemporary(beside: path, bytes: bytes)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(path: path, message: reason)
        }
        try syncFolder(of: path)
    }

    /// A temporary name beside `path` that nothing else uses: `.NAME.partial-PID-N`.
    static func temporaryName(beside path: String) -> String {
        let (folder, name) = split(path)
        let unique = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        return (folder.isEmpty ? "" : folder + "/") + "." + name + partialMarker + unique
    }

    /// Whether a file name is that of a temporary file (a killed writer's leftover).
    public static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(partialMarker)
    }

    /// Writes and flushes a temporary file beside `path`; returns its path.
    static func writeTemporary(beside path: String, bytes: some Collection<UInt8>) throws(Failure) -> String {
        let temporary = temporaryName(beside: path)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(path: path, message: "cannot create a file here: \(String(cString: strerror(errno)))")
        }
        var failure: String?
        let contiguous = Array(bytes)
        contiguous.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                written += count
            }
        }
        if failure == nil, fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temporary)
            throw Failure(path: path, message: "cannot write: \(failure)")
        }
        return temporary
    }

    /// Flushes the folder holding `path`, so that the new name survives a power cut.
    static func syncFolder(of path: String) throws(Failure) {
        try syncFolder(split(path).folder.isEmpty ? "." : split(path).folder)
    }

    /// Flushes a folder's entries to disk.
    public static func syncFolder(_ folder: String) throws(Failure) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(path: folder, message: "cannot open the folder: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else {
            throw Failure(path: folder, message: "cannot flush the folder: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes every file of a new folder `path` (which must not exist, or be empty) so that
    /// the folder appears whole or not at all: the files go into a hidden temporary
    /// folder beside it, each flushed, and the folder is then renamed.
    /// - Parameters:
    ///   - path: the folder to create.
    ///   - files: file names (no `/`) and their bytes.
    /// - Throws: ``Failure``; nothing is left behind then.
    public static func createFolder(_ path: String, files: [(name: String, bytes: [UInt8])]) throws(Failure) {
        var status = stat()
        if lstat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw Failure(path: path, message: "exists and is not a folder")
            }
            guard isEmptyFolder(path) else {
                throw Failure(
                    path: path, message: "the folder exists and is not empty; write into a new or an empty folder")
            }
        }
        let temporary = temporaryName(beside: path)
        guard mkdir(temporary, 0o755) == 0 else {
            throw Failure(path: path, message: "cannot create a folder here: \(String(cString: strerror(errno)))")
        }
        func removeTemporary() {
            for file in files { unlink(temporary + "/" + file.name) }
            rmdir(temporary)
        }
        for file in files {
            precondition(!file.name.contains("/"), "file names of a folder have no /")
            do throws(Failure) {
                let inner = try writeTemporary(beside: temporary + "/" + file.name, bytes: file.bytes)
                guard rename(inner, temporary + "/" + file.name) == 0 else {
                    let reason = String(cString: strerror(errno))
                    unlink(inner)
                    throw Failure(path: path + "/" + file.name, message: "cannot write: \(reason)")
                }
            } catch {
                removeTemporary()
                throw Failure(path: path + "/" + file.name, message: error.message)
            }
        }
        do throws(Failure) {
            try syncFolder(temporary)
        } catch {
            removeTemporary()
            throw error
        }
        // rename(2) replaces an empty folder in one step and refuses a non-empty one.
        guard rename(temporary, path) == 0 else {
            let reason =
                errno == ENOTEMPTY || errno == EEXIST
                ? "the folder was filled by someone else meanwhile; nothing was written"
                : String(cString: strerror(errno))
            removeTemporary()
            throw Failure(path: path, message: reason)
        }
        try syncFolder(of: path)
    }

    /// Replaces the folder `path` — which must hold only files named in `replaceable`
    /// (the tables of an earlier export) — with one holding `files`, in one step: the new
    /// folder is built beside it and the two are exchanged (`renameat2` with
    /// `RENAME_EXCHANGE`), so a reader sees the old tables or the new ones, never a mix;
    /// then the old ones are removed. A missing or empty folder is simply created.
    ///
    /// - Throws: when the folder holds a file not in `replaceable` (named in the
    ///   message), or cannot be replaced; nothing is changed then.
    public static func replaceFolder(
        _ path: String, files: [(name: String, bytes: [UInt8])], replaceable: Set<String>
    ) throws(Failure) {
        guard let existing = entries(of: path), !existing.isEmpty else {
            return try createFolder(path, files: files)
        }
        if let foreign = existing.sorted().first(where: { !replaceable.contains($0) }) {
            throw Failure(
                path: path + "/" + foreign, message: "is not one of the tables; move it away or write elsewhere")
        }
        let temporary = temporaryName(beside: path)
        try createFolder(temporary, files: files)
        guard exchangePaths(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            for file in files { unlink(temporary + "/" + file.name) }
            rmdir(temporary)
            throw Failure(path: path, message: "cannot replace the folder: \(reason)")
        }
        // The old tables are now in the temporary folder.
        for name in existing { unlink(temporary + "/" + name) }
        rmdir(temporary)
        try syncFolder(of: path)
    }

    /// Exchanges two paths in one step: glibc's `renameat2(AT_FDCWD, a, AT_FDCWD, b,
    /// RENAME_EXCHANGE)` (Linux 3.15, glibc 2.28), which Glibc's module map hides behind
    /// `_GNU_SOURCE`. Returns 0, or -1 with `errno` set.
    static func exchangePaths(_ a: String, _ b: String) -> Int32 {
        let renameExchange: UInt32 = 1 << 1
        return glibcRenameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange)
    }

    /// Whether `path` is a folder with no entries.
    static func isEmptyFolder(_ path: String) -> Bool {
        entries(of: path)?.isEmpty ?? false
    }

    /// The names in a folder (without `.` and `..`), or nil when it cannot be read.
    static func entries(of folder: String) -> [String]? {
        guard let directory = opendir(folder) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// The folder and the last component of a path (`a/b/c` → `a/b`, `c`).
    static func split(_ path: String) -> (folder: String, name: String) {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return ("", String(trimmed)) }
        let folder = trimmed[..<slash]
        return (folder.isEmpty ? "/" : String(folder), String(trimmed[trimmed.index(after: slash)...]))
    }
}

/// glibc's `renameat2(2)`, declared by hand (see ``AtomicFile/exchangePaths(_:_:)``).
@_silgen_name("renameat2")
private func glibcRenameat2(
    _ oldDirectory: Int32, _ old: UnsafePointer<CChar>, _ newDirectory: Int32, _ new: UnsafePointer<CChar>,
    _ flags: UInt32
) -> Int32
