import MetroTrace

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exclusive right to add to a dataset folder: `flock(2)` on the hidden file
/// `.metrotrace.lock` in the folder, held from reading the dataset until the new document
/// has its name, so that two imports into one folder run one after the other and the
/// second sees what the first added. The lock goes with the process: a writer that is
/// killed releases it.
///
/// Readers take no lock: a document appears whole or not at all (``AtomicFile``).
public final class DatasetFolderLock: @unchecked Sendable {
    /// The folder locked.
    public let folder: String
    /// Whether acquiring the lock created the folder.
    public let createdFolder: Bool
    private var descriptor: Int32

    /// The lock file's name in the folder.
    public static let fileName = ".metrotrace.lock"

    private init(folder: String, descriptor: Int32, createdFolder: Bool) {
        self.folder = folder
        self.descriptor = descriptor
        self.createdFolder = createdFolder
    }

    /// Takes the folder's lock, creating the folder when missing, waiting up to
    /// `timeout` seconds for another writer to finish.
    /// - Parameters:
    ///   - folder: the dataset folder.
    ///   - timeout: how long to wait, in seconds.
    ///   - waiting: called once when the lock is held by another process.
    /// - Throws: `DatasetError` when the folder cannot be created or locked, or the
    ///   wait times out.
    public static func acquire(_ folder: String, timeout: Double = 120, waiting: () -> Void = {}) throws(DatasetError)
        -> DatasetFolderLock
    {
        func failure(_ message: String) -> DatasetError {
            DatasetError(log: DiagnosticLog([Diagnostic(.error, file: folder, message: message)]))
        }
        var status = stat()
        var created = false
        if stat(folder, &status) != 0 {
            guard errno == ENOENT else { throw failure("cannot read the folder: \(String(cString: strerror(errno)))") }
            guard makeFolders(folder) else {
                throw failure("cannot create the folder: \(String(cString: strerror(errno)))")
            }
            created = true
        } else if (status.st_mode & S_IFMT) != S_IFDIR {
            throw failure(
                "imports add a new document to a dataset folder, and this is a file; move it into a folder and import into that"
            )
        }
        let path = folder + "/" + fileName
        let deadline = monotonicSeconds() + timeout
        var toldWaiting = false
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw failure("cannot create the lock file \(fileName): \(String(cString: strerror(errno)))")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                // The holder before us may have removed the lock file (and the folder) after
                // writing nothing: then this descriptor locks a file no one else can find.
                var held = stat()
                var named = stat()
                if fstat(descriptor, &held) == 0, stat(path, &named) == 0, held.st_ino == named.st_ino,
                    held.st_dev == named.st_dev
                {
                    return DatasetFolderLock(folder: folder, descriptor: descriptor, createdFolder: created)
                }
                close(descriptor)
                if stat(folder, &status) != 0 {
                    guard makeFolders(folder) else {
                        throw failure("cannot create the folder: \(String(cString: strerror(errno)))")
                    }
                    created = true
                }
                continue
            }
            let reason = errno
            close(descriptor)
            guard reason == EWOULDBLOCK || reason == EINTR else {
                throw failure("cannot lock the folder: \(String(cString: strerror(reason)))")
            }
            if !toldWaiting {
                toldWaiting = true
                waiting()
            }
            guard monotonicSeconds() < deadline else {
                throw failure(
                    "another import into this folder has held its lock (\(fileName)) for more than \(Int(timeout)) s; nothing was written. Try again when it has finished"
                )
            }
            usleep(20_000)
        }
    }

    /// Releases the lock. When the folder was created for this writer and is still
    /// empty, it is removed again.
    public func release() {
        guard descriptor >= 0 else { return }
        if createdFolder, AtomicFile.entries(of: folder) == [Self.fileName] {
            unlink(folder + "/" + Self.fileName)
            rmdir(folder)
        }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    /// `mkdir -p`.
    static func makeFolders(_ path: String) -> Bool {
        var status = stat()
        if stat(path, &status) == 0 { return (status.st_mode & S_IFMT) == S_IFDIR }
        let parent = AtomicFile.split(path).folder
        if !parent.isEmpty, parent != path, !makeFolders(parent) { return false }
        return mkdir(path, 0o755) == 0 || errno == EEXIST
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
