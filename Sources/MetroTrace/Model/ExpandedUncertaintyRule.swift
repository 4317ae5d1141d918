/// How a result point or an anchor states its expanded uncertainty — `U`, with `k` or a
/// coverage probability and the degrees of freedom — checked once for every format. The
/// fields are named alike in every format (`U`, `k`, `coverage`, `dof`).
public enum ExpandedUncertaintyRule {
    /// What is wrong with how the uncertainty is stated.
    public enum Problem: Hashable, Sendable, Error {
        /// A coverage factor or probability without the `U` it qualifies.
        case factorWithoutU

        /// The field the problem is reported at.
        public var field: String { "U" }

        /// What is wrong, in either language.
        public var text: LocalizedText { .key("diagnostic.U.factor-without-U") }
    }

    /// The expanded uncertainty stated, or nil when none is.
    ///
    /// - Parameters:
    ///   - givenU: whether `U` was given, whether or not its value could be read (an
    ///     unreadable `U` has been reported by the reader, and is no second problem).
    ///   - value: `U` as read.
    ///   - k: the coverage factor, when given.
    ///   - coverage: the coverage probability, when given.
    ///   - dof: the degrees of freedom, when given.
    public static func expanded(
        givenU: Bool, value: QuantityValue?, k: Double?, coverage: Double?, dof: Double?
    ) -> Result<ExpandedUncertainty?, Problem> {
        guard let value else {
            return !givenU && (k != nil || coverage != nil) ? .failure(.factorWithoutU) : .success(nil)
        }
        return .success(ExpandedUncertainty(value, k: k, coverage: coverage, dof: dof))
    }
}
