#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Synchronization

/// Coverage factors from Student's t distribution (GUM G.3, table G.2) and from the
/// normal distribution, computed here from the regularised incomplete beta function.
public enum StudentT {
    /// The GUM's default coverage probability, erf(√2) ≈ 95.45 %: the probability of
    /// |z| ≤ 2 for a normal variable, so that k = 2 exactly at infinite degrees of freedom.
    public static let defaultProbability: Double = erf(2.0.squareRoot())

    /// P(|Z| ≤ 2), the coverage most certificates state through k = 2, computed once.
    static let normalCoverageAtTwo: Double = erf(2 / 2.0.squareRoot())

    /// The probability that |T| ≤ t for Student's t with `dof` degrees of freedom
    /// (`nil` or infinite: the normal distribution).
    public static func centralProbability(_ t: Double, dof: Double?) -> Double {
        let t = abs(t)
        guard let dof, dof.isFinite else { return t == 2 ? normalCoverageAtTwo : erf(t / 2.0.squareRoot()) }
        let x = dof / (dof + t * t)
        return 1 - regularizedIncompleteBeta(x, a: dof / 2, b: 0.5)
    }

    /// The coverage factor k such that P(|T| ≤ k) = `probability` with `dof` degrees of
    /// freedom (`nil` or infinite: normal). The GUM (G.4.1 note 1) takes t at the
    /// truncated ⌊ν_eff⌋; pass the truncated value if that is what is wanted.
    ///
    /// - Precondition: `0 < probability < 1` and `dof > 0`.
    public static func coverageFactor(probability: Double, dof: Double?) -> Double {
        precondition(probability > 0 && probability < 1, "coverage probability must lie in (0, 1)")
        guard let dof, dof.isFinite, dof < 1e7 else { return normalQuantile(probability) }
        precondition(dof > 0, "degrees of freedom must be positive")
        let key = CacheKey(probability: probability, dof: dof)
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let value = solveQuantile(probability: probability, dof: dof)
        cache.withLock { table in
            if table.count > 100_000 { table.removeAll() }
            table[key] = value
        }
        return value
    }

    /// The two-sided normal quantile z with P(|Z| ≤ z) = `probability`.
    public static func normalQuantile(_ probability: Double) -> Double {
        if probability == defaultProbability { return 2 }
        // Newton's method on erf from a rational first guess; converges to the last bit.
        var z = initialNormalGuess(probability)
        for _ in 0..<50 {
            let f = erf(z / 2.0.squareRoot()) - probability
            let slope = 2.0.squareRoot() / Double.pi.squareRoot() * exp(-z * z / 2)
            let step = f / slope
            z -= step
            if abs(step) <= 1e-15 * z { break }
        }
        return z
    }

    struct CacheKey: Hashable {
        var probability: Double
        var dof: Double
    }

    static let cache = Mutex<[CacheKey: Double]>([:])

    static func initialNormalGuess(_ probability: Double) -> Double {
        // Shore's approximation of the upper-tail quantile, good to about 1 %.
        let tail = (1 - probability) / 2
        let t = (-2 * log(tail)).squareRoot()
        return max(1e-3, t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
            / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t))
    }

    static func solveQuantile(probability: Double, dof: Double) -> Double {
        // Bracket, then safeguarded Newton iterations on the central probability.
        var low = 0.0
        var high = max(2.0, normalQuantile(probability))
        while centralProbability(high, dof: dof) < probability {
            low = high
            high *= 2
            if high > 1e12 { return .infinity }
        }
        var t = min(max(normalQuantile(probability), low), high)
        let logNormaliser = lgamma((dof + 1) / 2) - lgamma(dof / 2) - 0.5 * log(dof * Double.pi)
        for _ in 0..<200 {
            let f = centralProbability(t, dof: dof) - probability
            if f > 0 { high = t } else { low = t }
            let density = 2 * exp(logNormaliser - (dof + 1) / 2 * log1p(t * t / dof))
            var next = t - f / density
            if !(next > low && next < high) { next = (low + high) / 2 }
            if abs(next - t) <= 1e-14 * max(1, t) { return next }
            t = next
        }
        return t
    }

    /// I_x(a, b) by the continued fraction of Numerical Recipes (Lentz's method).
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * betaContinuedFraction(x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * betaContinuedFraction(1 - x, a: b, b: a) / b
    }

    static func betaContinuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...100_000 {
            let m = Double(m)
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
