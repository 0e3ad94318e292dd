import CLibXML2

/// An element of a web page, with what it holds in document order.
public struct HTMLElement: Sendable {
    /// Lower case: `div`, `p`, `td`.
    public var name: String
    public var attributes: [String: String]
    public var children: [HTMLContent]
}

public enum HTMLContent: Sendable {
    case element(HTMLElement)
    case text(String)
}

/// Web pages through libxml2's HTML parser, which mends what browsers mend. No network, no
/// scripts, no styles, no comments; the tree is cut at a depth no page needs.
public enum HTMLTreeReader {
    static let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOBLANKS.rawValue)
    static let maximumDepth = 200

    /// `encoding` overrides what the page declares (a page labelled GB2312 is read as GB18030).
    public static func read(_ bytes: [UInt8], encoding: String?) throws -> HTMLElement {
        guard bytes.count < Int(Int32.max) else { throw XMLReadError(line: 1, column: 1, message: "the page is over 2 GiB") }
        silenceDefaultErrorOutput()
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
                .flatMap { htmlReadMemory($0, Int32(buffer.count), "page.html", encoding, options) }
        }
        guard let document else { throw XMLReadError(line: 1, column: 1, message: "libxml2 found no HTML in the file") }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw XMLReadError(line: 1, column: 1, message: "the page has no root element")
        }
        return element(root, depth: 0)
    }

    static func element(_ node: xmlNodePtr, depth: Int) -> HTMLElement {
        var attributes: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            if let name = string(current.pointee.name) {
                // An attribute's value is the text node under it (entities are already resolved in HTML).
                attributes[name.lowercased()] = string(current.pointee.children?.pointee.content) ?? ""
            }
            attribute = current.pointee.next
        }
        var children: [HTMLContent] = []
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let name = (string(current.pointee.name) ?? "").lowercased()
                // Deeper than any page nests is a hostile page: what lies below is dropped.
                if !["script", "style", "noscript", "template"].contains(name), depth < maximumDepth {
                    children.append(.element(element(current, depth: depth + 1)))
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { children.append(.text(String(cString: content))) }
            default:
                break
            }
            child = current.pointee.next
        }
        return HTMLElement(name: (string(node.pointee.name) ?? "").lowercased(), attributes: attributes, children: children)
    }
}
