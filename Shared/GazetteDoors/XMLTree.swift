import XMLCore

/// A small element tree over the streaming reader, for the parts of a package (a few hundred
/// kilobytes each): local names, attributes by local name, text in document order.
struct XMLNode {
    var name: String
    var attributes: [String: String]
    var children: [XMLNode] = []
    /// Character data directly inside this element.
    var text = ""

    static func parse(_ bytes: [UInt8], file: String, part: String) throws -> XMLNode {
        var stack: [XMLNode] = [XMLNode(name: "#document", attributes: [:])]
        do {
            try StreamingXMLReader(bytes: bytes, documentName: part).read { event in
                switch event {
                case .start(let name, _, let attributes, _, _):
                    var values: [String: String] = [:]
                    for attribute in attributes { values[attribute.name] = attribute.value }
                    stack.append(XMLNode(name: name, attributes: values))
                case .end:
                    guard stack.count > 1 else { return }
                    let node = stack.removeLast()
                    stack[stack.count - 1].children.append(node)
                case .text(let text):
                    stack[stack.count - 1].text += text
                }
            }
        } catch let error as XMLReadError {
            throw DoorError(file: file, part: part, message: error.description)
        }
        guard let root = stack.first?.children.first else {
            throw DoorError(file: file, part: part, message: "no root element")
        }
        return root
    }

    subscript(_ attribute: String) -> String? { attributes[attribute] }

    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// Every element of this name below this one, in document order.
    func descendants(_ name: String) -> [XMLNode] {
        var found: [XMLNode] = []
        for child in children {
            if child.name == name { found.append(child) }
            found += child.descendants(name)
        }
        return found
    }
}
