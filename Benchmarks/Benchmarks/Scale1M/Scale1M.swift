import Benchmark
import BenchmarkFixtures

let benchmarks: @Sendable () -> Void = {
    ScaleBenchmarks.register(instruments: 1_000_000, label: "1M")
}
