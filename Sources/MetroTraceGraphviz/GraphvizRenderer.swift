import CGraphviz
import Foundation
import Synchronization

/// The formats a diagram renders to.
public enum DiagramFormat: String, CaseIterable, Hashable, Sendable {
    /// DOT text, as written (no layout).
    case dot
    /// Scalable vector graphics.
    case svg
    /// A PNG image.
    case png
    /// A PDF document.
    case pdf
    /// An HTML page: the SVG, and beside it the list of every item each collapsed box
    /// stands for (``CollapsedNode``).
    case html

    /// The format for a file name's extension (`.svg`, `.png`, `.pdf`, `.dot`/`.gv`).
    public init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "dot", "gv": self = .dot
        case "svg": self = .svg
        case "png": self = .png
        case "pdf": self = .pdf
        case "html", "htm": self = .html
        default: return nil
        }
    }

    /// The Graphviz output format name (`gvRenderData`'s `format`).
    var graphvizName: String {
        switch self {
        case .dot: "dot"
        case .svg: "svg"
        case .png: "png:cairo"
        case .pdf: "pdf:cairo"
        case .html: "svg"
        }
    }
}

/// Why rendering failed.
public struct RenderError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Code: Hashable, Sendable {
        /// The DOT text could not be parsed (`agmemread`).
        case syntax
        /// The `dot` layout failed (`gvLayout`).
        case layoutFailed
        /// Graphviz has no renderer for the format (a plugin is missing).
        case unknownFormat
        /// Rendering failed (`gvRenderData`).
        case renderFailed
        /// The Graphviz context could not be created (`gvContext`).
        case noContext
    }

    /// What failed.
    public var code: Code
    /// What Graphviz said.
    public var message: String

    public var description: String {
        let what =
            switch code {
            case .syntax: "DOT syntax error"
            case .layoutFailed: "layout failed"
            case .unknownFormat: "unknown format"
            case .renderFailed: "rendering failed"
            case .noContext: "Graphviz could not start"
            }
        return message.isEmpty ? what : "\(what): \(message)"
    }
}

/// Lays out DOT text with Graphviz's `dot` engine and renders it to SVG, PNG or PDF in
/// memory, in-process through libgvc (`agmemread`, `gvLayout`, `gvRenderData`).
///
/// Graphviz keeps process-wide state and is not thread-safe even with separate contexts,
/// so every call goes through one process-wide lock; one Graphviz context, created on
/// first use, is reused for every rendering.
public final class GraphvizRenderer: Sendable {
    /// The renderer of this process.
    public static let shared = GraphvizRenderer()

    /// The context pointer, guarded by the process-wide lock.
    private struct State: @unchecked Sendable {
        var context: OpaquePointer?
        var failed = false
    }

    private static let lock = Mutex(State())

    private init() {}

    /// Renders a diagram; as an HTML page, with the lists of its collapsed boxes.
    /// - Throws: ``RenderError`` (`syntax`, `layoutFailed`, `unknownFormat`, `renderFailed`).
    public func render(_ graph: DOTGraph, format: DiagramFormat) throws(RenderError) -> [UInt8] {
        guard format == .html else { return try render(dot: graph.text, format: format) }
        let svg = String(decoding: try render(dot: graph.text, format: .svg), as: UTF8.self)
        return Array(DiagramPage.html(graph, svg: svg).utf8)
    }

    /// Renders DOT text; as an HTML page, the SVG alone (``render(_:format:)`` adds the
    /// lists of collapsed boxes).
    /// - Throws: ``RenderError`` (`syntax`, `layoutFailed`, `unknownFormat`, `renderFailed`).
    public func render(dot text: String, format: DiagramFormat) throws(RenderError) -> [UInt8] {
        if format == .dot { return Array(text.utf8) }
        if format == .html {
            let svg = String(decoding: try render(dot: text, format: .svg), as: UTF8.self)
            return Array(DiagramPage.html(DOTGraph(name: "diagram"), svg: svg).utf8)
        }
        let result: Result<[UInt8], RenderError> = Self.lock.withLock { state in
            guard let context = Self.context(&state) else {
                return .failure(RenderError(code: .noContext, message: Self.takeErrors()))
            }
            _ = Self.takeErrors()
            // The DOT text and the format name stay alive until the graph is closed:
            // Graphviz is not documented to copy what it is given.
            return text.withCString { dot in
                format.graphvizName.withCString { formatName in
                    guard let graph = mt_read(dot) else {
                        return .failure(RenderError(code: .syntax, message: Self.takeErrors()))
                    }
                    defer { agclose(graph) }
                    guard mt_layout(context, graph) == 0 else {
                        return .failure(RenderError(code: .layoutFailed, message: Self.takeErrors()))
                    }
                    defer { gvFreeLayout(context, graph) }
                    var data: UnsafeMutablePointer<CChar>?
                    var length: UInt32 = 0
                    let status = mt_render(context, graph, formatName, &data, &length)
                    guard status == 0, let data else {
                        let message = Self.takeErrors()
                        let code: RenderError.Code = message.contains("not recognized") ? .unknownFormat : .renderFailed
                        return .failure(RenderError(code: code, message: message))
                    }
                    // Copied out before Graphviz frees its buffer.
                    defer { gvFreeRenderData(data) }
                    return .success(
                        data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                            Array(UnsafeBufferPointer(start: $0, count: Int(length)))
                        })
                }
            }
        }
        return try result.get()
    }

    /// Checks that DOT text parses (`agmemread`), without laying it out; returns the
    /// value of `attribute` for each node, by node name.
    public func parse(dot text: String, attribute: String = "label") throws(RenderError) -> [String: String] {
        let result: Result<[String: String], RenderError> = Self.lock.withLock { state in
            guard Self.context(&state) != nil else {
                return .failure(RenderError(code: .noContext, message: Self.takeErrors()))
            }
            _ = Self.takeErrors()
            return text.withCString { dot in
                guard let graph = mt_read(dot) else {
                    return .failure(RenderError(code: .syntax, message: Self.takeErrors()))
                }
                defer { agclose(graph) }
                var values: [String: String] = [:]
                var node = agfstnode(graph)
                while let current = node {
                    let name = String(cString: mt_node_name(current))
                    values[name] =
                        attribute.withCString { mt_node_attribute(current, $0) }.map { String(cString: $0) } ?? ""
                    node = agnxtnode(graph, current)
                }
                return .success(values)
            }
        }
        return try result.get()
    }

    /// The process's Graphviz context, created on first use (caller holds the lock).
    private static func context(_ state: inout State) -> OpaquePointer? {
        if let context = state.context { return context }
        guard !state.failed else { return nil }
        mt_install_error_collector()
        state.context = gvContext()
        state.failed = state.context == nil
        return state.context
    }

    /// The messages Graphviz reported since the last call (caller holds the lock).
    private static func takeErrors() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        mt_take_errors(&buffer, buffer.count)
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
