/// The identified components of a propagation: independent elementary sources (or
/// exact lumps of them) with their inverse degrees of freedom (0 for infinite).
///
/// A lump of components c_i, always scaled together, is exact for covariances (dot
/// products) and for Welch–Satterthwaite: its value is √Σc_i² and its 1/ν is
/// Σ(c_i⁴/ν_i) / (Σc_i²)², so that value⁴/ν = Σ c_i⁴/ν_i under any scaling.
struct ComponentTable: Sendable {
    var inverseDof: [Double] = []
    var origin: [ComponentOrigin] = []

    mutating func add(_ origin: ComponentOrigin, inverseDof: Double) -> Int32 {
        self.origin.append(origin)
        self.inverseDof.append(inverseDof)
        return Int32(self.origin.count - 1)
    }

    var count: Int { origin.count }
}
