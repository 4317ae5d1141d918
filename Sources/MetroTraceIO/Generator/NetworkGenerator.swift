import Foundation
import MetroTrace

/// A deterministic synthetic traceability network with the shape of a national one:
/// primary standards (NIM) → NMI reference standards → provincial reference standards →
/// industry-centre working standards → enterprise working standards → instruments, over
/// several quantities, with recalibration histories and a realistic share of problems.
///
/// The same parameters and seed always give byte-identical output.
public struct NetworkGenerator: Sendable {
    /// How many instruments.
    public var instruments: Int
    /// How many years of history, ending on `end`.
    public var years: Int
    /// The seed of the pseudo-random choices.
    public var seed: UInt64
    /// The last day of the history.
    public var end: Day

    /// The largest network generated: 50 million instruments.
    public static let maximumInstruments = 50_000_000

    /// Why generation was refused.
    public struct ParameterError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Creates a generator; refuses absurd sizes.
    public init(instruments: Int, years: Int, seed: UInt64, end: Day = Day(year: 2026, month: 12, day: 31)!)
        throws(ParameterError)
    {
        guard instruments >= 1 else {
            throw ParameterError(description: "--instruments must be at least 1 (got \(instruments))")
        }
        guard instruments <= Self.maximumInstruments else {
            throw ParameterError(
                description: "--instruments must be at most \(Self.maximumInstruments) (got \(instruments))")
        }
        guard (1...50).contains(years) else {
            throw ParameterError(description: "--years must be between 1 and 50 (got \(years))")
        }
        guard end.adding(months: -12 * (years + 3)) >= Day.earliest, end <= Day.latest else {
            throw ParameterError(description: "the history must lie between \(Day.earliest) and \(Day.latest)")
        }
        self.instruments = instruments
        self.years = years
        self.seed = seed
        self.end = end
    }

    /// A kind of quantity with the values it is calibrated at and a relative expanded
    /// uncertainty at the top of the hierarchy.
    struct Quantity {
        var name: String
        var unit: String
        var nominals: [Double]
        var topRelative: Double
    }

    static let quantities = [
        Quantity(name: "mass", unit: "kg", nominals: [1, 10], topRelative: 2e-8),
        Quantity(name: "temperature", unit: "K", nominals: [273.16, 373.15], topRelative: 1e-6),
        Quantity(name: "pressure", unit: "kPa", nominals: [100, 1000], topRelative: 1e-5),
        Quantity(name: "length", unit: "mm", nominals: [10, 100], topRelative: 3e-7),
        Quantity(name: "torque", unit: "N·m", nominals: [10, 100], topRelative: 2e-5),
        Quantity(name: "voltage", unit: "V", nominals: [1, 10], topRelative: 1e-7),
    ]

    /// Writes the network as a dataset document (format v1, compact JSON).
    ///
    /// - Complexity: O(instruments · years).
    public func write(to output: inout some TextSink) {
        var writer = Writer(generator: self)
        writer.write(to: &output)
    }

    /// The network as a dataset document in memory (for tests and small sizes).
    public func text() -> String {
        var sink = StringSink()
        write(to: &sink)
        return sink.text
    }
}

/// Where generated text goes.
public protocol TextSink {
    /// Adds text.
    mutating func append(_ text: String)
    /// Adds text given as UTF-8 bytes.
    mutating func append(utf8 bytes: [UInt8])
}

extension TextSink {
    public mutating func append(utf8 bytes: [UInt8]) { append(String(decoding: bytes, as: UTF8.self)) }
}

/// Text collected in memory.
public struct StringSink: TextSink {
    public var text = ""
    public init() {}
    public mutating func append(_ text: String) { self.text += text }
}

/// Text written to a file through a buffer. The text goes to a hidden temporary file
/// beside it and the file gets its name only when ``close()`` has flushed it whole, so a
/// killed run never leaves a truncated dataset behind.
public final class FileSink: TextSink {
    private let handle: FileHandle
    private let path: String
    private let temporary: String
    private var buffer: [UInt8] = []
    private var closed = false

    /// Prepares the file (it replaces a file already at `path` when closed).
    public init(path: String) throws {
        self.path = path
        temporary = AtomicFile.temporaryName(beside: path)
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    public func append(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    public func append(utf8 bytes: [UInt8]) {
        if buffer.isEmpty, bytes.count >= 1 << 20 {
            handle.write(Data(bytes))
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Writes what is buffered, flushes it to disk, closes the file and gives it its name.
    public func close() throws {
        flush()
        try handle.synchronize()
        try handle.close()
        closed = true
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CocoaError(
                .fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: reason])
        }
        try AtomicFile.syncFolder(of: path)
    }

    deinit {
        if !closed {
            try? handle.close()
            unlink(temporary)
        }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
