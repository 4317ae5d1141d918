import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        return max(
            1e-3,
            t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
                / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t))
    }

    static func solveQuantile(probability: Double, dof: Double) -> Double {
        let logNormaliser = lgamma((dof + 1) / 2) - lgamma(dof / 2) - 0.5 * log(dof * Double.pi)
        // From 5 degrees of freedom on, the Cornish–Fisher expansion lands within a few
        // parts in 1e3 of t, and Newton's method converges in two or three steps from there.
        if dof >= 5,
            let t = newton(
                from: cornishFisher(probability: probability, dof: dof), probability: probability,
                dof: dof, logNormaliser: logNormaliser)
        {
            return t
        }
        return bracketedQuantile(probability: probability, dof: dof, logNormaliser: logNormaliser)
    }

    /// The Cornish–Fisher expansion of Student's t quantile in powers of 1/ν around the
    /// normal quantile z (Abramowitz & Stegun 26.7.5).
    static func cornishFisher(probability: Double, dof: Double) -> Double {
        let z = normalQuantile(probability)
        let z2 = z * z
        let g1 = z * (z2 + 1) / 4
        let g2 = z * ((5 * z2 + 16) * z2 + 3) / 96
        let g3 = z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384
        let g4 = z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160
        return z + (g1 + (g2 + (g3 + g4 / dof) / dof) / dof) / dof
    }

    /// How close two successive iterates of t must be to stop, relative to t. The central
    /// probability itself is computed to about 1e-15 near 1 − ε, and much less well at
    /// hundreds of thousands of degrees of freedom, so a tighter tolerance would only
    /// chase rounding noise (and did, for 200 iterations).
    static let quantileTolerance = 1e-12

    /// Newton's method on the central probability from `guess`; nil unless it converges
    /// within a few steps.
    static func newton(from guess: Double, probability: Double, dof: Double, logNormaliser: Double) -> Double? {
        var t = guess
        for _ in 0..<6 {
            guard t > 0, t.isFinite else { return nil }
            let f = centralProbability(t, dof: dof) - probability
            let density = 2 * exp(logNormaliser - (dof + 1) / 2 * log1p(t * t / dof))
            let next = t - f / density
            if abs(next - t) <= quantileTolerance * max(1, t) { return next }
            t = next
        }
        return nil
    }

    /// Bracketing, then safeguarded Newton iterations on the central probability: slow
    /// but sure, for few degrees of freedom.
    static func bracketedQuantile(probability: Double, dof: Double, logNormaliser: Double) -> Double {
        var low = 0.0
        var high = max(2.0, normalQuantile(probability))
        while centralProbability(high, dof: dof) < probability {
            low = high
            high *= 2
            if high > 1e12 { return .infinity }
        }
        var t = min(max(normalQuantile(probability), low), high)
        for _ in 0..<200 {
            let f = centralProbability(t, dof: dof) - probability
            if f > 0 { high = t } else { low = t }
            let density = 2 * exp(logNormaliser - (dof + 1) / 2 * log1p(t * t / dof))
            var next = t - f / density
            if !(next > low && next < high) { next = (low + high) / 2 }
            if abs(next - t) <= quantileTolerance * max(1, t) { return next }
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
