import GazetteModel

/// A small element tree, built for one document at a time from the streaming reader.
final class Node {
    enum Item {
        case element(Node)
        case text(String)
    }

    let name: String
    let attributes: [String: String]
    let line: Int
    let column: Int
    private(set) var items: [Item] = []
    /// The element children, kept as they arrive: the mapper asks for them at every level.
    private(set) var elements: [Node] = []

    init(name: String, attributes: [String: String], line: Int, column: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
        self.column = column
    }

    func append(_ item: Item) {
        items.append(item)
        if case .element(let node) = item { elements.append(node) }
    }

    subscript(attribute: String) -> String? { attributes[attribute] }

    func child(_ name: String) -> Node? { elements.first { $0.name == name } }
    func children(_ name: String) -> [Node] { elements.filter { $0.name == name } }

    /// The first descendant (depth first) with this name.
    func descendant(_ name: String) -> Node? {
        for element in elements {
            if element.name == name { return element }
            if let found = element.descendant(name) { return found }
        }
        return nil
    }

    func descendants(_ name: String) -> [Node] {
        var found: [Node] = []
        forEachDescendant { if $0.name == name { found.append($0) } }
        return found
    }

    /// Every element below, depth first, in document order.
    func forEachDescendant(_ body: (Node) -> Void) {
        for element in elements {
            body(element)
            element.forEachDescendant(body)
        }
    }

    /// All text below, with runs of white space folded to one space and the ends trimmed.
    /// `skip` leaves out elements by name (`inline` page numbers in a table of contents).
    func text(skipping skip: (Node) -> Bool = { _ in false }) -> String {
        var raw = ""
        func collect(_ node: Node) {
            for item in node.items {
                switch item {
                case .text(let text): raw += text
                case .element(let element) where !skip(element): collect(element)
                case .element: break
                }
            }
        }
        collect(self)
        var folded = ""
        var pendingSpace = false
        for character in raw {
            // A character is white space when its first scalar is (as `Character.isWhitespace`).
            if character != "\u{3000}", Normalize.isWhitespace(character.unicodeScalars.first!) {
                pendingSpace = !folded.isEmpty
            } else {
                if pendingSpace { folded.append(" ") }
                pendingSpace = false
                folded.append(character)
            }
        }
        return folded
    }
}
