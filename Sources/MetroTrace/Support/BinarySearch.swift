/// Binary search over positions that are ordered so that `isAfter` is false for a prefix
/// of `range` and true for the rest: the first position where it is true, or
/// `range.upperBound` when there is none.
///
/// The store's sorted columns are searched with it: an item's records by date, the
/// records by date, the id hashes.
///
/// - Complexity: O(log n) calls of `isAfter` for the n positions of `range`.
@inline(__always)
func firstPosition(in range: Range<Int>, where isAfter: (Int) -> Bool) -> Int {
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
        let middle = low + (high - low) / 2
        if isAfter(middle) { high = middle } else { low = middle + 1 }
    }
    return low
}
