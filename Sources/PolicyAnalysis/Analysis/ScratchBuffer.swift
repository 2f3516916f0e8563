/// A growable buffer of plain values for hot loops, reused from call to call:
/// appending checks only the capacity, where an array's append also checks
/// that its storage is unique, a call the compiler cannot hoist out of a loop
/// that appends to several arrays.
///
/// Copies share the storage: its one owner frees it with ``deallocate()``.
struct ScratchBuffer<Element: BitwiseCopyable> {
    /// The storage; nil until the first element.
    private(set) var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private(set) var capacity = 0

    init() {}

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { reserve(count + 1) }
        base.unsafelyUnwrapped[count] = element
        count += 1
    }

    /// Makes room for at least `minimumCapacity` values (growing at least
    /// twofold), keeping the first `count`.
    @inline(never)
    mutating func reserve(_ minimumCapacity: Int) {
        guard minimumCapacity > capacity else { return }
        let capacity = max(minimumCapacity, 2 * self.capacity, 256)
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity)
        if let base {
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = grown
        self.capacity = capacity
    }

    /// Sets the count, after values up to it were written through `base`
    /// (within the capacity): for a loop that writes without appending.
    mutating func setCount(_ count: Int) { self.count = count }

    @inline(__always)
    subscript(index: Int) -> Element { base.unsafelyUnwrapped[index] }

    /// Empties the buffer, keeping its storage.
    mutating func removeAll() { count = 0 }

    /// The values, valid until the next append.
    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    func deallocate() { base?.deallocate() }
}
