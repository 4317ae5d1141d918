import CLibXML2
import Foundation

/// The DCC schemas MetroTrace validates certificates with: `dcc_vX.Y.Z.xsd` and, beside
/// it, the schemas it imports (the D-SI schema `SI_Format_vX.Y.Z.xsd`, and the XML-DSig
/// schema `xmldsig-core-schema.xsd` where a DCC version imports it for `ds:Signature`).
/// Imports that name PTB's or W3C's web addresses are resolved to those local files:
/// nothing is ever fetched from the network.
///
/// Schemas are looked for in a search path of folders (``searchPath(explicit:environment:)``);
/// each version's schema is parsed once, on first use.
public final class DCCSchemas: @unchecked Sendable {
    /// A folder searched for schemas, and where it came from (`--schemas`, an
    /// environment variable, the user's or the system's data folder).
    public struct Location: Sendable, Hashable, CustomStringConvertible {
        /// The folder.
        public var folder: String
        /// Why it is searched, for messages.
        public var origin: String

        /// A folder searched for the reason `origin`.
        public init(folder: String, origin: String) {
            self.folder = folder
            self.origin = origin
        }

        public var description: String { "\(folder) (\(origin))" }
    }

    /// One way a certificate breaks its schema, as libxml2 reports it.
    public struct Violation: Sendable, Hashable, CustomStringConvertible {
        /// The line of the certificate, when libxml2 says.
        public var line: Int?
        /// The XPath of the element concerned, when libxml2 names one.
        public var path: String
        /// libxml2's message.
        public var message: String

        public var description: String {
            (line.map { "line \($0): " } ?? "") + (path.isEmpty ? "" : "\(path): ") + message
        }
    }

    /// The outcome of validating one certificate.
    public enum Outcome: Sendable, Equatable {
        /// The certificate is valid against its version's schema.
        case valid(schema: String)
        /// The certificate breaks its schema: the schema file and each violation.
        case invalid(schema: String, violations: [Violation])
        /// No usable schema for the version: what is missing and where it was looked for.
        case unavailable(String)
    }

    /// The folders searched, in order.
    public let locations: [Location]
    /// The first folder searched, if any.
    public var directory: String? { locations.first?.folder }

    private var parsed: [String: Result<OpaquePointer, SchemaFailure>] = [:]
    private let lock = NSLock()

    /// The folder name under a data folder where MetroTrace keeps DCC schemas.
    public static let dataFolderName = "metrotrace/dcc-schemas"
    /// The namespace of XML digital signatures (`ds:Signature`).
    static let signatureNamespace = "http://www.w3.org/2000/09/xmldsig#"
    /// The local file the XML-DSig import resolves to.
    static let signatureSchemaFile = "xmldsig-core-schema.xsd"

    /// Schemas from one folder only (nil: none; no certificate can be validated).
    public convenience init(directory: String?) {
        self.init(locations: directory.map { [Location(folder: $0, origin: "given")] } ?? [])
    }

    /// Schemas from `locations`, searched in order.
    public init(locations: [Location]) {
        self.locations = locations
    }

    deinit {
        for case .success(let schema) in parsed.values { xmlSchemaFree(schema) }
    }

    /// Where MetroTrace looks for schemas: `explicit` (`--schemas DIR`), then
    /// `$METROTRACE_DCC_SCHEMAS`, then the user's data folder
    /// (`$XDG_DATA_HOME/metrotrace/dcc-schemas`, by default
    /// `~/.local/share/metrotrace/dcc-schemas`), then each system data folder
    /// (`$XDG_DATA_DIRS`, by default `/usr/local/share` and `/usr/share`, each with
    /// `metrotrace/dcc-schemas`). Never a folder relative to the working directory.
    public static func searchPath(
        explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [Location] {
        var locations: [Location] = []
        if let explicit { locations.append(Location(folder: explicit, origin: "--schemas")) }
        if let folder = environment["METROTRACE_DCC_SCHEMAS"], !folder.isEmpty {
            locations.append(Location(folder: folder, origin: "$METROTRACE_DCC_SCHEMAS"))
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            locations.append(Location(folder: data + "/" + dataFolderName, origin: "user data folder"))
        } else if let home {
            locations.append(Location(folder: home + "/.local/share/" + dataFolderName, origin: "user data folder"))
        }
        let systemFolders =
            environment["XDG_DATA_DIRS"].map { $0.split(separator: ":").map(String.init).filter { $0.hasPrefix("/") } }
            .flatMap { $0.isEmpty ? nil : $0 } ?? ["/usr/local/share", "/usr/share"]
        for folder in systemFolders {
            locations.append(Location(folder: folder + "/" + dataFolderName, origin: "system data folder"))
        }
        return locations
    }

    /// The schema file for DCC `version` (`3.1.1`): the first folder of the search path
    /// that has `dcc_v3.1.1.xsd`.
    func schemaFile(version: String) -> (file: String, folder: String)? {
        let name = "dcc_v\(version).xsd"
        for location in locations {
            let file = (location.folder as NSString).appendingPathComponent(name)
            if RegularFile.exists(file) { return (file, location.folder) }
        }
        return nil
    }

    /// What is missing for DCC `version`, and where MetroTrace looked.
    func missingSchemaMessage(version: String) -> String {
        let searched =
            locations.isEmpty ? "no folder (none was given)" : locations.map(\.description).joined(separator: ", ")
        return
            "no schema for DCC \(version): MetroTrace needs dcc_v\(version).xsd (with the D-SI schema it imports) and looked in \(searched)"
    }

    /// Validates a parsed certificate of DCC `version`.
    func validate(_ document: xmlDocPtr, version: String) -> Outcome {
        XMLTree.prepareThread()
        guard let (file, folder) = schemaFile(version: version) else {
            return .unavailable(missingSchemaMessage(version: version))
        }
        lock.lock()
        defer { lock.unlock() }
        let schema: Result<OpaquePointer, SchemaFailure>
        if let cached = parsed[file] {
            schema = cached
        } else {
            schema = Self.parseSchema(file, folder: folder)
            parsed[file] = schema
        }
        let name = (file as NSString).lastPathComponent
        switch schema {
        case .failure(let failure):
            return .unavailable("\(file) cannot be used: \(failure.message)")
        case .success(let schema):
            guard let context = xmlSchemaNewValidCtxt(schema) else {
                return .unavailable("libxml2 could not allocate a validator")
            }
            defer { xmlSchemaFreeValidCtxt(context) }
            let collector = ErrorCollector()
            xmlSchemaSetValidStructuredErrors(
                context,
                { userData, error in
                    guard let (collector, message, error) = ErrorCollector.report(userData, error) else { return }
                    let path = metrotrace_error_node(error).map(XMLTree.path(of:)) ?? ""
                    collector.violations.append(
                        Violation(
                            line: error.pointee.line > 0 ? Int(error.pointee.line) : nil, path: path, message: message))
                }, Unmanaged.passUnretained(collector).toOpaque())
            let result = withExtendedLifetime(collector) { xmlSchemaValidateDoc(context, document) }
            if result == 0 { return .valid(schema: name) }
            let violations =
                collector.violations.isEmpty
                ? [
                    Violation(
                        line: nil, path: "", message: "libxml2 could not validate the certificate (code \(result))")
                ]
                : collector.violations
            return .invalid(schema: name, violations: violations)
        }
    }

    /// Why a schema file cannot be used.
    struct SchemaFailure: Error {
        var message: String
    }

    /// Parses a DCC schema with its imports pointed at the local files beside it.
    ///
    /// The schema text stays alive, at one address, until libxml2's parser context is
    /// freed: `xmlSchemaNewMemParserCtxt` keeps the pointer without copying the bytes.
    static func parseSchema(_ file: String, folder: String) -> Result<OpaquePointer, SchemaFailure> {
        let text: String
        do throws(RegularFile.Failure) {
            text = String(decoding: try RegularFile.read(file, maximumSize: 16 << 20, what: "a schema"), as: UTF8.self)
        } catch {
            return .failure(SchemaFailure(message: error.message))
        }
        let resolved: String
        switch resolveImports(text, folder: folder) {
        case .success(let value): resolved = value
        case .failure(let failure): return .failure(failure)
        }
        var bytes = Array(resolved.utf8)
        bytes.append(0)
        let collector = ErrorCollector()
        let schema: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                guard let context = xmlSchemaNewMemParserCtxt(pointer, Int32(buffer.count - 1)) else { return nil }
                defer { xmlSchemaFreeParserCtxt(context) }
                xmlSchemaSetParserStructuredErrors(
                    context,
                    { userData, error in
                        guard let (collector, message, error) = ErrorCollector.report(userData, error) else { return }
                        let place =
                            error.pointee.file.map { String(cString: $0) }.map {
                                ($0 as NSString).lastPathComponent + ":\(error.pointee.line): "
                            } ?? ""
                        collector.violations.append(Violation(line: nil, path: "", message: place + message))
                    }, Unmanaged.passUnretained(collector).toOpaque())
                return withExtendedLifetime(collector) { xmlSchemaParse(context) }
            }
        }
        guard let schema else {
            let messages = collector.violations.prefix(3).map(\.message).joined(separator: "; ")
            return .failure(
                SchemaFailure(
                    message: "libxml2 could not read it as a schema" + (messages.isEmpty ? "" : ": " + messages)))
        }
        return .success(schema)
    }

    /// The schema text with each `xs:import` of a web address replaced by the local file
    /// beside the schema: the D-SI schema of the version the address names
    /// (`https://ptb.de/si/v2.1.0/SI_Format.xsd` → `SI_Format_v2.1.0.xsd`), the XML-DSig
    /// schema (`xmldsig-core-schema.xsd`). An import of anything else from the web, or of
    /// a file that is not there, makes the schema unusable, with a message naming the file.
    static func resolveImports(_ text: String, folder: String) -> Result<String, SchemaFailure> {
        var text = text
        let importElement = #/<(?:[A-Za-z_][\w.-]*:)?import\b[^>]*>/#
        for match in text.matches(of: importElement).reversed() {
            let element = String(text[match.range])
            guard let location = attribute("schemaLocation", in: element) else { continue }
            guard isRemote(location) else { continue }
            let namespace = attribute("namespace", in: element) ?? ""
            let local: String
            if namespace == "https://ptb.de/si" {
                guard let version = location.firstMatch(of: #/\/v([0-9]+(?:\.[0-9]+)*)\//#)?.output.1 else {
                    return .failure(
                        SchemaFailure(
                            message: "it imports the D-SI schema from \(location), whose version MetroTrace cannot tell"
                        ))
                }
                local = "SI_Format_v\(version).xsd"
            } else if namespace == signatureNamespace {
                local = signatureSchemaFile
            } else {
                return .failure(
                    SchemaFailure(
                        message:
                            "it imports namespace \"\(namespace)\" from \(location); MetroTrace resolves only the D-SI and XML-DSig imports to local files"
                    ))
            }
            let path = (folder as NSString).appendingPathComponent(local)
            guard RegularFile.exists(path) else {
                return .failure(
                    SchemaFailure(
                        message:
                            "it imports \(location), which MetroTrace reads from \(local) in \(folder); that file is missing"
                    ))
            }
            let rewritten = element.replacingOccurrences(
                of: "schemaLocation=\"\(location)\"",
                with: "schemaLocation=\"\(URL(fileURLWithPath: path).absoluteString)\""
            )
            .replacingOccurrences(
                of: "schemaLocation='\(location)'",
                with: "schemaLocation=\"\(URL(fileURLWithPath: path).absoluteString)\"")
            text.replaceSubrange(match.range, with: rewritten)
        }
        return .success(text)
    }

    /// The value of attribute `name` in the text of one start tag.
    static func attribute(_ name: String, in element: String) -> String? {
        for quote in ["\"", "'"] {
            let marker = name + "=" + quote
            guard let start = element.range(of: marker) else { continue }
            let rest = element[start.upperBound...]
            guard let end = rest.firstIndex(of: Character(quote)) else { return nil }
            return String(rest[..<end])
        }
        return nil
    }

    /// Whether a schema location is a web address (anything with a scheme but `file:`).
    static func isRemote(_ location: String) -> Bool {
        guard let colon = location.firstIndex(of: ":") else { return false }
        let scheme = location[..<colon]
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." })
        else { return false }
        return scheme.lowercased() != "file"
    }

    /// Where the callbacks put what libxml2 reports.
    /// Where libxml2's structured error handlers put what they report: the handlers are C
    /// functions, so the collector travels as their user data.
    private final class ErrorCollector {
        var violations: [Violation] = []

        /// The collector behind `userData` and the message of `error`, trimmed; nil when
        /// libxml2 passes neither.
        static func report(_ userData: UnsafeMutableRawPointer?, _ error: UnsafePointer<xmlError>?)
            -> (ErrorCollector, String, UnsafePointer<xmlError>)?
        {
            guard let userData, let error else { return nil }
            let collector = Unmanaged<ErrorCollector>.fromOpaque(userData).takeUnretainedValue()
            let message = String(cString: metrotrace_error_message(error)).trimmingCharacters(
                in: .whitespacesAndNewlines)
            return (collector, message, error)
        }
    }
}
