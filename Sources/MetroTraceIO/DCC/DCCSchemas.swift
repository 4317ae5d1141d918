import CLibXML2
import Foundation

/// The DCC schemas of a folder (`dcc_vX.Y.Z.xsd` with the D-SI schemas
/// `SI_Format_vX.Y.Z.xsd` they import), parsed once per version and used to validate
/// certificates with libxml2. Imports that name PTB's web addresses are resolved to the
/// folder's files: nothing is fetched from the network.
public final class DCCSchemas: @unchecked Sendable {
    /// The folder the schemas are read from, if any.
    public let directory: String?
    private var parsed: [String: xmlSchemaPtr?] = [:]
    private let lock = NSLock()

    /// The outcome of validating one certificate.
    public enum Outcome: Sendable, Equatable {
        /// The certificate is valid against its version's schema.
        case valid(schema: String)
        /// The certificate breaks its schema; the problems with their lines.
        case invalid(schema: String, problems: [String])
        /// No schema was available for the version; the reason.
        case unavailable(String)
    }

    /// Schemas from `directory` (nil: none, every certificate is reported unvalidated).
    public init(directory: String?) {
        self.directory = directory
    }

    deinit {
        for case let schema? in parsed.values { xmlSchemaFree(schema) }
    }

    /// The schema file for DCC `version` (`3.1.1`), when the folder has it.
    func schemaFile(version: String) -> String? {
        guard let directory else { return nil }
        let path = (directory as NSString).appendingPathComponent("dcc_v\(version).xsd")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Validates a parsed certificate of DCC `version`.
    func validate(_ document: xmlDocPtr, version: String) -> Outcome {
        guard let directory else { return .unavailable("no schema folder given; not validated") }
        guard let file = schemaFile(version: version) else {
            return .unavailable("no schema for DCC \(version) in \(directory); not validated")
        }
        lock.lock()
        defer { lock.unlock() }
        let schema: xmlSchemaPtr?
        if let cached = parsed[version] {
            schema = cached
        } else {
            schema = Self.parseSchema(file, directory: directory)
            parsed[version] = schema
        }
        guard let schema else { return .unavailable("\(file) (or the D-SI schema it imports) could not be read; not validated") }
        guard let context = xmlSchemaNewValidCtxt(schema) else { return .unavailable("libxml2 could not allocate a validator") }
        defer { xmlSchemaFreeValidCtxt(context) }
        let collector = ErrorCollector()
        xmlSchemaSetValidStructuredErrors(context, { userData, error in
            guard let userData, let error else { return }
            let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
            let message = String(cString: metrotrace_error_message(error)).trimmingCharacters(in: .whitespacesAndNewlines)
            collector.messages.append("line \(error.pointee.line): \(message)")
        }, Unmanaged.passUnretained(collector).toOpaque())
        let result = xmlSchemaValidateDoc(context, document)
        let name = (file as NSString).lastPathComponent
        if result == 0 { return .valid(schema: name) }
        return .invalid(schema: name, problems: collector.messages.isEmpty ? ["libxml2 could not validate the certificate"] : collector.messages)
    }

    /// Parses a DCC schema with its D-SI import pointed at the local file.
    static func parseSchema(_ file: String, directory: String) -> xmlSchemaPtr? {
        guard var text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        // schemaLocation="https://ptb.de/si/v2.1.0/SI_Format.xsd" → SI_Format_v2.1.0.xsd here.
        let pattern = #/schemaLocation="https://ptb\.de/si/v([0-9.]+)/SI_Format\.xsd"/#
        for match in text.matches(of: pattern).reversed() {
            let local = (directory as NSString).appendingPathComponent("SI_Format_v\(match.output.1).xsd")
            guard FileManager.default.fileExists(atPath: local) else { return nil }
            text.replaceSubrange(match.range, with: "schemaLocation=\"\(URL(fileURLWithPath: local).absoluteString)\"")
        }
        let bytes = Array(text.utf8)
        guard let context = bytes.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlSchemaNewMemParserCtxt($0, Int32(buffer.count))
            }
        }) else { return nil }
        defer { xmlSchemaFreeParserCtxt(context) }
        xmlSchemaSetParserStructuredErrors(context, { _, _ in }, nil)
        return xmlSchemaParse(context)
    }

    /// Where the validator's callback puts messages.
    private final class ErrorCollector {
        var messages: [String] = []
    }
}
