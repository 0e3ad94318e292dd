import GazetteModel

/// The people, units and roles one document mentions, as `TLCPerson`, `TLCOrganization` and
/// `TLCRole` entries with eIds that the inline markup points at.
final class References {
    let prefix: String
    let country: String
    private var organizations: [(eId: String, canonical: String)] = []
    private var people: [(eId: String, name: String)] = []
    private var roles: [(eId: String, label: String)] = []

    init(prefix: String, country: String) {
        self.prefix = prefix
        self.country = country
    }

    /// The eId for a unit, added on first use.
    func organization(_ printed: String, canonical: String) -> String {
        if let known = organizations.first(where: { $0.canonical == canonical }) { return known.eId }
        let eId = "\(prefix)org_\(organizations.count + 1)"
        organizations.append((eId, canonical))
        return eId
    }

    func person(_ name: String) -> String {
        if let known = people.first(where: { $0.name == name }) { return known.eId }
        let eId = "\(prefix)person_\(people.count + 1)"
        people.append((eId, name))
        return eId
    }

    func role(_ label: String) -> String {
        if let known = roles.first(where: { $0.label == label }) { return known.eId }
        let eId = "\(prefix)role_\(roles.count + 1)"
        roles.append((eId, label))
        return eId
    }

    func write(into xml: inout XMLBuilder) {
        // The schema wants at least one reference in a `<references>`: a component with none
        // (no issuer, person or unit named) leaves the element out, the meta declares zhoucun.
        guard prefix.isEmpty || !(organizations.isEmpty && people.isEmpty && roles.isEmpty) else { return }
        xml.open("references", ["source": "#zhoucun"])
        if prefix.isEmpty {  // in a gazette, the issue's own meta declares it once
            xml.empty("TLCOrganization", ["eId": "\(prefix)zhoucun", "href": "/ontology/organization/zhoucun", "showAs": "zhoucun"])
        }
        for organization in organizations {
            xml.empty("TLCOrganization", ["eId": organization.eId, "href": "/ontology/organization/\(country)/\(uriSegment(organization.canonical))", "showAs": organization.canonical])
        }
        for person in people {
            xml.empty("TLCPerson", ["eId": person.eId, "href": "/ontology/person/\(country)/\(uriSegment(person.name))", "showAs": person.name])
        }
        for role in roles {
            xml.empty("TLCRole", ["eId": role.eId, "href": "/ontology/role/\(country)/\(uriSegment(role.label))", "showAs": role.label])
        }
        xml.close("references")
    }
}
