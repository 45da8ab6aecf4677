/// The buddy implementations by name, for command-line options and script headers (`impl=...`).
public enum BuddyImplementation: String, CaseIterable, Hashable, Sendable {
    /// ``BitmapBuddyAllocator``: per-order free bitmaps with summary words (the fast one).
    case bitmap
    /// ``ArrayListBuddyAllocator``: the workshop's lists, `Array` variant.
    case arrayList = "array-list"
    /// ``LinkedListBuddyAllocator``: the workshop's lists, doubly linked variant.
    case linkedList = "linked-list"

    /// The name used on the command line (the raw value).
    public var name: String { rawValue }

    /// The implementation's type.
    public var allocatorType: any BuddyAllocator.Type {
        switch self {
        case .bitmap: BitmapBuddyAllocator.self
        case .arrayList: ArrayListBuddyAllocator.self
        case .linkedList: LinkedListBuddyAllocator.self
        }
    }

    /// A fresh allocator of this implementation.
    public func make(configuration: BuddyConfiguration = .default) -> any BuddyAllocator {
        allocatorType.init(configuration: configuration)
    }
}
