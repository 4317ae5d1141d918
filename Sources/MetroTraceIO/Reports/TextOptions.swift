import MetroTrace

/// How a text report is written for the person reading it: in which language, fitted to
/// how many columns, and whether statuses and severities are coloured (ANSI escapes).
public struct TextOptions: Hashable, Sendable {
    /// The language of every text.
    public var language: Language
    /// The columns to fit tables and findings to; nil: no limit (a pipe or a file).
    public var width: Int?
    /// Whether to colour statuses and severities with ANSI escapes.
    public var colours: Bool

    /// English, unlimited, plain: what scripts read.
    public static let plain = TextOptions()

    /// Text options.
    public init(language: Language = .english, width: Int? = nil, colours: Bool = false) {
        self.language = language
        self.width = width
        self.colours = colours
    }

    /// The catalogue's text of `key` in the language.
    public func text(_ key: String, _ arguments: (String, LocalizedText)...) -> String {
        LocalizedText.template(key, arguments.map { LocalizedText.Argument($0.0, $0.1) }).rendered(in: language)
    }

    /// A status in words, with its symbol: `✓ valid`, `✗ 溯源中断`.
    public func status(_ status: Status) -> String { status.symbol + " " + text("status." + status.rawValue) }

    /// `text` in the colour of `status` (green, yellow, red), when colouring.
    public func coloured(_ text: String, _ status: Status) -> String {
        guard colours else { return text }
        let code =
            switch status {
            case .valid: "32"
            case .warning: "33"
            case .broken: "31"
            }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    /// `text` in the colour of a finding's severity, when colouring.
    public func coloured(_ text: String, _ severity: FindingSeverity) -> String {
        switch severity {
        case .error: coloured(text, Status.broken)
        case .warning: coloured(text, Status.warning)
        case .info: text
        }
    }

    /// `text` in bold, when colouring.
    public func bold(_ text: String) -> String { colours ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}
