import MetroTrace

/// The audit diagram of one full traceability chain: SI realisations and primary
/// standards at the top, the item at the bottom, one cluster per lab, edges from each
/// standard to what it calibrated, coloured by the link's worst finding.
public enum ChainDiagram {
    /// The diagram of `chain` as a Graphviz graph.
    ///
    /// - Complexity: O(c·(r + p)) for a chain of c records with r references and p points.
    public static func graph(_ chain: Chain, analysis: TraceabilityAnalysis, context: DiagramContext) -> DOTGraph {
        var builder = Builder(chain: chain, analysis: analysis, context: context)
        builder.build()
        var graph = DOTGraph(name: "chain of \(analysis.network.id(of: chain.item))")
        DiagramStyle.apply(to: &graph, context: context)
        graph.attributes.append(
            .init(
                "label",
                DiagramStyle.title(
                    context.text(
                        "diagram.chain.title", ("item", .literal(analysis.network.id(of: chain.item))),
                        ("status", .literal(context.status(chain.status)))),
                    at: chain.at, context: context)))
        builder.layOut(into: &graph, context: context)
        return graph
    }

    /// The diagram of `chain` as DOT text.
    public static func dot(_ chain: Chain, analysis: TraceabilityAnalysis, context: DiagramContext) -> String {
        graph(chain, analysis: analysis, context: context).text
    }

    /// What a node stands for: an item as calibrated by one record of the chain, or an
    /// item on its own (an anchor, a reference with no record in force).
    enum Key: Hashable {
        case record(RecordIndex)
        case item(ItemIndex)
    }

    struct NodeInfo {
        var key: Key
        var item: ItemIndex
        var status: Status
        var isAnchor: Bool
        /// The uncertainty at each point of the node's record, worked out once.
        var results: [PointUncertainty] = []
        /// Values at which the node's standard was used by its children.
        var usedAt: [Double] = []
        /// Extra lines: the query date's findings on the chain's item; the item's own
        /// state and its record's own findings on the other nodes.
        var notes: [(Status, String)] = []
        /// The dates of the records that used the node's standard.
        var uses: [Day] = []
    }

    /// A calibration edge between two nodes (by position), named once every node is known.
    struct PendingEdge {
        var from: Int
        var to: Int
        var link: Chain.Link
        var reference: Chain.Reference?
        /// The suspect finding whose path from an out-of-tolerance standard runs along
        /// this edge, if any.
        var suspect: Finding? = nil
    }

    struct Builder {
        let chain: Chain
        let analysis: TraceabilityAnalysis
        let network: Network
        /// The language and look of the diagram.
        let context: DiagramContext
        /// The nodes in the order met; the first is the chain's item.
        var nodes: [NodeInfo] = []
        /// Node positions by key.
        var index = PositionIndex<Key>()
        var pending: [PendingEdge] = []
        /// Node names by position, set by `build()` once every node is known.
        var names: [String] = []

        init(chain: Chain, analysis: TraceabilityAnalysis, context: DiagramContext) {
            self.chain = chain
            self.analysis = analysis
            self.network = analysis.network
            self.context = context
            nodes.reserveCapacity(chain.links.count + 4)
            pending.reserveCapacity(chain.links.count * 2 + 2)
        }

        /// The position of the node for `key`, added when new.
        @discardableResult
        mutating func node(_ key: Key, item: ItemIndex, status: Status, isAnchor: Bool) -> Int {
            if let existing = index.position(of: key) { return existing }
            var info = NodeInfo(key: key, item: item, status: status, isAnchor: isAnchor)
            switch key {
            case .record(let record): info.results = analysis.uncertainty(of: record)
            case .item(let item) where isAnchor: info.results = analysis.uncertainty(of: item, at: chain.at)
            case .item: break
            }
            nodes.append(info)
            return index.append(key)
        }

        /// Collects nodes and edges from the chain, then names the nodes.
        mutating func build() {
            let root = node(
                chain.record.map(Key.record) ?? .item(chain.item), item: chain.item,
                status: max(chain.links.first?.status ?? chain.status, queryStatus()), isAnchor: chain.isAnchor)
            let queryFindings = chain.findings.filter { $0.rule.dependsOnQueryDate }
            nodes[root].notes = queryFindings.map {
                (Status(worst: $0.severity), "\($0.rule.id): \($0.message(in: context.language))")
            }
            for link in chain.links {
                let target = node(.record(link.record), item: link.item, status: link.status, isAnchor: false)
                if link.references.isEmpty {
                    let missing = node(
                        .item(ItemIndex(-1 - link.record.rawValue)), item: link.item, status: .broken, isAnchor: false)
                    pending.append(PendingEdge(from: missing, to: target, link: link, reference: nil))
                    continue
                }
                for reference in link.references {
                    let source: Int
                    if let used = reference.record {
                        source = node(
                            .record(used), item: reference.item, status: chain.link(of: used)?.status ?? .broken,
                            isAnchor: false)
                    } else {
                        source = node(
                            .item(reference.item), item: reference.item, status: reference.isAnchor ? .valid : .broken,
                            isAnchor: reference.isAnchor)
                    }
                    if reference.at.isNaN {
                        nodes[source].usedAt.append(contentsOf: network.points(of: link.record).lazy.map(\.nominal.si))
                    } else {
                        nodes[source].usedAt.append(reference.at)
                    }
                    pending.append(PendingEdge(from: source, to: target, link: link, reference: reference))
                }
            }
            settleStates()
            nameNodes()
        }

        /// Names every node (``NodeName``): by the item, or by the record when the item
        /// appears at several of its records.
        mutating func nameNodes() {
            var items = PositionIndex<ItemIndex>()
            var appearances: [Int] = []
            for info in nodes {
                if let position = items.position(of: info.item) {
                    appearances[position] += 1
                } else {
                    items.append(info.item)
                    appearances.append(1)
                }
            }
            func count(_ item: ItemIndex) -> Int { items.position(of: item).map { appearances[$0] } ?? 0 }
            names = nodes.map { info in
                switch info.key {
                case .item(let item) where item.rawValue < 0:
                    return "no reference for \(network.id(of: RecordIndex(-1 - item.rawValue)))"
                case .item(let item):
                    return NodeName.item(network.id(of: item))
                case .record(let record):
                    let item = network.item(of: record)
                    return count(item) > 1
                        ? NodeName.record(network.id(of: record)) : NodeName.item(network.id(of: item))
                }
            }
        }

        func queryStatus() -> Status {
            Status(worst: chain.findings.filter { $0.rule.dependsOnQueryDate }.map(\.severity).max())
        }

        /// The legend of what this chain's diagram draws.
        func legend(_ graph: DOTGraph) -> DOTGraph.Node {
            var content = DiagramStyle.LegendContent(
                context: context, edges: context.text("legend.chain.edges"), nodes: context.text("legend.chain.nodes"))
            for info in nodes where !info.isAnchor { content.statuses.insert(info.status) }
            content.anchor = nodes.contains { $0.isAnchor }
            content.dashed = pending.contains { $0.reference == nil }
            content.suspectPath = pending.contains { $0.suspect != nil }
            for edge in pending { content.statuses.insert(status(of: edge)) }
            return DiagramStyle.legend(content)
        }

        /// Writes nodes (in lab clusters), rank groups, edges and the legend.
        func layOut(into graph: inout DOTGraph, context: DiagramContext) {
            var clusters = LabClusters()
            var ranks = RankGroups<Int>(capacity: nodes.count)
            graph.subgraphs.reserveCapacity(12)
            graph.nodes.reserveCapacity(4)
            for (index, info) in nodes.enumerated() {
                let node = self.node(at: index)
                if case .item(let item) = info.key, item.rawValue < 0 {
                    graph.nodes.append(node)
                    continue
                }
                ranks.place(index, level: network.kind(of: info.item).level)
                if !clusters.place(node, lab: network.lab(of: info.item)) { graph.nodes.append(node) }
            }
            graph.subgraphs += clusters.subgraphs(network: network, label: clusterLabel)
            graph.edges.reserveCapacity(pending.count)
            for edge in pending {
                ranks.connect(edge.from, edge.to)
                graph.edges.append(self.edge(edge))
            }
            let names = names
            graph.subgraphs += ranks.subgraphs { names[$0] }
            graph.subgraphs.append(DOTGraph.Subgraph("legend", [.init("rank", "sink")], nodes: [legend(graph)]))
        }
    }
}
