import Hummingbird

/// Guards the writing endpoints with `Authorization: Bearer <token>`. Without a configured token
/// the server takes no writes at all (403).
struct TokenAuthentication: Sendable {
    /// The token clients must present; nil disables writes.
    let token: String?

    /// Throws 403 when writes are disabled, 401 when the header is missing or the token wrong.
    func authorize(_ request: Request) throws(APIError) {
        guard let token else {
            throw APIError(status: .forbidden, message: "this server takes no uploads or removals: start it with PEERSEARCH_TOKEN set")
        }
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"peersearch\""]
        guard let header = request.headers[.authorization] else {
            throw APIError(status: .unauthorized, message: "missing Authorization: Bearer <token> header", headers: challenge)
        }
        let scheme = Array("bearer ".utf8)
        guard String(decoding: header.utf8.prefix(scheme.count), as: UTF8.self).lowercased().utf8.elementsEqual(scheme),
              Self.constantTimeEquals(Array(header.utf8.dropFirst(scheme.count)), Array(token.utf8)) else {
            throw APIError(status: .unauthorized, message: "wrong token", headers: challenge)
        }
    }

    /// Whether `given` (typed into the upload form) is the token; false when writes are disabled.
    func accepts(_ given: String) -> Bool {
        guard let token else { return false }
        return Self.constantTimeEquals(Array(given.utf8), Array(token.utf8))
    }

    /// Compares without stopping at the first difference, so timing tells nothing about the token.
    private static func constantTimeEquals(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}
