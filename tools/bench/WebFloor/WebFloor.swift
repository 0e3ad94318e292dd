import Foundation
import Hummingbird

/// The load benchmark's floor: the same server framework answering one file, read once, for
/// every path, with the content type of a page. `zhoucun-web-floor FILE PORT`.
@main
struct WebFloor {
    static func main() async throws {
        let arguments = CommandLine.arguments
        guard arguments.count == 3, let port = Int(arguments[2]), let data = FileManager.default.contents(atPath: arguments[1]) else {
            FileHandle.standardError.write(Data("usage: zhoucun-web-floor FILE PORT\n".utf8))
            exit(2)
        }
        let page = ByteBuffer(data: data)
        let router = Router()
        // `**` matches one component or more: the root is routed on its own.
        for path in ["/", "**"] {
            router.get(RouterPath(path)) { _, _ in
                Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: page))
            }
        }
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await application.runService()
    }
}
