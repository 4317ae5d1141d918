/// A kind of quantity (VIM 1.2) such as mass or pressure, with its dimension and the
/// coherent SI unit its values are held in.
///
/// Names come from ``QuantityKind/catalog``; a dataset may declare further kinds with
/// their unit (for example a hardness scale as a dimensionless quantity).
public struct QuantityKind: Hashable, Sendable, Codable {
    /// The name used in datasets, e.g. `mass` or `amount fraction`.
    public var name: String
    /// The dimension of every value of this kind.
    public var dimension: Dimension
    /// The unit values are shown in when nothing else is asked for.
    public var unit: String

    /// Creates a quantity kind.
    public init(name: String, dimension: Dimension, unit: String) {
        self.name = name
        self.dimension = dimension
        self.unit = unit
    }

    /// The built-in kinds of quantity, by name.
    public static let catalog: [String: QuantityKind] = {
        let entries: [(String, String)] = [
            ("mass", "kg"), ("length", "m"), ("time", "s"), ("temperature", "K"),
            ("electric current", "A"), ("current", "A"), ("amount of substance", "mol"),
            ("luminous intensity", "cd"), ("voltage", "V"), ("resistance", "Ω"),
            ("capacitance", "F"), ("inductance", "H"), ("electric charge", "C"),
            ("power", "W"), ("energy", "J"), ("frequency", "Hz"), ("pressure", "Pa"),
            ("force", "N"), ("torque", "N·m"), ("area", "m²"), ("volume", "m³"),
            ("volume flow", "m³/s"), ("flow", "m³/s"), ("mass flow", "kg/s"),
            ("density", "kg/m³"), ("speed", "m/s"), ("acceleration", "m/s²"),
            ("angle", "rad"), ("amount fraction", "1"), ("mass fraction", "1"),
            ("volume fraction", "1"), ("relative humidity", "1"), ("moisture", "1"),
            ("pH", "1"), ("mass concentration", "kg/m³"), ("amount concentration", "mol/m³"),
            ("illuminance", "lx"), ("luminous flux", "lm"), ("sound pressure", "Pa"),
            ("sound pressure level", "dB"), ("dynamic viscosity", "Pa·s"),
            ("kinematic viscosity", "m²/s"), ("thermal conductivity", "W/(m·K)"),
            ("electrolytic conductivity", "S/m"), ("absorbed dose", "Gy"),
            ("dose equivalent", "Sv"), ("activity", "Bq"), ("magnetic flux density", "T"),
            ("refractive index", "1"), ("ratio", "1"), ("rotational speed", "Hz"),
        ]
        var catalog: [String: QuantityKind] = [:]
        for (name, unit) in entries {
            // The catalog's own units are known to parse.
            let dimension = (try? Unit.parse(unit).dimension) ?? .one
            catalog[name] = QuantityKind(name: name, dimension: dimension, unit: unit)
        }
        return catalog
    }()
}
