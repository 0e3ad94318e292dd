import Foundation
// SwiftPM makes `Bundle.module`; a plain swiftc build has none. The fuzzers need no resources.
extension Bundle {
    static let module = Bundle.main
}
