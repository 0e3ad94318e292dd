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

    init(name: String, attributes: [String: String], line: Int, column: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
        self.column = column
    }

    func append(_ item: Item) { items.append(item) }

    subscript(attribute: String) -> String? { attributes[attribute] }

    var elements: [Node] {
        items.compactMap { if case .element(let node) = $0 { node } else { nil } }
    }

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
        elements.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
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
            if character.isWhitespace && character != "\u{3000}" {
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
