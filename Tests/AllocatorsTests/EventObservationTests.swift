import Allocators
import Testing

/// One observer type for both allocator families: `wantsEvents` has one declaration and one
/// default (``EventObserver``), so conforming to both observer protocols needs nothing extra.
struct EventObservationTests {
    /// Observes heap and buddy events and declares nothing else.
    struct Counter: HeapEventObserver, BuddyEventObserver {
        var heapEvents: [HeapEvent] = []
        var buddyEvents: [BuddyEvent] = []
        mutating func observe(_ event: HeapEvent) { heapEvents.append(event) }
        mutating func observe(_ event: BuddyEvent) { buddyEvents.append(event) }
    }

    /// Wants no events of either kind.
    struct Silent: HeapEventObserver, BuddyEventObserver {
        static var wantsEvents: Bool { false }
        var seen = 0
        mutating func observe(_ event: HeapEvent) { seen += 1 }
        mutating func observe(_ event: BuddyEvent) { seen += 1 }
    }

    @Test func oneObserverReceivesHeapAndBuddyEvents() throws {
        #expect(Counter.wantsEvents)
        var counter = Counter()
        var buddy = BitmapBuddyAllocator()
        let block = try buddy.allocate(byteCount: 3000, observer: &counter)
        try buddy.deallocate(offset: block, observer: &counter)
        let heap = SegregatedFitHeap(capacity: 1 << 14)
        let chunk = try heap.allocateOffset(byteCount: 100, alignment: 8, observer: &counter)
        try heap.deallocate(offset: chunk, observer: &counter)
        // The same events as two single-kind collectors see on fresh allocators.
        var buddyLog = CollectEvents<BuddyEvent>()
        var freshBuddy = BitmapBuddyAllocator()
        let again = try freshBuddy.allocate(byteCount: 3000, observer: &buddyLog)
        try freshBuddy.deallocate(offset: again, observer: &buddyLog)
        var heapLog = CollectEvents<HeapEvent>()
        let freshHeap = SegregatedFitHeap(capacity: 1 << 14)
        let againChunk = try freshHeap.allocateOffset(byteCount: 100, alignment: 8, observer: &heapLog)
        try freshHeap.deallocate(offset: againChunk, observer: &heapLog)
        #expect(!counter.buddyEvents.isEmpty && !counter.heapEvents.isEmpty)
        #expect(counter.buddyEvents == buddyLog.events)
        #expect(counter.heapEvents == heapLog.events)
    }

    @Test func anObserverOfBothKindsCanWantNoEvents() throws {
        var silent = Silent()
        var buddy = BitmapBuddyAllocator()
        _ = try buddy.allocate(byteCount: 3000, observer: &silent)
        let heap = SegregatedFitHeap(capacity: 1 << 14)
        _ = try heap.allocateOffset(byteCount: 100, alignment: 8, observer: &silent)
        #expect(silent.seen == 0)
        #expect(!IgnoreEvents.wantsEvents)
    }
}
