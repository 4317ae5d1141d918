import CLibXML2
import Foundation
import MetroTrace

/// Maps PTB Digital Calibration Certificates (DCC 2.4 to 3.3, namespaces
/// `https://ptb.de/dcc` and `https://ptb.de/si`) to calibration records of a dataset.
/// See `docs/dcc-import.md` for the mapping, field by field.
///
/// Certificates are untrusted: they are parsed without network access, DTDs and
/// entities are refused, and files above ``maximumSize`` are refused. Whatever cannot be
/// mapped is reported with its XPath; nothing is guessed silently.
public struct DCCImporter: Sendable {
    static let dcc = "https://ptb.de/dcc"
    static let si = "https://ptb.de/si"

    /// The schemas to validate against.
    public var schemas: DCCSchemas
    /// The dataset whose labs and items certificates are matched to.
    public var dataset: Dataset
    /// How large and deep a certificate may be.
    public var limits: XMLTree.Limits
    /// Whether a certificate whose version has no schema in reach is imported anyway,
    /// with a warning; otherwise it is refused.
    public var allowsUnvalidated: Bool

    /// The largest certificate read, in bytes.
    public var maximumSize: Int {
        get { limits.size }
        set { limits.size = newValue }
    }

    /// An importer matching against `dataset`, validating with `schemas`.
    /// - Parameters:
    ///   - schemas: the schemas to validate against.
    ///   - dataset: the dataset whose labs and items certificates are matched to.
    ///   - limits: how large and deep a certificate may be.
    ///   - allowsUnvalidated: import certificates whose schema cannot be found, with a
    ///     warning, instead of refusing them.
    public init(
        schemas: DCCSchemas, dataset: Dataset = Dataset(), limits: XMLTree.Limits = XMLTree.Limits(),
        allowsUnvalidated: Bool = false
    ) {
        self.schemas = schemas
        self.dataset = dataset
        self.limits = limits
        self.allowsUnvalidated = allowsUnvalidated
    }

    /// Imports the certificate at `path`.
    public func importFile(_ path: String) -> DCCImportResult {
        let bytes: [UInt8]
        do throws(RegularFile.Failure) {
            bytes = try RegularFile.read(path, maximumSize: limits.size, what: "a certificate")
        } catch {
            var result = DCCImportResult(file: path)
            result.error(error.message)
            return result
        }
        return importCertificate(bytes, named: path)
    }

    /// Imports a certificate held in memory; `name` names it in messages.
    public func importCertificate(_ bytes: [UInt8], named name: String) -> DCCImportResult {
        var result = DCCImportResult(file: name)
        do throws(XMLTree.ParseError) {
            try XMLTree.withDocument(bytes, limits: limits) { document throws(XMLTree.ParseError) in
                let root = try XMLTree.tree(of: document, limits: limits)
                guard root.name == "digitalCalibrationCertificate", root.namespace == Self.dcc else {
                    result.error(
                        "not a Digital Calibration Certificate: the root element is \(root.name) in namespace \(root.namespace ?? "(none)"); expected dcc:digitalCalibrationCertificate in \(Self.dcc)",
                        path: root.path, line: root.line)
                    return
                }
                guard let version = root.attributes["schemaVersion"] else {
                    result.error("the schemaVersion attribute is missing", path: root.path, line: root.line)
                    return
                }
                result.schemaVersion = version
                guard Self.isSupported(version) else {
                    result.error(
                        "DCC schema version \(version) is not supported; MetroTrace reads 2.4 to 3.3", path: root.path,
                        line: root.line)
                    return
                }
                let outcome = schemas.validate(document, version: version)
                result.validation = outcome
                switch outcome {
                case .valid: break
                case .invalid(let schema, let violations):
                    for violation in violations.prefix(20) {
                        result.error(
                            "not valid against \(schema): \(violation.message)", path: violation.path,
                            line: violation.line)
                    }
                    if violations.count > 20 {
                        result.error("… and \(violations.count - 20) more schema violations", path: root.path)
                    }
                    return
                case .unavailable(let reason):
                    guard allowsUnvalidated else {
                        result.error(
                            "\(reason); put the schema there (or name its folder with --schemas or $METROTRACE_DCC_SCHEMAS), or pass --allow-unvalidated to import without validation",
                            path: root.path, line: root.line)
                        return
                    }
                }
                var mapping = DCCMapping(root: root, dataset: dataset, result: result)
                mapping.map()
                result = mapping.result
                if case .unavailable(let reason) = outcome {
                    result.warning("\(reason); imported without validation (--allow-unvalidated)", path: root.path)
                }
            }
        } catch {
            result.error(error.message, line: error.line)
        }
        return result
    }

    /// Whether MetroTrace reads DCC `version` (2.4.x to 3.3.x).
    static func isSupported(_ version: String) -> Bool {
        let parts = version.split(separator: ".").compactMap { Int($0) }
        guard parts.count >= 2 else { return false }
        switch parts[0] {
        case 2: return parts[1] >= 4
        case 3: return parts[1] <= 3
        default: return false
        }
    }
}
