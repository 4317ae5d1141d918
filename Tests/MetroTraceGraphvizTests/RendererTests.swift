import Testing

@testable import MetroTraceGraphviz

@Suite("In-process Graphviz rendering")
struct RendererTests {
    static let simple = "digraph g { a -> b; }"

    @Test("SVG, PNG and PDF render in memory with their magic bytes")
    func formats() throws {
        let svg = try GraphvizRenderer.shared.render(dot: Self.simple, format: .svg)
        #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
        let png = try GraphvizRenderer.shared.render(dot: Self.simple, format: .png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let pdf = try GraphvizRenderer.shared.render(dot: Self.simple, format: .pdf)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
    }

    @Test("a syntax error is a typed error, never a crash")
    func syntaxError() {
        #expect {
            _ = try GraphvizRenderer.shared.render(dot: "digraph { a -> ", format: .svg)
        } throws: { error in
            (error as? RenderError)?.code == .syntax
        }
    }
}
