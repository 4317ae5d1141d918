#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Opening files that users name. Only regular files are read: a FIFO, socket or device
/// given as a dataset, policy or certificate would block forever in `open(2)` or never
/// end, so files are opened without blocking and checked with `fstat(2)` before a byte is
/// read.
public enum RegularFile {
    /// Why a file cannot be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What is wrong, without the file's name (callers put it in front).
        public var message: String

        public var description: String { message }
    }

    /// An open regular file; close it with ``close()``.
    struct Handle {
        let descriptor: Int32
        let size: Int

        func close() { _ = Glibc.close(descriptor) }
    }

    /// Opens `path` for reading, refusing what is not a regular file.
    static func open(_ path: String) throws(Failure) -> Handle {
        let descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            let reason = errno == ENOENT ? "no such file" : String(cString: strerror(errno))
            throw Failure(message: "cannot open the file: \(reason)")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = Glibc.close(descriptor)
            throw Failure(message: "cannot read the file's size: \(reason)")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            _ = Glibc.close(descriptor)
            throw Failure(message: "not a regular file (\(kind(of: status.st_mode))); only regular files are read")
        }
        // Reads of a regular file never block; clear the flag all the same.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        return Handle(descriptor: descriptor, size: Int(status.st_size))
    }

    /// The bytes of the regular file at `path`.
    /// - Throws: ``Failure`` when it cannot be opened, is not a regular file, or is larger
    ///   than `maximumSize` bytes (`what` names the kind of file in that message).
    public static func read(_ path: String, maximumSize: Int, what: String = "a file") throws(Failure) -> [UInt8] {
        let handle = try open(path)
        defer { handle.close() }
        guard handle.size <= maximumSize else {
            throw Failure(
                message:
                    "the file has \(handle.size) bytes, more than the \(describe(bytes: maximumSize)) \(what) may have")
        }
        var bytes = [UInt8](repeating: 0, count: handle.size)
        var filled = 0
        let failure: Failure? = bytes.withUnsafeMutableBytes { buffer in
            while filled < buffer.count {
                let count = Glibc.read(handle.descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if count < 0 {
                    if errno == EINTR { continue }
                    return Failure(message: "cannot read the file: \(String(cString: strerror(errno)))")
                }
                if count == 0 { break }
                filled += count
            }
            return nil
        }
        if let failure { throw failure }
        // A file that shrank while it was read.
        if filled < bytes.count { bytes.removeLast(bytes.count - filled) }
        return bytes
    }

    /// Whether `path` names a regular file (without opening it).
    public static func exists(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a named pipe"
        case S_IFDIR: "a folder"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a plain file"
        }
    }

    static func describe(bytes: Int) -> String {
        bytes >= 1 << 30 && bytes % (1 << 30) == 0 ? "\(bytes >> 30) GiB" : "\(bytes >> 20) MiB"
    }
}
