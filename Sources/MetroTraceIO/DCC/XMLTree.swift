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
/// no external entities and no entity expansion), limits on size, depth and element
/// count, errors with line and column.
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

    /// How much of a document is read: beyond these, a document is refused before it is
    /// copied (a certificate of a few megabytes nested deep and wide would otherwise take
    /// gigabytes as a tree with a path per element).
    public struct Limits: Sendable {
        /// The largest document, in bytes.
        public var size = 32 << 20
        /// The deepest nesting of elements.
        public var depth = 64
        /// The most elements.
        public var elements = 250_000
        /// The most bytes of XPaths the tree may hold (each element keeps its own).
        public var pathBytes = 64 << 20

        /// The default limits: 32 MiB, depth 64, 250,000 elements, 64 MiB of paths
        /// (PTB's examples have at most 651 elements, 14 deep).
        public init() {}
    }

    /// Prefixes used in paths for the DCC and D-SI namespaces.
    static let prefixes = ["https://ptb.de/dcc": "dcc", "https://ptb.de/si": "si"]

    /// libxml2 is set up once per process before use from several threads.
    private static let initialised: Bool = {
        metrotrace_xml_setup_process()
        return true
    }()

    /// Sets libxml2 up (once) and makes the calling thread's error handlers silent, so
    /// that libxml2 never writes to standard error by itself. Every entry point into
    /// libxml2 calls it first.
    static func prepareThread() {
        _ = initialised
        metrotrace_xml_quiet_thread()
    }

    /// Parses `bytes` into a tree.
    /// - Throws: ``ParseError`` for a document that is too large, too deep or has too
    ///   many elements, declares a DTD or is not well-formed.
    public static func parse(_ bytes: [UInt8], limits: Limits = Limits()) throws(ParseError) -> XMLTreeElement {
        try withDocument(bytes, limits: limits) { document throws(ParseError) in try tree(of: document, limits: limits)
        }
    }

    /// The tree of a parsed document, after checking it against `limits`.
    static func tree(of document: xmlDocPtr, limits: Limits) throws(ParseError) -> XMLTreeElement {
        guard let root = xmlDocGetRootElement(document) else {
            throw ParseError(message: "the document has no root element")
        }
        try checkShape(root, limits: limits)
        return element(root, path: "")
    }

    /// Parses `bytes` securely and hands the libxml2 document to `body`, freeing it after.
    /// The bytes stay alive, at one address, until the document and its parser are freed:
    /// libxml2 may read its input buffer for as long as the parser exists.
    static func withDocument<T>(
        _ bytes: [UInt8], limits: Limits, _ body: (xmlDocPtr) throws(ParseError) -> T
    ) throws(ParseError) -> T {
        prepareThread()
        guard bytes.count <= limits.size else {
            throw ParseError(
                message:
                    "the file has \(bytes.count) bytes, more than the \(limits.size >> 20) MiB a certificate may have")
        }
        guard !bytes.isEmpty else { throw ParseError(message: "the file is empty") }
        guard bytes.count <= Int(Int32.max) else { throw ParseError(message: "the file is too large for libxml2") }
        if bytes.firstRange(of: Array("<!DOCTYPE".utf8)) != nil || bytes.firstRange(of: Array("<!ENTITY".utf8)) != nil {
            throw ParseError(
                message:
                    "a document type declaration (<!DOCTYPE …>) is refused: certificates may not declare entities or DTDs"
            )
        }
        let outcome: Result<T, ParseError> = bytes.withUnsafeBufferPointer { buffer in
            guard let context = xmlNewParserCtxt() else {
                return .failure(ParseError(message: "libxml2 could not allocate a parser"))
            }
            defer { xmlFreeParserCtxt(context) }
            let document = buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                xmlCtxtReadMemory(context, pointer, Int32(buffer.count), nil, nil, metrotrace_secure_parse_options())
            }
            guard let document else {
                let error = xmlCtxtGetLastError(context)
                return .failure(
                    ParseError(
                        line: error.map { Int($0.pointee.line) }, column: error.map { Int($0.pointee.int2) },
                        message: String(cString: metrotrace_error_message(error)).trimmingCharacters(
                            in: .whitespacesAndNewlines)))
            }
            defer { xmlFreeDoc(document) }
            if document.pointee.intSubset != nil || document.pointee.extSubset != nil {
                return .failure(
                    ParseError(
                        message: "a document type declaration is refused: certificates may not declare entities or DTDs"
                    ))
            }
            do throws(ParseError) {
                return .success(try body(document))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Refuses a document deeper, larger or with longer paths than `limits` allow,
    /// walking libxml2's tree without copying it.
    static func checkShape(_ root: xmlNodePtr, limits: Limits) throws(ParseError) {
        var elements = 0
        var pathBytes = 0
        // (node, depth, path length)
        var stack: [(xmlNodePtr, Int, Int)] = [(root, 1, step(root, position: nil).utf8.count + 1)]
        while let (node, depth, length) = stack.popLast() {
            elements += 1
            pathBytes += length
            guard depth <= limits.depth else {
                throw ParseError(
                    line: Int(xmlGetLineNo(node)),
                    message:
                        "elements are nested more than \(limits.depth) deep; a certificate this deep is refused")
            }
            guard elements <= limits.elements else {
                throw ParseError(
                    message:
                        "the document has more than \(limits.elements) elements; a certificate this large is refused")
            }
            guard pathBytes <= limits.pathBytes else {
                throw ParseError(
                    message:
                        "the document's elements are too many and too deep to be read (more than \(limits.pathBytes >> 20) MiB of element paths); a certificate this large is refused"
                )
            }
            var siblings = 0
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE { siblings += 1 }
                child = current.pointee.next
            }
            // An upper bound of each child's path: its step with the longest position
            // (`[n]` when its parent has several elements).
            let position = siblings > 1 ? 2 + String(siblings).utf8.count : 0
            child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE {
                    stack.append((current, depth + 1, length + 1 + step(current, position: nil).utf8.count + position))
                }
                child = current.pointee.next
            }
        }
    }

    /// One step of an element's XPath: `dcc:list`, with `[n]` when its parent has several
    /// elements of that name.
    static func step(_ node: xmlNodePtr, position: Int?) -> String {
        let name = String(cString: node.pointee.name)
        let namespace = node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } }
        let prefix =
            namespace.flatMap { prefixes[$0] }
            ?? node.pointee.ns.flatMap { $0.pointee.prefix.map { String(cString: $0) } }
        var step = (prefix.map { $0 + ":" } ?? "") + name
        if let position { step += "[\(position)]" }
        return step
    }

    /// The XPath of an element of a parsed document, in the form the tree's paths take
    /// (`/dcc:digitalCalibrationCertificate/dcc:measurementResults/…/dcc:list[2]`).
    static func path(of node: xmlNodePtr) -> String {
        var steps: [String] = []
        var current: xmlNodePtr? = node
        while let element = current, element.pointee.type == XML_ELEMENT_NODE {
            var same = 0
            var position = 0
            var sibling = element.pointee.parent?.pointee.children
            while let candidate = sibling {
                if candidate.pointee.type == XML_ELEMENT_NODE,
                    xmlStrEqual(candidate.pointee.name, element.pointee.name) != 0
                {
                    same += 1
                    if candidate == element { position = same }
                }
                sibling = candidate.pointee.next
            }
            steps.append(step(element, position: same > 1 ? position : nil))
            current = element.pointee.parent
        }
        return steps.reversed().map { "/" + $0 }.joined()
    }

    /// Copies a libxml2 element and everything below it.
    static func element(_ node: xmlNodePtr, path parent: String, position: Int? = nil) -> XMLTreeElement {
        let name = String(cString: node.pointee.name)
        let namespace = node.pointee.ns.flatMap { $0.pointee.href.map { String(cString: $0) } }
        let path = parent + "/" + step(node, position: position)
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
        return XMLTreeElement(
            name: name, namespace: namespace, attributes: attributes, children: children,
            text: text.trimmingCharacters(in: .whitespacesAndNewlines),
            line: Int(xmlGetLineNo(node)), path: path)
    }
}
