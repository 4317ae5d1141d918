import Benchmark
import BenchmarkFixtures

let benchmarks: @Sendable () -> Void = {
    ScaleBenchmarks.register(instruments: 10_000, label: "10k")
}
