import Foundation
import GazetteStore
import Hummingbird
import Logging
import ModuleSpine

extension OfficeSite {
    /// Serves the site on `host:port` until the process is told to stop (Ctrl-C, SIGTERM);
    /// `started` is called with the address once it listens.
    public func serve(host: String, port: Int, started: @escaping @Sendable (String) -> Void) async throws {
        var logger = Logger(label: "zhoucun.serve")
        logger.logLevel = .warning
        let application = Application(
            router: router(),
            configuration: .init(address: .hostname(host, port: port), serverName: "zhoucun"),
            onServerRunning: { channel in started("http://\(host):\(channel.localAddress?.port ?? port)/") },
            logger: logger
        )
        try await application.runService()
    }
}
