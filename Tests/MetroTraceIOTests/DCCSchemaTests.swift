import Foundation
import MetroTrace
import Testing

@testable import MetroTraceIO

/// Finding and using schemas: the search path, the local resolution of imports (D-SI and
/// XML-DSig), refusal when a schema is missing, and violations reported with line and
/// XPath. The schemas here are small ones written for these tests.
@Suite("DCC schemas")
struct DCCSchemaTests {
    static func folder(_ files: [String: String]) throws -> String {
        let folder = NSTemporaryDirectory() + "metrotrace-xsd-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    /// A DCC 3.3.0 schema of this test's own: the root holds an `si:real` and a
    /// `ds:Signature`, both from imported schemas named by their web addresses.
    static let dccSchema = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:dcc="https://ptb.de/dcc" xmlns:si="https://ptb.de/si"
                   xmlns:ds="http://www.w3.org/2000/09/xmldsig#" targetNamespace="https://ptb.de/dcc" elementFormDefault="qualified">
          <xs:import namespace="https://ptb.de/si" schemaLocation="https://www.ptb.de/si/v2.2.0/SI_Format.xsd"/>
          <xs:import namespace="http://www.w3.org/2000/09/xmldsig#" schemaLocation="https://www.w3.org/TR/xmldsig-core/xmldsig-core-schema.xsd"/>
          <xs:element name="digitalCalibrationCertificate">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="note" type="xs:string"/>
                <xs:element ref="si:real"/>
                <xs:element ref="ds:Signature"/>
              </xs:sequence>
              <xs:attribute name="schemaVersion" type="xs:string" use="required"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """

    static let siSchema = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="https://ptb.de/si" elementFormDefault="qualified">
          <xs:element name="real"><xs:complexType><xs:sequence>
            <xs:element name="value" type="xs:double"/><xs:element name="unit" type="xs:string"/>
          </xs:sequence></xs:complexType></xs:element>
        </xs:schema>
        """

    static let signatureSchema = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/2000/09/xmldsig#" elementFormDefault="qualified">
          <xs:element name="Signature"><xs:complexType><xs:sequence>
            <xs:element name="SignatureValue" type="xs:base64Binary"/>
          </xs:sequence></xs:complexType></xs:element>
        </xs:schema>
        """

    static func certificate(value: String = "1.5", signature: String = "AAEC") -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <dcc:digitalCalibrationCertificate xmlns:dcc="https://ptb.de/dcc" xmlns:si="https://ptb.de/si"
            xmlns:ds="http://www.w3.org/2000/09/xmldsig#" schemaVersion="3.3.0">
          <dcc:note>signed</dcc:note>
          <si:real><si:value>\(value)</si:value><si:unit>\\kilogram</si:unit></si:real>
          <ds:Signature><ds:SignatureValue>\(signature)</ds:SignatureValue></ds:Signature>
        </dcc:digitalCalibrationCertificate>
        """
    }

    func validation(_ text: String, schemas: DCCSchemas) throws -> DCCSchemas.Outcome {
        try XMLTree.withDocument(Array(text.utf8), limits: XMLTree.Limits()) { document in
            schemas.validate(document, version: "3.3.0")
        }
    }

    @Test("the D-SI and XML-DSig imports resolve to the files beside the schema")
    func importsResolveLocally() throws {
        let folder = try Self.folder([
            "dcc_v3.3.0.xsd": Self.dccSchema, "SI_Format_v2.2.0.xsd": Self.siSchema,
            "xmldsig-core-schema.xsd": Self.signatureSchema,
        ])
        let schemas = DCCSchemas(directory: folder)
        #expect(try validation(Self.certificate(), schemas: schemas) == .valid(schema: "dcc_v3.3.0.xsd"))
        // The signature's content is checked against the XML-DSig schema: not base64.
        guard
            case .invalid(_, let violations) = try validation(
                Self.certificate(signature: "not base64!"), schemas: schemas)
        else {
            Issue.record("a bad signature value was accepted")
            return
        }
        let violation = try #require(violations.first)
        #expect(violation.path == "/dcc:digitalCalibrationCertificate/ds:Signature/ds:SignatureValue")
        #expect(violation.line == 6)
    }

    @Test("a missing imported schema makes the version unusable, naming the file that is needed")
    func missingImport() throws {
        let folder = try Self.folder(["dcc_v3.3.0.xsd": Self.dccSchema, "SI_Format_v2.2.0.xsd": Self.siSchema])
        guard case .unavailable(let reason) = try validation(Self.certificate(), schemas: DCCSchemas(directory: folder))
        else {
            Issue.record("validated without the XML-DSig schema")
            return
        }
        #expect(reason.contains("xmldsig-core-schema.xsd") && reason.contains(folder))
        let importer = DCCImporter(schemas: DCCSchemas(directory: folder))
        let refused = importer.importCertificate(Array(Self.certificate().utf8), named: "signed.xml")
        #expect(refused.isRefused)
        #expect(refused.diagnostics.contains { $0.severity == .error && $0.message.contains("--allow-unvalidated") })
    }

    @Test("an import of any other web address is refused, not fetched")
    func otherImportsRefused() throws {
        let schema = Self.dccSchema.replacingOccurrences(
            of:
                "<xs:import namespace=\"http://www.w3.org/2000/09/xmldsig#\" schemaLocation=\"https://www.w3.org/TR/xmldsig-core/xmldsig-core-schema.xsd\"/>",
            with: "<xs:import namespace=\"urn:elsewhere\" schemaLocation=\"http://192.0.2.1/elsewhere.xsd\"/>")
        let folder = try Self.folder(["dcc_v3.3.0.xsd": schema, "SI_Format_v2.2.0.xsd": Self.siSchema])
        guard case .unavailable(let reason) = try validation(Self.certificate(), schemas: DCCSchemas(directory: folder))
        else {
            Issue.record("a schema importing from the web was used")
            return
        }
        #expect(reason.contains("urn:elsewhere") && reason.contains("http://192.0.2.1/elsewhere.xsd"))
    }

    @Test("a violation is reported with the certificate's line and the element's XPath")
    func violationPlace() throws {
        let folder = try Self.folder([
            "dcc_v3.3.0.xsd": Self.dccSchema, "SI_Format_v2.2.0.xsd": Self.siSchema,
            "xmldsig-core-schema.xsd": Self.signatureSchema,
        ])
        let imported = DCCImporter(schemas: DCCSchemas(directory: folder))
            .importCertificate(Array(Self.certificate(value: "heavy").utf8), named: "heavy.xml")
        #expect(imported.isRefused)
        let error = try #require(imported.diagnostics.first { $0.severity == .error })
        #expect(error.line == 5)
        #expect(error.path == "/dcc:digitalCalibrationCertificate/si:real/si:value")
        #expect(
            error.description.hasPrefix(
                "heavy.xml:5: /dcc:digitalCalibrationCertificate/si:real/si:value: not valid against dcc_v3.3.0.xsd"))
    }

    @Test("the search path: --schemas, $METROTRACE_DCC_SCHEMAS, the user's and the system's data folders")
    func searchPath() {
        let path = DCCSchemas.searchPath(
            explicit: "/x", environment: ["METROTRACE_DCC_SCHEMAS": "/y", "HOME": "/home/li"])
        #expect(
            path.map(\.folder) == [
                "/x", "/y", "/home/li/.local/share/metrotrace/dcc-schemas",
                "/usr/local/share/metrotrace/dcc-schemas", "/usr/share/metrotrace/dcc-schemas",
            ])
        let xdg = DCCSchemas.searchPath(
            explicit: nil,
            environment: ["XDG_DATA_HOME": "/data", "XDG_DATA_DIRS": "/opt/share:relative", "HOME": "/h"])
        #expect(xdg.map(\.folder) == ["/data/metrotrace/dcc-schemas", "/opt/share/metrotrace/dcc-schemas"])
        // Never the working directory, whatever it holds.
        #expect(!DCCSchemas.searchPath(explicit: nil, environment: [:]).contains { !$0.folder.hasPrefix("/") })
    }

    @Test("the first folder that has the version's schema is used")
    func firstFolderWins() throws {
        let empty = try Self.folder([:])
        let full = try Self.folder([
            "dcc_v3.3.0.xsd": Self.dccSchema, "SI_Format_v2.2.0.xsd": Self.siSchema,
            "xmldsig-core-schema.xsd": Self.signatureSchema,
        ])
        let schemas = DCCSchemas(locations: [.init(folder: empty, origin: "a"), .init(folder: full, origin: "b")])
        #expect(try validation(Self.certificate(), schemas: schemas) == .valid(schema: "dcc_v3.3.0.xsd"))
    }

    @Test("documents too deep or with too many elements are refused before they are copied")
    func shapeLimits() {
        var limits = XMLTree.Limits()
        limits.depth = 10
        let deep = String(repeating: "<a>", count: 11) + String(repeating: "</a>", count: 11)
        #expect(throws: XMLTree.ParseError.self) { try XMLTree.parse(Array(deep.utf8), limits: limits) }
        #expect(throws: Never.self) {
            try XMLTree.parse(
                Array((String(repeating: "<a>", count: 10) + String(repeating: "</a>", count: 10)).utf8), limits: limits
            )
        }
        limits = XMLTree.Limits()
        limits.elements = 1000
        let wide = "<r>" + String(repeating: "<e/>", count: 1000) + "</r>"
        do {
            _ = try XMLTree.parse(Array(wide.utf8), limits: limits)
            Issue.record("1,001 elements were accepted under a limit of 1,000")
        } catch {
            #expect(error.message.contains("more than 1000 elements"))
        }
    }
}
