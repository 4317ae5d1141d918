extension NetworkBuilder {
    /// Resolves ids, checks dimensions against the kinds of quantity, orders the records
    /// and freezes everything into a ``Network``.
    ///
    /// The builder hands its contents over and is left empty but for its log, so that
    /// a network of millions of records is never held twice.
    ///
    /// - Throws: ``DatasetError`` with every problem found, when any is an error.
    /// - Complexity: O(n log n) in the number of records.
    public mutating func build() throws(DatasetError) -> Network {
        var resolver = Resolver(builder: self)
        self = NetworkBuilder(log: log)
        resolver.resolveQuantities()
        resolver.resolveLabs()
        resolver.resolveItems()
        resolver.resolveRecords()
        log = resolver.log
        if resolver.log.hasErrors { throw DatasetError(log: resolver.log) }
        return resolver.freeze()
    }

    /// An empty builder that keeps a log.
    init(log: DiagnosticLog) {
        self.log = log
    }
}
