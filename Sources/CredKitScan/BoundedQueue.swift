import Foundation

/// A first-in first-out queue between threads that blocks producers when full, so a fast
/// reader cannot run ahead of the workers and fill memory.
final class BoundedQueue<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Taken slots are emptied at once, so a taken item's storage is the taker's alone.
    private var items: [Element?] = []
    /// Index of the oldest item; taken items before it are dropped in bulk, not one by one.
    private var head = 0
    private var closed = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds an item, waiting while the queue is full.
    func push(_ item: Element) {
        condition.lock()
        while items.count - head >= capacity, !closed { condition.wait() }
        if head > 0, head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// Takes the oldest item, waiting while empty; nil once closed and drained.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count, !closed { condition.wait() }
        guard head < items.count else { return nil }
        let item = items[head]
        items[head] = nil
        head += 1
        condition.broadcast()
        return item
    }

    /// No more items will come.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
