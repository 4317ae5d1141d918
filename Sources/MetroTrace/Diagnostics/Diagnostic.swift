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
    /// The lab, item or record concerned, as its kind and id: `record JXIM-2025-00123`.
    /// The kind (`lab`, `item`, `record`, `quantity`) is rendered in the reader's
    /// language, the id as written.
    public var subject: String?
    /// What is wrong and what was expected, as facts rendered in either language.
    public var text: LocalizedText

    /// What is wrong and what was expected, in English.
    public var message: String {
        get { text.rendered(in: .english) }
        set { text = .literal(newValue) }
    }

    /// Creates a diagnostic whose message reads the same in every language (a message
    /// passed on from a library, an operating system's error text).
    public init(
        _ severity: Severity, file: String? = nil, line: Int? = nil, column: Int? = nil,
        path: String = "", subject: String? = nil, message: String
    ) {
        self.init(
            severity, file: file, line: line, column: column, path: path, subject: subject, text: .literal(message))
    }

    /// Creates a diagnostic.
    public init(
        _ severity: Severity, file: String? = nil, line: Int? = nil, column: Int? = nil,
        path: String = "", subject: String? = nil, text: LocalizedText
    ) {
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.subject = subject
        self.text = text
    }

    /// The diagnostic in English: `network.json:41: calibrations[3].points[0].U (record …): …`.
    public var description: String { rendered(in: .english) }

    /// The diagnostic in `language`: place, severity, path and subject, then the message.
    public func rendered(in language: Language) -> String {
        var line = ""
        if let file {
            line += file
            if let number = self.line {
                line += ":\(number)"
                if let column { line += ":\(column)" }
            }
            line += ": "
        }
        if severity == .warning { line += LocalizedText.key("diagnostic.warning-prefix").rendered(in: language) }
        if !path.isEmpty { line += path }
        if let subject {
            let named = Self.subjectText(subject).rendered(in: language)
            line += path.isEmpty ? "(\(named))" : " (\(named))"
        }
        if !path.isEmpty || subject != nil { line += ": " }
        return line + text.rendered(in: language)
    }

    /// A subject (`record JXIM-2025-00123`) with its kind as a term of the catalogues
    /// (`记录 JXIM-2025-00123`); a subject of another form is kept as written.
    static func subjectText(_ subject: String) -> LocalizedText {
        guard let space = subject.firstIndex(of: " ") else { return .literal(subject) }
        let kind = subject[..<space]
        guard ["lab", "item", "record", "quantity"].contains(kind) else { return .literal(subject) }
        return .key("diagnostic.subject.\(kind)", ("id", .literal(String(subject[subject.index(after: space)...]))))
    }
}

extension Diagnostic {
    private enum CodingKeys: String, CodingKey {
        case severity, file, line, column, path, subject, message, text
    }

    /// Decodes a diagnostic; one written with only an English `message` keeps it as a literal.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text =
            try container.decodeIfPresent(LocalizedText.self, forKey: .text)
            ?? .literal(try container.decode(String.self, forKey: .message))
        self.init(
            try container.decode(Severity.self, forKey: .severity),
            file: try container.decodeIfPresent(String.self, forKey: .file),
            line: try container.decodeIfPresent(Int.self, forKey: .line),
            column: try container.decodeIfPresent(Int.self, forKey: .column),
            path: try container.decodeIfPresent(String.self, forKey: .path) ?? "",
            subject: try container.decodeIfPresent(String.self, forKey: .subject), text: text)
    }

    /// Encodes the diagnostic with its English `message` and the facts of its `text`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(severity, forKey: .severity)
        try container.encodeIfPresent(file, forKey: .file)
        try container.encodeIfPresent(line, forKey: .line)
        try container.encodeIfPresent(column, forKey: .column)
        try container.encode(path, forKey: .path)
        try container.encodeIfPresent(subject, forKey: .subject)
        try container.encode(message, forKey: .message)
        try container.encode(text, forKey: .text)
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

    public var description: String { rendered(in: .english) }

    /// Every error kept, then how many more were found and the count, in `language`.
    public func rendered(in language: Language) -> String {
        var lines = log.sortedByPlace.filter { $0.severity == .error }.map { $0.rendered(in: language) }
        let omitted = log.omitted.errors
        if omitted > 0 {
            lines.append(
                LocalizedText.key("diagnostic.more-errors", ("count", .literal("\(omitted)"))).rendered(in: language))
        }
        lines.append(
            LocalizedText.key("diagnostic.error-count", ("count", .literal("\(log.errorCount)"))).rendered(in: language)
        )
        return lines.joined(separator: "\n")
    }
}
