import CLibXML2
import Foundation

/// An element of an XML document read with libxml2 and copied into Swift values: local
/// name, namespace, attributes, child elements, its own text, the line it is on and an
/// XPath that names it (`/dcc:digitalCalibrationCertificate/dcc:measurementResults/…`).
public struct XMLTreeElement: Sendable {
    /// The local name.
    public var name: String
    /// The namespace URI, if any.
    public var namespace: String?
    /// Attributes by local name.
    public var attributes: [String: String]
    /// The child elements, in document order.
    public var children: [XMLTreeElement]
    /// The text directly inside the element, trimmed.
    public var text: String
    /// The line the element starts on.
    public var line: Int
    /// An XPath that names the element (`/dcc:…/dcc:list[2]/dcc:quantity`).
    public var path: String

    /// The children named `name` in `namespace` (any namespace when nil).
    public func children(_ name: String, in namespace: String? = nil) -> [XMLTreeElement] {
        children.filter { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    /// The first child named `name` in `namespace`.
    public func child(_ name: String, in namespace: String? = nil) -> XMLTreeElement? {
        children.first { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    /// The element at the end of a path of child names.
    public func descendant(_ names: String..., in namespace: String? = nil) -> XMLTreeElement? {
        var element = self
        for name in names {
            guard let next = element.child(name, in: namespace) else { return nil }
            element = next
        }
        return element
    }

    /// Every element below this one, depth first.
    public func allDescendants(named name: String, in namespace: String? = nil) -> [XMLTreeElement] {
        var found: [XMLTreeElement] = []
        for child in children {
            if child.name == name && (namespace == nil || child.namespace == namespace) { found.append(child) }
            found += child.allDescendants(named: name, in: namespace)
        }
        return found
    }
}

/// Reading untrusted XML: no network, no DTD (a document type declaration is refused, so
/// no external entities and no entity expansion), a size limit, errors with line and
/// column.
public enum XMLTree {
    /// A problem with the XML itself.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        /// Where libxml2 found the problem, when it says.
        public var line: Int?
        public var column: Int?
        /// What is wrong.
        public var message: String
        public var description: String {
            (line.map { "line \($0)\(column.map { ", column \($0)" } ?? ""): " } ?? "") + message
        }
    }

    /// Prefixes used in paths for the DCC and D-SI namespaces.
    static let prefixes = ["https://ptb.de/dcc": "dcc", "https://ptb.de/si": "si"]

    /// libxml2 must be initialised once before use from several threads.
    private static let initialised: Bool = {
        xmlInitParser()
        return true
    }()

    /// Parses `bytes` into a tree.
    /// - Parameter maximumSize: documents larger than this are refused before parsing.
    /// - Throws: ``ParseError`` for a document that is too large, declares a DTD or is
    ///   not well-formed.
    public static func parse(_ bytes: [UInt8], maximumSize: Int = 32 << 20) throws(ParseError) -> XMLTreeElement {
        try withDocument(bytes, maximumSize: maximumSize) { document throws(ParseError) in try tree(of: document) }
    }

    /// The tree of a parsed document.
    static func tree(of document: xmlDocPtr) throws(ParseError) -> XMLTreeElement {
        guard let root = xmlDocGetRootElement(document) else { throw ParseError(message: "the document has no root element") }
        return element(root, path: "")
    }

    /// Parses `bytes` securely and hands the libxml2 document to `body`, freeing it after.
    static func withDocument<T>(
        _ bytes: [UInt8], maximumSize: Int, _ body: (xmlDocPtr) throws(ParseError) -> T
    ) throws(ParseError) -> T {
        _ = initialised
        guard bytes.count <= maximumSize else {
            throw ParseError(message: "the file has \(bytes.count) bytes, more than the \(maximumSize >> 20) MiB a certificate may have")
        }
        guard !bytes.isEmpty else { throw ParseError(message: "the file is empty") }
        if bytes.firstRange(of: Array("<!DOCTYPE".utf8)) != nil || bytes.firstRange(of: Array("<!ENTITY".utf8)) != nil {
            throw ParseError(message: "a document type declaration (<!DOCTYPE …>) is refused: certificates may not declare entities or DTDs")
        }
        guard let context = xmlNewParserCtxt() else { throw ParseError(message: "libxml2 could not allocate a parser") }
        defer { xmlFreeParserCtxt(context) }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                xmlCtxtReadMemory(context, pointer, Int32(buffer.count), nil, nil, metrotrace_secure_parse_options())
            }
        }
        guard let document else {
            let error = xmlCtxtGetLastError(context)
            throw ParseError(line: error.map { Int($0.pointee.line) }, column: error.map { Int($0.pointee.int2) },
                             message: String(cString: metrotrace_error_message(error)).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        defer { xmlFreeDoc(document) }
        if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
            throw ParseError(message: "a document type declaration is refused: certificates may not declare entities or DTDs")
        }
        return try body(document)
    }

    /// Copies a libxml2 element and everything below it.
    static func element(_ node: xmlNodePtr, path parent: String, position: Int? = nil) -> XMLTreeElement {
        let name = String(cString: node.pointee.name)
        let namespace = node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } }
        let prefix = namespace.flatMap { prefixes[$0] }
            ?? node.pointee.ns.flatMap { $0.pointee.prefix.map { String(cString: $0) } }
        var path = parent + "/" + (prefix.map { $0 + ":" } ?? "") + name
        if let position { path += "[\(position)]" }
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            let key = String(cString: current.pointee.name)
            if let value = xmlNodeListGetString(node.pointee.doc, current.pointee.children, 1) {
                attributes[key] = String(cString: value)
                metrotrace_xml_free(value)
            }
            attribute = current.pointee.next
        }
        var elementNodes: [xmlNodePtr] = []
        var text = ""
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: elementNodes.append(current)
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { text += String(cString: content) }
            default: break
            }
            child = current.pointee.next
        }
        var counts: [String: Int] = [:]
        for child in elementNodes { counts[String(cString: child.pointee.name), default: 0] += 1 }
        var seen: [String: Int] = [:]
        let children = elementNodes.map { child -> XMLTreeElement in
            let childName = String(cString: child.pointee.name)
            seen[childName, default: 0] += 1
            return element(child, path: path, position: counts[childName, default: 0] > 1 ? seen[childName] : nil)
        }
        return XMLTreeElement(name: name, namespace: namespace, attributes: attributes, children: children,
                              text: text.trimmingCharacters(in: .whitespacesAndNewlines),
                              line: Int(xmlGetLineNo(node)), path: path)
    }
}
