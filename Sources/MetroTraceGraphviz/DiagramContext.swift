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

    /// The font diagrams use unless told otherwise: WenQuanYi Micro Hei (Debian
    /// `fonts-wqy-microhei`), which covers Chinese.
    public static let defaultFont = "WenQuanYi Micro Hei"

    /// Creates a context.
    public init(
        datasetName: String, digest: String? = nil, policyName: String = "default",
        fontName: String = DiagramContext.defaultFont
    ) {
        self.datasetName = datasetName
        self.digest = digest
        self.policyName = policyName
        self.fontName = fontName
    }
}
