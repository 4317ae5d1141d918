import MetroTrace

/// What every audit diagram states about itself, and how it looks.
public struct DiagramContext: Hashable, Sendable {
    /// The dataset's name.
    public var datasetName: String
    /// The SHA-256 digest of the dataset file(s), hexadecimal.
    public var digest: String?
    /// The policy used (`default` or a file name).
    public var policyName: String
    /// The font for every label; it must cover Chinese (installed by `scripts/setup.sh`).
    public var fontName: String
    /// The language of every title, label, legend and page.
    public var language: Language

    /// The fonts diagrams use unless told otherwise, as a fallback list: WenQuanYi Micro
    /// Hei (Debian `fonts-wqy-microhei`, installed by `scripts/setup.sh`, which Graphviz
    /// lays the labels out with), then the CJK fonts a viewer's machine is likely to have
    /// (Noto Sans CJK SC, Source Han Sans SC on Linux, Microsoft YaHei on Windows,
    /// PingFang SC on macOS), then any sans-serif. SVG carries the list as its
    /// `font-family`, so a browser without the first font takes the next.
    public static let defaultFont =
        "WenQuanYi Micro Hei,Noto Sans CJK SC,Source Han Sans SC,Microsoft YaHei,PingFang SC,sans-serif"

    /// Creates a context.
    public init(
        datasetName: String, digest: String? = nil, policyName: String = "default",
        fontName: String = DiagramContext.defaultFont, language: Language = .english
    ) {
        self.datasetName = datasetName
        self.digest = digest
        self.policyName = policyName
        self.fontName = fontName
        self.language = language
    }

    /// The catalogues' text of `key` in the context's language.
    func text(_ key: String, _ arguments: (String, LocalizedText)...) -> String {
        LocalizedText.template(key, arguments.map { LocalizedText.Argument($0.0, $0.1) }).rendered(in: language)
    }

    /// A status with its symbol, in the context's language: `✓ valid`, `✗ 溯源中断`.
    func status(_ status: Status) -> String { status.symbol + " " + text("status." + status.rawValue) }
}
