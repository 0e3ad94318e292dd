/// A page's view as dictionaries and arrays, reflected once. Mustache would otherwise reflect a
/// struct anew for every name it looks up, at every level of its context: half of a page's time.
/// A nil optional is left out, as Mustache's own reading leaves it (the name is then looked up
/// further out).
enum ViewTree {
    static func of(_ value: Any) -> Any? {
        if value is String || value is Bool || value is Int { return value }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.flatMap { of($0.value) }
        case .collection, .set:
            return mirror.children.compactMap { of($0.value) }
        case .struct, .class:
            var fields: [String: Any] = [:]
            for child in mirror.children {
                if let label = child.label, let field = of(child.value) { fields[label] = field }
            }
            return fields
        default:
            return value
        }
    }
}
