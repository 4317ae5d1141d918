/// A problem with input: where it is (file, line, JSON path), which lab, item or record
/// it concerns, and what was expected.
///
/// Printed as `network.json:41: calibrations[3].points[0].U (record JXIM-2025-00123):
/// U must be positive, found -59 mg`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible, Codable {
    /// Whether the input is unusable (`error`) or only questionable (`warning`).
    public enum Severity: String, Hashable, Sendable, Comparable, Codable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    /// How bad the problem is.
    public var severity: Severity
    /// The file it is in, when it came from a file.
    public var file: String?
    /// The 1-based line in that file, when known.
    public var line: Int?
    /// The 1-based column in that line, when known.
    public var column: Int?
    /// The path of the offending field, e.g. `calibrations[12].points[0].U`.
    public var path: String
    /// The lab, item or record concerned, e.g. `record JXIM-2025-00123`.
    public var subject: String?
    /// What is wrong and what was expected.
    public var message: String

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, file: String? = nil, line: Int? = nil, column: Int? = nil,
        path: String = "", subject: String? = nil, message: String
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.subject = subject
        self.message = message
    }

    public var description: String {
        var text = ""
        if let file {
            text += file
            if let line {
                text += ":\(line)"
                if let column { text += ":\(column)" }
            }
            text += ": "
        }
        if severity == .warning { text += "warning: " }
        if !path.isEmpty { text += path }
        if let subject { text += path.isEmpty ? "(\(subject))" : " (\(subject))" }
        if !path.isEmpty || subject != nil { text += ": " }
        return text + message
    }
}

/// Where an entity was read from: a document (file) of the load, its position in its
/// section (`calibrations[12]`) and the line it starts on.
public struct Origin: Hashable, Sendable, Codable {
    /// The index of the document in ``NetworkBuilder/documents``, or -1 when the entity
    /// was added by code.
    public var document: Int32
    /// The entity's position in its section of that document.
    public var index: Int32
    /// The 1-based line the entity starts on, or 0 when unknown.
    public var line: Int32

    /// Creates an origin.
    public init(document: Int32, index: Int32, line: Int32 = 0) {
        self.document = document
        self.index = index
        self.line = line
    }
}

/// Diagnostics collected during a load: all of them up to a cap, then only counted, so
/// a file with a million broken records still reports quickly.
public struct DiagnosticLog: Sendable {
    /// The diagnostics kept, in the order found.
    public private(set) var diagnostics: [Diagnostic] = []
    /// How many errors were found, kept or not.
    public private(set) var errorCount = 0
    /// How many warnings were found, kept or not.
    public private(set) var warningCount = 0
    /// How many diagnostics of each severity are kept at most.
    public let limit: Int

    /// Creates an empty log that keeps up to `limit` errors and `limit` warnings.
    public init(limit: Int = 1000) { self.limit = limit }

    /// A log holding `diagnostics`.
    public init(_ diagnostics: [Diagnostic], limit: Int = 1000) {
        self.limit = limit
        for diagnostic in diagnostics { append(diagnostic) }
    }

    /// Adds a diagnostic (counted always, kept while under the cap).
    public mutating func append(_ diagnostic: Diagnostic) {
        switch diagnostic.severity {
        case .error:
            errorCount += 1
            if errorCount <= limit { diagnostics.append(diagnostic) }
        case .warning:
            warningCount += 1
            if warningCount <= limit { diagnostics.append(diagnostic) }
        }
    }

    /// Adds every diagnostic of another log.
    public mutating func append(contentsOf other: DiagnosticLog) {
        for diagnostic in other.diagnostics { append(diagnostic) }
        errorCount += other.errorCount - other.diagnostics.filter { $0.severity == .error }.count
        warningCount += other.warningCount - other.diagnostics.filter { $0.severity == .warning }.count
    }

    /// The diagnostics kept, ordered by file (in the order files were read) and line;
    /// problems without a place come first.
    public var sortedByPlace: [Diagnostic] {
        var fileOrder: [String: Int] = [:]
        for diagnostic in diagnostics {
            if let file = diagnostic.file, fileOrder[file] == nil { fileOrder[file] = fileOrder.count }
        }
        return diagnostics.enumerated().sorted { a, b in
            let keyA = (a.element.file.flatMap { fileOrder[$0] } ?? -1, a.element.line ?? 0, a.offset)
            let keyB = (b.element.file.flatMap { fileOrder[$0] } ?? -1, b.element.line ?? 0, b.offset)
            return keyA < keyB
        }.map(\.element)
    }

    /// Whether any error was found.
    public var hasErrors: Bool { errorCount > 0 }

    /// The errors kept.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// The warnings kept.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// How many errors and warnings were found but not kept.
    public var omitted: (errors: Int, warnings: Int) {
        (max(0, errorCount - limit), max(0, warningCount - limit))
    }
}

/// A dataset that cannot be used: every problem found, at once.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    /// Everything found, errors and warnings.
    public var log: DiagnosticLog

    /// Creates the error from a log with at least one error.
    public init(log: DiagnosticLog) { self.log = log }

    public var description: String {
        var lines = log.sortedByPlace.filter { $0.severity == .error }.map(\.description)
        let omitted = log.omitted.errors
        if omitted > 0 { lines.append("… and \(omitted) more errors") }
        lines.append("\(log.errorCount) error\(log.errorCount == 1 ? "" : "s") in the dataset")
        return lines.joined(separator: "\n")
    }
}
