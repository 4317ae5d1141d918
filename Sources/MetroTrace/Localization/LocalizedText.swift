/// Text for people, kept as its facts until it is shown: a template of the language
/// catalogues (``LocalizationCatalog``) with named arguments, a literal (an id, a date, a
/// value with its unit, which read the same in every language), or pieces joined.
///
/// Findings carry their message as a `LocalizedText`, so that the same finding is read
/// in Chinese at one terminal and in English in another service's log.
public indirect enum LocalizedText: Hashable, Sendable, Codable {
    /// Text that reads the same in every language.
    case literal(String)
    /// The catalogues' template `key`, its `{name}` placeholders filled with the arguments.
    case template(String, [Argument])
    /// Pieces written one after the other.
    case joined([LocalizedText])
    /// Items written with the language's list separator between them (`, ` or `、`).
    case list([LocalizedText])
    /// The catalogues' template `key` when the language has it, else `fallback`: a name
    /// from the data that the catalogues may know (a quantity's name, `质量` for `mass`).
    case term(String, fallback: String)

    /// A named argument of a template.
    public struct Argument: Hashable, Sendable, Codable {
        /// The placeholder's name, without braces.
        public var name: String
        /// What it is replaced by.
        public var value: LocalizedText

        /// An argument.
        public init(_ name: String, _ value: LocalizedText) {
            self.name = name
            self.value = value
        }
    }

    /// The template `key` with arguments given as pairs.
    public static func key(_ key: String, _ arguments: (String, LocalizedText)...) -> LocalizedText {
        .template(key, arguments.map { Argument($0.0, $0.1) })
    }

    /// A quantity's name (`mass`), in the language when the catalogues know it.
    public static func quantity(_ name: String) -> LocalizedText { .term("quantity." + name, fallback: name) }

    /// The text in `language`. A template missing from that language's catalogue is
    /// taken from the English one; one missing from both is written as its key, so that
    /// nothing is silently empty. A template may have a variant `key.one`, used when its
    /// `count` argument is 1 ("1 day", "2 days").
    public func rendered(in language: Language) -> String {
        var text = ""
        render(in: language, into: &text)
        return text
    }

    /// Appends the text in `language` to `text`.
    func render(in language: Language, into text: inout String) {
        switch self {
        case .literal(let literal): text += literal
        case .term(let key, let fallback): text += LocalizationCatalog.template(key, in: language) ?? fallback
        case .joined(let pieces): for piece in pieces { piece.render(in: language, into: &text) }
        case .list(let items):
            let separator = LocalizationCatalog.template("list.separator", in: language) ?? ", "
            for (position, item) in items.enumerated() {
                if position > 0 { text += separator }
                item.render(in: language, into: &text)
            }
        case .template(let key, let arguments):
            let count = arguments.first { $0.name == "count" }.flatMap { argument -> String? in
                if case .literal(let value) = argument.value { return value }
                return nil
            }
            let template =
                (count == "1" ? LocalizationCatalog.template(key + ".one", in: language) : nil)
                ?? LocalizationCatalog.template(key, in: language) ?? key
            LocalizationCatalog.fill(template, arguments: arguments, in: language, into: &text)
        }
    }
}

extension LocalizedText: ExpressibleByStringLiteral, CustomStringConvertible {
    /// A literal.
    public init(stringLiteral value: String) { self = .literal(value) }

    /// The English text.
    public var description: String { rendered(in: .english) }
}
