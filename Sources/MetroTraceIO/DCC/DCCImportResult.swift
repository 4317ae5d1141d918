import MetroTrace

/// What importing one Digital Calibration Certificate gave: the record (nil when the
/// certificate was refused), the items and labs created because the dataset did not
/// have them, and every problem and everything that could not be mapped.
public struct DCCImportResult: Sendable {
    /// The certificate file.
    public var file: String
    /// The DCC schema version the certificate declares.
    public var schemaVersion: String?
    /// How schema validation went.
    public var validation: DCCSchemas.Outcome?
    /// The record; nil when the certificate has errors.
    public var record: CalibrationRecord?
    /// Items the certificate names that the dataset does not have, created from it.
    public var createdItems: [Item] = []
    /// Labs the certificate names that the dataset does not have, created from it.
    public var createdLabs: [Lab] = []
    /// Errors (the certificate is refused) and warnings (created entities, parts not
    /// mapped), each naming the file and the element's XPath.
    public var diagnostics: [Diagnostic] = []

    /// Whether the certificate was refused.
    public var isRefused: Bool { record == nil }

    init(file: String) { self.file = file }

    mutating func error(_ message: String, path: String = "", line: Int? = nil) {
        diagnostics.append(Diagnostic(.error, file: file, line: line, path: path, message: message))
    }

    mutating func warning(_ message: String, path: String = "", line: Int? = nil) {
        diagnostics.append(
            Diagnostic(
                .warning, file: file, line: line, path: path,
                subject: record.map { "record \($0.id)" }, message: message))
    }
}
