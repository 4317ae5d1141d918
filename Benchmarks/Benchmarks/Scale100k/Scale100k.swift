import Benchmark
import BenchmarkFixtures

let benchmarks: @Sendable () -> Void = {
    ScaleBenchmarks.register(instruments: 100_000, label: "100k")
}
